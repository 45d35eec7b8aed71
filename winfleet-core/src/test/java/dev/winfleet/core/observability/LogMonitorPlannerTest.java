package dev.winfleet.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.winfleet.core.testing.GoldenFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The LogMonitor configs for IIS, Windows services and console apps, as golden files, each valid
 * against the LogMonitorConfig schema (see src/test/resources/observability/logmonitor/README.md).
 * Regenerate the goldens with {@code -Dwinfleet.updateGoldens=true} ({@link GoldenFiles}).
 */
class LogMonitorPlannerTest {

  private static final String DIR = "/observability/logmonitor/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(resource("LogMonitorConfig.schema.json"));

  private final LogMonitorPlanner planner = LogMonitorPlanner.builtIn();

  private static InputStream resource(String name) {
    InputStream in = LogMonitorPlannerTest.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + DIR + name);
    }
    return in;
  }

  private static String text(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Error> validate(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return SCHEMA.validate(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertGolden(String name, String actual) {
    GoldenFiles.assertMatches(Path.of("src/test/resources" + DIR + name), actual);
  }

  @Test
  void iisConfigForwardsSiteLogsIisEtwAndAspNetWarnings() throws IOException {
    LogMonitorSetup setup =
        planner.plan(
            AppLogProfile.IIS,
            List.of("C:\\ServiceMonitor.exe", "w3svc"),
            "winfleet-out/LogMonitorConfig.json",
            List.of());

    assertThat(setup.needed()).isTrue();
    assertGolden("iis.expected.json", setup.config().orElseThrow());
    assertThat(validate(setup.config().orElseThrow())).isEmpty();
    assertThat(setup.entrypointInstruction())
        .isEqualTo(
            "ENTRYPOINT [\"C:\\\\LogMonitor\\\\LogMonitor.exe\", \"C:\\\\ServiceMonitor.exe\","
                + " \"w3svc\"]");
    assertThat(setup.installLines())
        .containsSubsequence(
            "ADD https://github.com/microsoft/windows-container-tools/releases/download/v2.1.3/"
                + "LogMonitor.exe C:\\LogMonitor\\LogMonitor.exe",
            "COPY winfleet-out/LogMonitorConfig.json C:\\LogMonitor\\LogMonitorConfig.json");
  }

  @Test
  void windowsServiceConfigForwardsTheApplicationLogAndTheServicesOwnLog() throws IOException {
    List<String> custom =
        LogMonitorPlanner.customEventLogs(
            Map.of(
                "Worker/OrderService.cs",
                "if (!EventLog.SourceExists(\"Orders\")) {\n"
                    + "  EventLog.CreateEventSource(\"Orders\", \"OrdersLog\");\n}",
                "Worker/Readme.md",
                "EventLog.CreateEventSource(\"Ignored\", \"NotCode\")"));
    LogMonitorSetup setup =
        planner.plan(
            AppLogProfile.WINDOWS_SERVICE,
            List.of("powershell", "-Command", "Start-Service Orders"),
            "LogMonitorConfig.json",
            custom);

    assertThat(custom).containsExactly("OrdersLog");
    assertGolden("windows-service.expected.json", setup.config().orElseThrow());
    assertThat(validate(setup.config().orElseThrow())).isEmpty();
    assertThat(setup.entrypoint())
        .containsExactly(
            "C:\\LogMonitor\\LogMonitor.exe", "powershell", "-Command", "Start-Service Orders");
  }

  @Test
  void consoleAppNeedsNoLogMonitor() {
    LogMonitorSetup setup =
        planner.plan(
            AppLogProfile.CONSOLE,
            List.of("C:\\app\\Tool.exe"),
            "LogMonitorConfig.json",
            List.of());

    assertThat(setup.needed()).isFalse();
    assertThat(setup.installLines()).isEmpty();
    assertThat(setup.entrypoint()).containsExactly("C:\\app\\Tool.exe");
    assertThat(setup.reasons()).anyMatch(r -> r.contains("stdout"));
  }

  @Test
  void consoleAppThatWritesItsOwnEventLogGetsAnEventLogOnlyConfig() throws IOException {
    LogMonitorSetup setup =
        planner.plan(
            AppLogProfile.CONSOLE,
            List.of("C:\\app\\Tool.exe"),
            "LogMonitorConfig.json",
            List.of("Application", "ToolLog"));

    assertGolden("console-eventlog.expected.json", setup.config().orElseThrow());
    assertThat(validate(setup.config().orElseThrow())).isEmpty();
  }

  @Test
  void anEntrypointThatAlreadyStartsLogMonitorIsLeftAlone() {
    List<String> entrypoint =
        List.of("C:\\LogMonitor\\LogMonitor.exe", "C:\\ServiceMonitor.exe", "w3svc");
    LogMonitorSetup setup =
        planner.plan(AppLogProfile.IIS, entrypoint, "LogMonitorConfig.json", List.of());

    assertThat(setup.needed()).isFalse();
    assertThat(setup.entrypoint()).isEqualTo(entrypoint);
  }

  @Test
  void microsoftsOwnIisSampleIsValidAgainstTheSchema() {
    assertThat(validate(text("iis-sample-d07608d.json"))).isEmpty();
  }

  @Test
  void schemaRefusesATypoAndAMissingRequiredField() {
    String typo =
        "{\"LogConfig\": {\"sources\": [{\"type\": \"File\", \"directory\": \"c:\\\\logs\","
            + " \"includeSubdirectory\": true}]}}";
    String noChannels =
        "{\"LogConfig\": {\"sources\": [{\"type\": \"EventLog\", \"startAtOldestRecord\": true}]}}";

    assertThat(validate(typo)).isNotEmpty();
    assertThat(validate(noChannels)).isNotEmpty();
  }
}
