package dev.winfleet.cli;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.core.image.RegistryMirrors;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.registry.api.InspectionResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winfleet images}: image facts for places without a registry at hand. */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    description = "Image facts for places without a registry at hand (air-gapped clusters, CI).",
    subcommands = {ImagesCommand.Lock.class})
final class ImagesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a subcommand: winfleet images lock DIR... -o images.lock.json");
  }

  /** {@code winfleet images lock}: reads every image the manifests use, once, into a lock file. */
  @Command(
      name = "lock",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Read every image the manifests use from its registry, once, and write a lock file with"
            + " each image's digest, platforms and Windows os.version. check --images FILE (and"
            + " the other commands that take --images) then judge the manifests on these facts,"
            + " with no registry access. Credentials come from Docker's config.json.",
        ""
      },
      footerHeading = "%nExit codes:%n",
      footer = {
        "  0  every image was read",
        "  1  some image could not be read (the lock file records why; the rest is written)",
        "  2  bad usage or unreadable input",
        "",
        "Examples:",
        "  winfleet images lock k8s/ -o images.lock.json",
        "  helm template ./chart | winfleet images lock - -o images.lock.json",
        "  winfleet check k8s/ --images images.lock.json"
      })
  static final class Lock implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
        arity = "1..*",
        paramLabel = "PATH",
        description = "Manifest files or directories ('-' for stdin).")
    List<String> paths;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE",
        description = "The lock file to write (the format of 'winfleet inspect --json').")
    Path output;

    @Mixin RegistryAccessOptions registries = new RegistryAccessOptions();

    @Mixin RegistryMirrorOptions mirrorOptions = new RegistryMirrorOptions();

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        description = "Give up on images not read within this many seconds (default: 120).")
    int timeoutSeconds = 120;

    @Override
    public Integer call() throws IOException {
      if (timeoutSeconds < 1) {
        throw new UserException("--timeout must be at least 1 second, not " + timeoutSeconds);
      }
      Set<String> images = new TreeSet<>();
      for (ManifestSources.Source source : ManifestSources.collect(paths)) {
        String text = ManifestSources.read(source, System.in);
        for (ManifestObject o : ManifestReader.defaults().read(source.name(), text).objects()) {
          PodTemplate.of(o).ifPresent(t -> images.addAll(t.images()));
        }
      }
      PrintWriter err = spec.commandLine().getErr();
      RegistryMirrors mirrors =
          mirrorOptions.mirrors(Set.copyOf(registries.insecureRegistries), err);
      for (String image : images) {
        try {
          ImageReference.parse(image);
        } catch (InvalidImageReferenceException e) {
          err.println("skipped " + image + ": not a valid image reference");
        }
      }
      // Read where the nodes pull from; the lock file keeps the manifests' references.
      RegistryLookup.Answers answers =
          RegistryLookup.readAll(
              registries.insecureRegistries,
              registries.dockerConfig,
              mirrors,
              images,
              Instant.now().plusSeconds(timeoutSeconds));
      List<InspectionResult> results = answers.results();
      List<String> references = answers.given();
      StringWriter json = new StringWriter();
      try (PrintWriter w = new PrintWriter(json)) {
        Json.print(w, InspectCommand.toJson(references, results, false));
      }
      Files.writeString(output, json.toString(), StandardCharsets.UTF_8);
      long failed = results.stream().filter(r -> !r.succeeded()).count();
      err.println(
          "locked "
              + (results.size() - failed)
              + " of "
              + results.size()
              + " images into "
              + output
              + (failed == 0 ? "" : "; " + failed + " could not be read (see their \"error\")"));
      err.flush();
      return failed == 0 ? ExitCodes.OK : ExitCodes.FOUND;
    }
  }
}
