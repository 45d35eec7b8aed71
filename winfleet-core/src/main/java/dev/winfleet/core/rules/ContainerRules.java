package dev.winfleet.core.rules;

import static dev.winfleet.core.rules.RulesEngine.vars;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.ImageTagHints;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rules about single containers: resources, images, commands. */
final class ContainerRules {

  private ContainerRules() {}

  static List<Rule> all() {
    return List.of(
        Rule.of("windows-hugepages", ContainerRules::hugePages),
        Rule.of("windows-resources-missing", ContainerRules::resourcesMissing),
        Rule.of("windows-dns-host-net", ContainerRules::dnsHostNet),
        Rule.of("windows-image-latest", ContainerRules::imageLatest),
        Rule.of("linux-shell-in-windows-container", ContainerRules::linuxShell));
  }

  static void hugePages(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    for (ContainerInfo c : pod.containers()) {
      for (String kind : List.of("limits", "requests")) {
        for (String resource : Values.map(Values.get(c.tree(), "resources", kind)).keySet()) {
          if (resource.startsWith("hugepages-")) {
            r.report(c.at("resources", kind, resource), c, vars("resource", resource));
          }
        }
      }
    }
  }

  static void resourcesMissing(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    for (ContainerInfo c : pod.containers()) {
      if (c.profile().isLinux()) {
        continue; // mixed-os-pod reports that container
      }
      Map<String, Object> resources = Values.map(c.tree().get("resources"));
      List<String> missing = new ArrayList<>();
      for (String resource : List.of("memory", "cpu")) {
        if (Values.get(resources, "limits", resource) == null
            && Values.get(resources, "requests", resource) == null) {
          missing.add(resource.equals("cpu") ? "CPU" : resource);
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      FieldPath path = c.tree().containsKey("resources") ? c.at("resources") : c.path();
      r.report(path, c, vars("missing", String.join(" and ", missing)));
    }
  }

  static void dnsHostNet(PodContext pod, Reporter r) {
    if (pod.targetsWindows()
        && "ClusterFirstWithHostNet".equals(Values.string(pod.spec().get("dnsPolicy")))) {
      r.report(pod.specPath("dnsPolicy"), null, Map.of());
    }
  }

  static void imageLatest(PodContext pod, Reporter r) {
    for (ContainerInfo c : pod.containers()) {
      if (isUntaggedBaseImage(pod, c)) {
        ImageReference ref = pod.reference(c).reference();
        List<String> suggestions = new ArrayList<>();
        for (String tag : PlacementRules.supportedTags(pod).split(" or ")) {
          suggestions.add(ref.name() + ":" + tag);
        }
        r.report(
            c.imagePath(),
            c,
            vars(
                "tag",
                ref.tag() == null ? "no tag" : "the tag " + ref.tag(),
                "suggestion",
                String.join(" or ", suggestions)));
      }
    }
  }

  /** A Windows base OS image without a release tag (latest or none): windows-image-latest. */
  static boolean isUntaggedBaseImage(PodContext pod, ContainerInfo c) {
    ImageReference ref = pod.reference(c).reference();
    // The family last: most images have a tag, and the family is the costly question.
    return ref != null
        && !ref.hasDigest()
        && (ref.tag() == null || ref.tag().equalsIgnoreCase("latest"))
        && ImageTagHints.builtIn().family(ref).orElse(null) == ImageTagHints.FamilyKind.BASE_OS;
  }

  static void linuxShell(PodContext pod, Reporter r) {
    List<String> shells = pod.rule("linux-shell-in-windows-container").param("shells");
    for (ContainerInfo c : pod.containers()) {
      if (!c.profile().isWindows()) {
        continue;
      }
      List<Object> command = Values.list(c.tree().get("command"));
      String field = "command";
      List<Object> words = command;
      if (command.isEmpty()) {
        field = "args";
        words = Values.list(c.tree().get("args"));
      }
      if (words.isEmpty()) {
        continue;
      }
      String first = Values.string(words.get(0));
      if (first != null && shells.contains(first.trim())) {
        r.report(c.at(field).index(0), c, vars("shell", first.trim(), "field", field));
      }
    }
  }
}
