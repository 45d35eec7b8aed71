<%@ Application Codebehind="Global.asax.cs" Inherits="eShopLegacyMVC.MvcApplication" Language="C#" %>
