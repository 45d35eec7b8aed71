package dev.winfleet.core.containerize;

import dev.winfleet.core.containerize.AppDetails.ConnectionString;
import dev.winfleet.core.containerize.AppDetails.LogDestination;
import dev.winfleet.core.containerize.AppDetails.Todo;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user must still do before the app works in a container, in one list for REPORT.md and
 * containerize.json: what detection found (references, unreadable configuration) and what follows
 * from the plan (connection strings, Windows authentication, logs, App_Data, console input).
 */
final class StillToDo {

  private StillToDo() {}

  static List<Todo> of(AppPlan plan) {
    DetectedApp app = plan.app();
    AppDetails d = app.details();
    List<Todo> out = new ArrayList<>();
    String secret = ManifestWriter.secretName(plan);
    if (!d.connectionStrings().isEmpty()) {
      List<String> findings = new ArrayList<>();
      List<String> variables = new ArrayList<>();
      StringBuilder create = new StringBuilder("kubectl create secret generic " + secret);
      for (ConnectionString cs : d.connectionStrings()) {
        findings.add(
            cs.source()
                + ": "
                + cs.name()
                + (cs.problems().isEmpty() ? "" : " (" + String.join("; ", cs.problems()) + ")"));
        variables.add(cs.envVar() + " (key " + ManifestWriter.secretKey(cs) + ")");
        create
            .append(" --from-literal=")
            .append(ManifestWriter.secretKey(cs))
            .append("='<connection string>'");
      }
      String reads =
          app.runtime() == AppRuntime.DOTNET
              ? "ASP.NET Core and the .NET configuration read them over appsettings"
              : ".NET Framework reads them only through a configuration builder (4.7.1+): add the"
                  + " Microsoft.Configuration.ConfigurationBuilders.Environment package and"
                  + " <connectionStrings configBuilders=\"Environment\"> (Strict mode replaces"
                  + " entries whose name matches a variable;"
                  + " https://learn.microsoft.com/aspnet/config-builder)";
      out.add(
          new Todo(
              "connection strings",
              String.join("; ", findings),
              "the Deployment sets "
                  + String.join(", ", variables)
                  + " from Secret "
                  + secret
                  + "; "
                  + reads
                  + ". Create the Secret before applying: "
                  + create));
    }
    if (d.windowsAuth().isPresent()) {
      out.add(
          new Todo(
              "Windows authentication",
              d.windowsAuth().get(),
              "containers are not domain-joined: create a group Managed Service Account (gMSA)"
                  + " in Active Directory, allow the Windows nodes to retrieve its password,"
                  + " install the GMSACredentialSpec CRD and webhook, fill in"
                  + " k8s/gmsa-credspec.yaml (New-CredentialSpec) and apply it; the pod names it"
                  + " in securityContext.windowsOptions.gmsaCredentialSpecName"
                  + (app.runtime() == AppRuntime.DOTNET
                      ? ""
                      : "; the Dockerfile installs the IIS feature Web-Windows-Auth")
                  + " (https://kubernetes.io/docs/tasks/configure-pod-container/configure-gmsa/)"));
    }
    out.addAll(d.todo());
    List<LogDestination> hidden =
        d.logs().stream().filter(l -> !l.kind().equals("stdout")).toList();
    if (!hidden.isEmpty()) {
      List<String> where = new ArrayList<>();
      for (LogDestination l : hidden) {
        where.add(
            l.kind() + (l.where().isEmpty() ? "" : " " + l.where()) + " (" + l.source() + ")");
      }
      out.add(
          new Todo(
              "logs",
              "logs go to " + String.join("; ", where),
              "kubectl logs shows only standard output: write to the console, or run the"
                  + " entry point under Microsoft's LogMonitor, which copies Event Log entries,"
                  + " ETW and log files to standard output"
                  + " (https://github.com/microsoft/windows-container-tools/tree/main/LogMonitor)"));
    }
    if (ManifestWriter.appDataPath(plan) != null) {
      if (d.appDataPersistent()) {
        out.add(
            new Todo(
                "storage",
                "App_Data holds data the app keeps (files in it, or a |DataDirectory| connection"
                    + " string)",
                "k8s/app-data-pvc.yaml claims 1Gi from the default StorageClass, mounted on"
                    + " App_Data and seeded from the image the first time; the StorageClass must"
                    + " serve Windows nodes (SMB or disk CSI driver with a Windows node plugin),"
                    + " one replica (ReadWriteOnce) is all it allows, and the IIS application pool"
                    + " identity needs write access to the volume"));
      } else {
        out.add(
            new Todo(
                "storage",
                "the project has an empty App_Data folder",
                "App_Data is an emptyDir: writable scratch space that is lost when the pod goes;"
                    + " if the app keeps data there, use a PersistentVolumeClaim instead"));
      }
    }
    if (d.waitsOnConsole().isPresent()) {
      out.add(
          new Todo(
              "console input",
              d.waitsOnConsole().get(),
              "a pod has no console: without one, Console.ReadLine returns at once and the"
                  + " program ends; the manifest sets stdin and tty so that it keeps waiting."
                  + " Better: wait on a signal or Thread.Sleep(Timeout.Infinite)"));
    }
    if (d.webSite()) {
      out.add(
          new Todo(
              "first request",
              (app.source().isEmpty() ? "the folder" : app.source())
                  + " is an ASP.NET Web Site, compiled on the server",
              "ASP.NET compiles App_Code and the pages on the first request: the startupProbe"
                  + " allows 5 minutes; precompile with aspnet_compiler to start faster"));
    }
    return out;
  }
}
