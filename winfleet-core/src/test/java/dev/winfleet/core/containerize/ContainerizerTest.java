package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** What the generated Dockerfiles and manifests say, for apps described by a few files. */
class ContainerizerTest {

  private static final Containerizer CONTAINERIZER = Containerizer.builtIn();

  private static ContainerizeResult run(
      Map<String, String> files, Optional<String> name, Optional<Integer> port) {
    TargetPlatform target =
        TargetChooser.builtIn()
            .fromTarget("ltsc2022", WindowsCatalog.builtIn().parseVersion("ltsc2022"));
    return CONTAINERIZER.containerize(
        new ContainerizeRequest(
            new ProjectFiles("app", files),
            target,
            name,
            port,
            Optional.empty(),
            Optional.empty(),
            "winfleet-out",
            Optional.empty()));
  }

  static ContainerizeResult run(Map<String, String> files) {
    return run(files, Optional.empty(), Optional.empty());
  }

  static String file(ContainerizeResult r, String path) {
    return r.files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError(path + " not generated: " + r.files()))
        .content();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text) {
    return (Map<String, Object>) new Yaml().load(text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> container(Map<String, Object> workload) {
    Map<String, Object> spec = (Map<String, Object>) workload.get("spec");
    Map<String, Object> pod =
        (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    return ((List<Map<String, Object>>) pod.get("containers")).get(0);
  }

  static final String WEB_NET8 =
      "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0"
          + "</TargetFramework></PropertyGroup></Project>";

  @Test
  void restoreRunsFromTheProjectFilesBeforeTheSourcesAreCopied() {
    ContainerizeResult r =
        run(
            Map.of(
                "src/Api/Api.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0"
                    + "</TargetFramework></PropertyGroup><ItemGroup><ProjectReference"
                    + " Include=\"..\\Core\\Core.csproj\" /></ItemGroup></Project>",
                "src/Core/Core.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0"
                    + "</TargetFramework></PropertyGroup></Project>",
                "Directory.Packages.props",
                "<Project/>"));
    String d = file(r, "Dockerfile");

    int copyProject = d.indexOf("COPY [\"src/Core/Core.csproj\", \"src/Core/\"]");
    int restore = d.indexOf("RUN dotnet restore \"src\\Api\\Api.csproj\"");
    int copyAll = d.indexOf("COPY . .");
    assertThat(d).contains("COPY [\"Directory.Packages.props\", \"./\"]");
    assertThat(copyProject).isPositive().isLessThan(restore);
    assertThat(restore).isLessThan(copyAll);
    assertThat(d).contains("--no-restore -o C:\\app");
  }

  @Test
  void dotnet8ListensOnTheImagesPort8080UnlessToldOtherwise() {
    ContainerizeResult byDefault = run(Map.of("Api.csproj", WEB_NET8));
    ContainerizeResult on80 =
        run(Map.of("Api.csproj", WEB_NET8), Optional.empty(), Optional.of(80));

    assertThat(file(byDefault, "Dockerfile"))
        .doesNotContain("ENV ASPNETCORE_HTTP_PORTS")
        .contains("EXPOSE 8080");
    assertThat(container(yaml(file(byDefault, "k8s/deployment.yaml"))).get("ports"))
        .isEqualTo(List.of(Map.of("name", "http", "containerPort", 8080)));
    assertThat(file(on80, "Dockerfile")).contains("ENV ASPNETCORE_HTTP_PORTS=80\nEXPOSE 80");
  }

  @Test
  void aSingleFilePublishRunsTheExecutable() {
    ContainerizeResult r =
        run(
            Map.of(
                "Tool.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType>"
                    + "<TargetFramework>net8.0</TargetFramework><PublishSingleFile>true"
                    + "</PublishSingleFile></PropertyGroup></Project>"));
    String d = file(r, "Dockerfile");

    assertThat(d).contains("ENTRYPOINT [\"C:\\\\app\\\\Tool.exe\"]").contains(" -r win-x64");
    assertThat(d).doesNotContain("\"dotnet\", \"Tool.dll\"");
  }

  @Test
  void namesAndImagesThatYamlWouldMisreadAreQuoted() {
    ContainerizeResult r =
        CONTAINERIZER.containerize(
            new ContainerizeRequest(
                new ProjectFiles("app", Map.of("Api.csproj", WEB_NET8)),
                TargetChooser.builtIn()
                    .fromTarget("ltsc2019", WindowsCatalog.builtIn().parseVersion("ltsc2019")),
                Optional.of("true"),
                Optional.empty(),
                Optional.empty(),
                Optional.of("123"),
                "winfleet-out",
                Optional.empty()));
    Map<String, Object> deployment = yaml(file(r, "k8s/deployment.yaml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) deployment.get("metadata");
    Map<String, Object> c = container(deployment);

    assertThat(metadata.get("name")).isEqualTo("true");
    assertThat(c.get("image")).isEqualTo("123");
    assertThat(file(r, "k8s/deployment.yaml"))
        .contains("node.kubernetes.io/windows-build: \"10.0.17763\"");
    assertThat(yaml(file(r, "k8s/service.yaml")).get("metadata"))
        .isEqualTo(Map.of("name", "true", "labels", Map.of("app.kubernetes.io/name", "true")));
  }

  @Test
  void aProgramThatEndsIsAJob() {
    ContainerizeResult r =
        run(
            Map.of(
                "Import.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType>"
                    + "<TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>",
                "Program.cs",
                "Console.WriteLine(\"done\");"));
    Map<String, Object> job = yaml(file(r, "k8s/job.yaml"));

    assertThat(job.get("kind")).isEqualTo("Job");
    assertThat(r.files()).noneMatch(f -> f.path().equals("k8s/deployment.yaml"));
    assertThat(file(r, "k8s/job.yaml")).contains("restartPolicy: Never");
  }

  @Test
  void aSelfHostedWcfServiceGetsItsPortsAndAService() {
    ContainerizeResult r =
        run(
            Map.of(
                "Host.csproj",
                "<Project><PropertyGroup><OutputType>Exe</OutputType><TargetFrameworkVersion>v4.8"
                    + "</TargetFrameworkVersion></PropertyGroup><ItemGroup><Reference"
                    + " Include=\"System.ServiceModel\" /></ItemGroup></Project>",
                "App.config",
                "<configuration><system.serviceModel><services><service name=\"S\"><host>"
                    + "<baseAddresses><add baseAddress=\"http://localhost:8000/S\" />"
                    + "<add baseAddress=\"net.tcp://localhost:808/S\" /></baseAddresses></host>"
                    + "</service></services></system.serviceModel></configuration>",
                "Program.cs",
                "host.Open(); Console.ReadLine();"));

    assertThat(file(r, "Dockerfile")).contains("EXPOSE 8000 808");
    Map<String, Object> c = container(yaml(file(r, "k8s/deployment.yaml")));
    assertThat(c.get("ports"))
        .isEqualTo(
            List.of(
                Map.of("name", "http-8000", "containerPort", 8000),
                Map.of("name", "net-tcp-808", "containerPort", 808)));
    assertThat(c).containsEntry("stdin", true).containsEntry("tty", true);
    assertThat(file(r, "k8s/service.yaml")).contains("port: 8000").contains("port: 808");
  }

  /** A .NET Framework 4.8 web application project file, served by IIS. */
  static final String WEB_NET48_PROJECT =
      "<Project><PropertyGroup><ProjectTypeGuids>{349c5851-65df-11da-9384-00065b846f21}"
          + "</ProjectTypeGuids><TargetFrameworkVersion>v4.8</TargetFrameworkVersion>"
          + "</PropertyGroup></Project>";

  /** That project with an empty Web.config. */
  static final Map<String, String> IIS_NET48 =
      Map.of("Web.csproj", WEB_NET48_PROJECT, "Web.config", "<configuration/>");

  @Test
  void iisAppsGetAStartupProbeAndLivenessWithoutALongDelay() {
    ContainerizeResult r = run(IIS_NET48);
    Map<String, Object> c = container(yaml(file(r, "k8s/deployment.yaml")));

    assertThat(c).containsKey("startupProbe");
    @SuppressWarnings("unchecked")
    Map<String, Object> startup = (Map<String, Object>) c.get("startupProbe");
    assertThat(startup).containsEntry("failureThreshold", 30).containsEntry("periodSeconds", 10);
    @SuppressWarnings("unchecked")
    Map<String, Object> liveness = (Map<String, Object>) c.get("livenessProbe");
    assertThat(liveness).doesNotContainKey("initialDelaySeconds");
  }

  @Test
  void windowsAuthenticationInstallsTheIisFeatureAndNamesAGmsaCredentialSpec() {
    ContainerizeResult r =
        run(
            Map.of(
                "Web.csproj",
                WEB_NET48_PROJECT,
                "Web.config",
                "<configuration><system.webServer><security><authentication>"
                    + "<windowsAuthentication enabled=\"true\" /></authentication></security>"
                    + "</system.webServer></configuration>"));

    assertThat(file(r, "Dockerfile")).contains("Install-WindowsFeature Web-Windows-Auth");
    assertThat(file(r, "k8s/deployment.yaml"))
        .contains("windowsOptions:\n          gmsaCredentialSpecName: web-gmsa");
    String gmsa = file(r, "k8s/gmsa-credspec.yaml");
    List<Object> docs = new java.util.ArrayList<>();
    new Yaml().loadAll(gmsa).forEach(docs::add);
    assertThat(docs).hasSize(3);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) docs.get(0);
    assertThat(spec).containsEntry("kind", "GMSACredentialSpec");
    assertThat(spec).containsEntry("apiVersion", "windows.k8s.io/v1");
    assertThat(StillToDo.of(r.apps().get(0)))
        .anyMatch(t -> t.topic().equals("Windows authentication"));
  }

  @Test
  void appDataIsAClaimWhenItHoldsDataAndScratchSpaceWhenItIsEmpty() {
    String project =
        "<Project><PropertyGroup><ProjectTypeGuids>{349c5851-65df-11da-9384-00065b846f21}"
            + "</ProjectTypeGuids><TargetFrameworkVersion>v4.8</TargetFrameworkVersion>"
            + "</PropertyGroup><ItemGroup><Folder Include=\"App_Data\\\" /></ItemGroup></Project>";
    ContainerizeResult empty = run(Map.of("Web.csproj", project, "Web.config", "<configuration/>"));
    ContainerizeResult data =
        run(
            Map.of(
                "Web.csproj", project, "Web.config", "<configuration/>", "App_Data/blog.xml", ""));

    assertThat(file(empty, "k8s/deployment.yaml")).contains("emptyDir: {}");
    assertThat(empty.files()).noneMatch(f -> f.path().equals("k8s/app-data-pvc.yaml"));
    assertThat(file(data, "k8s/deployment.yaml"))
        .contains("claimName: web-app-data")
        .contains("mountPath: C:\\inetpub\\wwwroot\\App_Data");
    assertThat(yaml(file(data, "k8s/app-data-pvc.yaml")))
        .containsEntry("kind", "PersistentVolumeClaim");
  }

  @Test
  void connectionStringsComeFromASecretAndTheJsonListsWhatIsLeftToDo() {
    ContainerizeResult r =
        run(
            Map.of(
                "Api.csproj",
                WEB_NET8,
                "appsettings.json",
                "{ \"ConnectionStrings\": { \"Db\": \"Server=(localdb)\\\\mssqllocaldb;Trusted_Connection=True\" },"
                    + " \"Serilog\": { \"WriteTo\": [ { \"Name\": \"File\", \"Args\": { \"path\": \"logs/x.txt\" } } ] } }"));
    Map<String, Object> c = container(yaml(file(r, "k8s/deployment.yaml")));

    assertThat(c.get("env"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "ConnectionStrings__Db",
                    "valueFrom",
                    Map.of(
                        "secretKeyRef", Map.of("name", "api-connection-strings", "key", "Db")))));
    assertThat(r.json())
        .contains("\"topic\" : \"connection strings\"")
        .contains("LocalDB")
        .contains("\"kind\" : \"file\"")
        .contains("logs/x.txt");
  }
}
