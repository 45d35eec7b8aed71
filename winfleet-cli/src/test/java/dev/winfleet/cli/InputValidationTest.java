package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 7: inputs named by flags are checked before they are read, and input the reader
 * cannot read whole is refused with exit 2, as {@code check} reports it.
 */
class InputValidationTest {

  private static final String G = "src/test/resources/plan-golden/";
  private static final String PREPULL_FLEET = G + "prepull/fleet.yaml";
  private static final String UPGRADE_FLEET = G + "upgrade/fleet.yaml";
  private static final String CHECK_FLEET = "src/test/resources/dev/winfleet/cli/fleet/fleet.yaml";

  @TempDir Path dir;

  private Path fifo() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    return fifo;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void imagesFileThatIsAFifoIsRefusedNotWaitedOn() throws Exception {
    CliRun run =
        CliRun.of(
            "plan",
            "prepull",
            "--fleet",
            PREPULL_FLEET,
            "--images-file",
            fifo().toString(),
            "--images",
            "mcr.microsoft.com/windows/servercore:ltsc2022",
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--images-file").contains("is not a regular file");
  }

  @Test
  void imagesFileThatIsADeviceIsRefusedWithoutReadingIt() {
    CliRun run =
        CliRun.of(
            "plan",
            "prepull",
            "--fleet",
            PREPULL_FLEET,
            "--images-file",
            "/dev/urandom",
            "--images",
            "mcr.microsoft.com/windows/servercore:ltsc2022",
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a regular file").doesNotContain("Exception");
  }

  @Test
  void imagesThatIsTooLargeIsRefused() throws Exception {
    Path big = dir.resolve("big.json");
    try (var out = Files.newOutputStream(big)) {
      out.write(new byte[] {'['});
      byte[] chunk = new byte[1024 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      for (int i = 0; i < 65; i++) {
        out.write(chunk);
      }
    }
    Path manifest = dir.resolve("pod.yaml");
    Files.writeString(
        manifest,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n"
            + "    - {name: a, image: nginx}\n");
    CliRun run = CliRun.of("check", "--images", big.toString(), manifest.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--images").contains("is larger than 64 MiB");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void dockerConfigThatIsAFifoIsRefused() throws Exception {
    Path manifest = dir.resolve("pod.yaml");
    Files.writeString(
        manifest,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n"
            + "    - {name: a, image: nginx}\n");
    CliRun run =
        CliRun.of(
            "check",
            "--registry-lookup",
            "--docker-config",
            fifo().toString(),
            manifest.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a regular file");
  }

  @Test
  void fleetWorkloadsThatDoNotParseExitTwo() throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n");
    CliRun run = CliRun.of("fleet", "--fleet", CHECK_FLEET, "--workloads", broken.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--workloads").contains("broken.yaml").contains("line");
  }

  @Test
  void planUpgradeRefusesDuplicateKeysAsCheckReportsThem() throws Exception {
    Path dup = dir.resolve("dup.yaml");
    Files.writeString(
        dup,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
            + "spec:\n  replicas: 2\n  replicas: 3\n  template:\n    spec:\n      containers:\n"
            + "        - {name: a, image: mcr.microsoft.com/windows/servercore:ltsc2019}\n");
    CliRun check = CliRun.of("check", dup.toString());
    assertThat(check.out() + check.err()).contains("yaml-duplicate-key");
    CliRun plan =
        CliRun.of(
            "plan",
            "upgrade",
            "--fleet",
            UPGRADE_FLEET,
            "--workloads",
            dup.toString(),
            "--nodes",
            "win19-a",
            "--to",
            "ltsc2022");
    assertThat(plan.exitCode()).as(plan.out()).isEqualTo(ExitCodes.USAGE);
    assertThat(plan.err()).contains("dup.yaml").contains("line 6");
  }
}
