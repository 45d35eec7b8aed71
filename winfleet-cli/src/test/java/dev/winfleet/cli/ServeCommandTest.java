package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.WindowsNodeTaints;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void needsACertificateAndKey() {
    CliRun run = CliRun.of("serve");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--tls-cert").contains("--tls-key");
  }

  @Test
  void aMissingFleetFileIsAUsageErrorNamingIt() {
    CliRun run =
        CliRun.of(
            "serve",
            "--tls-cert",
            "a",
            "--tls-key",
            "b",
            "--fleet",
            dir.resolve("fleet.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--fleet").contains("fleet.yaml: no such file");
  }

  @Test
  void aNegativeWarmUpIsAUsageErrorAndZeroIsAccepted() {
    CliRun negative = CliRun.of("serve", "--tls-cert", "a", "--tls-key", "b", "--warm-up", "-1s");
    assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(negative.err())
        .contains("--warm-up")
        .contains("'-1s' is negative; give 0s (to skip) or a longer duration such as 2s");
    // 0s is "no warm-up": the command goes on and stops at the next problem, the missing file.
    CliRun zero =
        CliRun.of(
            "serve",
            "--tls-cert",
            dir.resolve("missing.crt").toString(),
            "--tls-key",
            "k",
            "--warm-up",
            "0s",
            "--policy-mode=noop");
    assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).doesNotContain("--warm-up").contains("cannot read --tls-cert");
  }

  @Test
  void contextNeedsAKubeconfig() {
    CliRun run = CliRun.of("serve", "--tls-cert", "a", "--tls-key", "b", "--context", "prod");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--context needs --kubeconfig");
  }

  @Test
  void anUnreadableCertificateIsAUsageErrorNamingTheFile() {
    CliRun run =
        CliRun.of(
            "serve",
            "--tls-cert",
            dir.resolve("missing.crt").toString(),
            "--tls-key",
            "k",
            "--policy-mode=noop");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("cannot read --tls-cert").contains("missing.crt");
    // Said before the policy's warm-up (default 2 s), not after it.
    assertThat(run.err()).doesNotContain("warmed up");
  }

  @Test
  void aKeyThatIsNotAKeyIsReported() throws Exception {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "not a certificate");
    CliRun run =
        CliRun.of(
            "serve",
            "--tls-cert",
            cert.toString(),
            "--tls-key",
            cert.toString(),
            "--policy-mode=noop");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a PEM certificate").doesNotContain("\tat ");
  }

  @Test
  void rejectsBadTaintsAndDurations() {
    CliRun taint =
        CliRun.of("serve", "--tls-cert", "a", "--tls-key", "b", "--windows-taint", "os=windows");
    assertThat(taint.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(taint.err()).contains("key[=value]:Effect");
    CliRun duration =
        CliRun.of("serve", "--tls-cert", "a", "--tls-key", "b", "--registry-timeout", "soon");
    assertThat(duration.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(duration.err()).contains("not a duration");
  }

  @Test
  void helpNamesEveryWindowsNodeTaintOfTheDataFile() {
    // The default of --windows-taint is the core's data file; the help text must not drift from it.
    // picocli wraps the text, so compare without white space.
    String help = CliRun.of("serve", "--help").out().replaceAll("\\s+", "");
    for (Taint t : WindowsNodeTaints.builtIn().taints()) {
      assertThat(help).contains(t.toString());
    }
  }

  @Test
  void fleetFileAndKubeconfigExcludeEachOther() {
    CliRun run =
        CliRun.of(
            "serve", "--tls-cert", "a", "--tls-key", "b", "--fleet", "f.yaml", "--kubeconfig", "k");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("give either --fleet or --kubeconfig, not both");
  }

  @Test
  void helpListsTheFlags() {
    CliRun run = CliRun.of("serve", "--help");
    assertThat(run.out())
        .contains(
            "--port",
            "--tls-cert",
            "--fleet",
            "--kubeconfig",
            "--deny-on",
            "--registry-timeout",
            "--no-linux-selector",
            "--windows-taint",
            "--no-registry",
            "--context",
            "Exit codes")
        .doesNotContain("--policy-mode");
  }

  @Test
  void tokenReviewAndATokenFileExcludeEachOther() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret");
    CliRun run =
        CliRun.of(
            "serve",
            "--tls-cert",
            "a",
            "--tls-key",
            "b",
            "--dashboard-auth",
            "tokenreview",
            "--dashboard-token-file",
            token.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--dashboard-auth tokenreview")
        .contains("--dashboard-token-file");
  }

  @Test
  void tokenAuthNeedsATokenFile() {
    CliRun run =
        CliRun.of("serve", "--tls-cert", "a", "--tls-key", "b", "--dashboard-auth", "token");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--dashboard-auth token needs --dashboard-token-file");
  }

  @Test
  void unknownDashboardAuthIsAUsageError() {
    CliRun run =
        CliRun.of("serve", "--tls-cert", "a", "--tls-key", "b", "--dashboard-auth", "oidc");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--dashboard-auth");
  }

  @Test
  void helpExplainsTokenReview() {
    CliRun run = CliRun.of("serve", "--help");
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("--dashboard-auth")
        .contains("tokenreview")
        .contains("SubjectAccessReview")
        .contains("/winfleet/dashboard")
        .contains("system:auth-delegator");
  }
}
