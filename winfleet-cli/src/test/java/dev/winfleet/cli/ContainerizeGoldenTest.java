package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code winfleet containerize}: each folder under {@code
 * src/test/resources/containerize/} holds an app ({@code input/}), the command's arguments ({@code
 * args}, plus a {@code fleet.yaml} when they name one) and the files it must write ({@code
 * expected/}).
 *
 * <p>After an intended change of the output, regenerate the expected files and review the diff:
 *
 * <pre>
 * ./mvnw -pl winfleet-cli -am verify -Dwinfleet.updateGoldens=true -Dtest=ContainerizeGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ContainerizeGoldenTest {

  static final Path CASES = Paths.get("src/test/resources/containerize");
  static final boolean UPDATE = GoldenFiles.updating();

  static Stream<String> cases() throws IOException {
    try (Stream<Path> list = Files.list(CASES)) {
      return list
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesTheExpectedFiles(String name, @TempDir Path temp) throws IOException {
    Path caseDir = CASES.resolve(name);
    Path app = temp.resolve(name);
    copy(caseDir.resolve("input"), app);
    List<String> args = new ArrayList<>();
    args.add("containerize");
    args.add(app.toString());
    for (String a : Files.readString(caseDir.resolve("args")).trim().split("\\s+")) {
      args.add(a.equals("fleet.yaml") ? caseDir.resolve("fleet.yaml").toString() : a);
    }

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    TreeMap<String, String> actual = readTree(app.resolve("winfleet-out"));
    Path expectedDir = caseDir.resolve("expected");
    if (UPDATE) {
      deleteTree(expectedDir);
      for (var e : actual.entrySet()) {
        Path f = expectedDir.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
      }
    }
    TreeMap<String, String> expected = readTree(expectedDir);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (var e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as(name + "/" + e.getKey()).isEqualTo(e.getValue());
    }
    assertPassesTheChecker(app.resolve("winfleet-out"), caseDir, args);
  }

  /**
   * REPORT.md tells people which flag to give next: each flag it names outside another tool's
   * command line (kubectl, dotnet) is an option of {@code winfleet containerize}, and of {@code
   * --target} and {@code --fleet}, which exclude each other, it suggests the one not given only in
   * place of the one given.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theReportNamesOnlyOptionsOfContainerize(String name) throws IOException {
    Path caseDir = CASES.resolve(name);
    String report = Files.readString(caseDir.resolve("expected").resolve("REPORT.md"));
    picocli.CommandLine.Model.CommandSpec containerize =
        Main.newCommandLine().getSubcommands().get("containerize").getCommandSpec();
    java.util.regex.Matcher flags =
        java.util.regex.Pattern.compile("(?<![\\w-])--[a-z][a-z-]*")
            .matcher(report.replaceAll("(kubectl|dotnet) [^`\\n;]*", ""));
    List<String> named = new ArrayList<>();
    while (flags.find()) {
      named.add(flags.group());
    }
    assertThat(named).as("flags named in %s/REPORT.md", name).isNotEmpty();
    assertThat(named)
        .allSatisfy(
            f -> assertThat(containerize.findOption(f)).as(f + " is an option").isNotNull());

    boolean targetGiven = Files.readString(caseDir.resolve("args")).contains("--target");
    String given = targetGiven ? "--target" : "--fleet";
    String other = targetGiven ? "--fleet" : "--target";
    report
        .lines()
        .filter(line -> line.contains(other + " "))
        .forEach(line -> assertThat(line).contains("instead of " + given));
  }

  /**
   * The generated manifests pass {@code winfleet check} without errors against the fleet they were
   * made for: the case's fleet file, or for {@code --target} a fleet of a Linux node and a tainted
   * Windows node of that build.
   */
  private static void assertPassesTheChecker(Path out, Path caseDir, List<String> args)
      throws IOException {
    Path fleet = caseDir.resolve("fleet.yaml");
    if (!Files.exists(fleet)) {
      String target = args.get(args.indexOf("--target") + 1);
      fleet = out.resolveSibling("target-fleet.yaml");
      Files.writeString(
          fleet, targetFleet(WindowsCatalog.builtIn().parseVersion(target).buildString()));
    }
    // The k8s folders, as REPORT.md says: the rest (Dockerfile, LogMonitorConfig.json) is not YAML
    // for Kubernetes.
    List<String> checkArgs = new java.util.ArrayList<>(List.of("check"));
    try (Stream<Path> walk = Files.walk(out)) {
      walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals("k8s"))
          .sorted()
          .forEach(p -> checkArgs.add(p.toString()));
    }
    checkArgs.addAll(List.of("--fail-on", "error", "--fleet", fleet.toString()));
    CliRun check = CliRun.of(checkArgs.toArray(String[]::new));
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).as("the checker read the manifests").contains("object");
  }

  private static String targetFleet(String build) {
    return """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Node
            metadata:
              name: linux-1
              labels: {kubernetes.io/os: linux, kubernetes.io/arch: amd64}
            status:
              nodeInfo: {kubeletVersion: v1.30.4, operatingSystem: linux, architecture: amd64}
          - apiVersion: v1
            kind: Node
            metadata:
              name: windows-1
              labels:
                kubernetes.io/os: windows
                kubernetes.io/arch: amd64
                node.kubernetes.io/windows-build: "%s"
            spec:
              taints: [{key: os, value: windows, effect: NoSchedule}]
            status:
              nodeInfo: {kubeletVersion: v1.30.4, operatingSystem: windows, architecture: amd64}
        """
        .formatted(build);
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static TreeMap<String, String> readTree(Path dir) throws IOException {
    TreeMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    return files;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
