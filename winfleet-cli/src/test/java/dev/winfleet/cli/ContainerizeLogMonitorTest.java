package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** containerize and LogMonitor where the output folder matters. */
class ContainerizeLogMonitorTest {

  @TempDir Path temp;

  private Path staticSite() throws IOException {
    Path app = temp.resolve("site");
    Files.createDirectories(app);
    Files.writeString(app.resolve("index.html"), "<html><body>hello</body></html>");
    return app;
  }

  @Test
  void aConfigInsideTheContextIsCopiedFromWhereItWasWritten() throws IOException {
    Path app = staticSite();

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2022");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(app.resolve("winfleet-out/LogMonitorConfig.json")).exists();
    assertThat(Files.readString(app.resolve("winfleet-out/Dockerfile")))
        .contains("COPY winfleet-out/LogMonitorConfig.json C:\\LogMonitor\\LogMonitorConfig.json")
        .doesNotContain("outside the build context");
  }

  @Test
  void aConfigOutsideTheContextIsCopiedFromTheContextRootWithANote() throws IOException {
    Path app = staticSite();
    Path out = temp.resolve("elsewhere");

    CliRun run =
        CliRun.of("containerize", app.toString(), "--target", "ltsc2022", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("LogMonitorConfig.json")).exists();
    assertThat(Files.readString(out.resolve("Dockerfile")))
        .contains(
            "# LogMonitorConfig.json was written to "
                + out
                + ", outside the build context: copy it into the context's root first.")
        .contains("COPY LogMonitorConfig.json C:\\LogMonitor\\LogMonitorConfig.json");
  }
}
