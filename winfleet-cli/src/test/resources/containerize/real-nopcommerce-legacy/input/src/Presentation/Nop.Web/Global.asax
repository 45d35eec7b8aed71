<%@ Application Codebehind="Global.asax.cs" Inherits="Nop.Web.MvcApplication" Language="C#" %>
