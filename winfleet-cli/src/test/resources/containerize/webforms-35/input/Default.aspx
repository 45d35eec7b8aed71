<%@ Page Language="C#" %><html><body>Intranet</body></html>
