<%@ Application Inherits="Portal.Global" %>
