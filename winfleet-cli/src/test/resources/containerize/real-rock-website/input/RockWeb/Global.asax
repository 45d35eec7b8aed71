<%@ Application Language="C#" Inherits="RockWeb.Global" %>
