static class Program { static void Main() { System.ServiceProcess.ServiceBase.Run(new Contoso.ReportService()); } }
