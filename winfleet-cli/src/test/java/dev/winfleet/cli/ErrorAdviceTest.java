package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.planning.MissingImageLayersException;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.TargetWithoutRevisionException;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core's exceptions name the problem and carry its fields, never a flag; the command line adds
 * its flags in one place ({@link ErrorReporter#advice}, {@link FindingsPrinter#guessNote}).
 */
class ErrorAdviceTest {

  @Test
  void missingLayersAdviceNamesTheFlagsThatGiveThem() {
    MissingImageLayersException e =
        new MissingImageLayersException(List.of("registry.example.com/app:1"));
    assertThat(e.getMessage()).doesNotContain("--");
    assertThat(ErrorReporter.advice(e))
        .startsWith("no layer information for registry.example.com/app:1")
        .contains("--registry-lookup", "winfleet inspect --json --layers", "--images-file");
  }

  @Test
  void targetWithoutRevisionAdviceNamesTheCommandThatListsTheRevisions() {
    TargetWithoutRevisionException e = new TargetWithoutRevisionException(OsVersion.ofBuild(20348));
    assertThat(e.getMessage()).doesNotContain("--").contains("10.0.20348.<revision>");
    assertThat(ErrorReporter.advice(e))
        .endsWith("('winfleet releases --updates 20348' lists them)");
  }

  @Test
  void otherPlanningExceptionsAreShownAsTheyAre() {
    assertThat(ErrorReporter.advice(new PlanningException("no node named x")))
        .isEqualTo("no node named x");
  }

  @Test
  void checkSaysOnceWhichFlagsTurnGuessesIntoFacts() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: mystery}
        spec:
          containers:
            - {name: c, image: "registry.example.com/team/mystery:1.0"}
        """;
    CliRun run = CliRun.runWithStdin(pod, "check", "-");
    assertThat(run.out())
        .contains("image-os-unknown")
        .contains(
            "note: 1 finding rests on a guess, not a fact: --registry-lookup, or --images FILE"
                + " ('winfleet images lock') gives winfleet the images' facts.");
    CliRun json = CliRun.runWithStdin(pod, "check", "-", "-o", "json");
    assertThat(json.out()).doesNotContain("note:");
  }
}
