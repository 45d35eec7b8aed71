using System.ServiceProcess;
namespace Contoso
{
    public partial class ReportService : ServiceBase
    {
        public ReportService() { ServiceName = "ContosoReports"; }
        protected override void OnStart(string[] args) { }
    }
}
