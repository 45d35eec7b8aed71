package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.planning.PlacedWorkload.Mode;
import dev.winfleet.core.planning.RebuildAdvisor.TagAdvice;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;

/**
 * The upgrade plan in sentences a person can act on, rendered from the planner's structured
 * verdicts ({@link BlockedBy} and the facts next to it): the one place its English lives.
 */
final class UpgradeExplanation {

  private final WindowsRelease release;
  private final OsVersion target;
  private final SortedSet<OsVersion> fromBuilds;

  UpgradeExplanation(WindowsRelease release, OsVersion target, SortedSet<OsVersion> fromBuilds) {
    this.release = release;
    this.target = target;
    this.fromBuilds = fromBuilds;
  }

  /** Why the workload has its status, and what to do. */
  String reason(JudgedWorkload j, TagAdvice tags) {
    Workload w = j.workload();
    RebuiltWorkload rebuilt = j.placed().rebuilt();
    SortedSet<OsVersion> before = j.before();
    SortedSet<OsVersion> after = j.after();
    int wanted = j.wanted();
    String targetText = release.name() + " (" + target + ")";
    StringBuilder sb = new StringBuilder();
    BlockedBy blocked = j.blockedBy();
    if (blocked == null) {
      if (before.isEmpty() && after.isEmpty()) {
        sb.append(
            j.placed().scoped().profiles().stream().anyMatch(ImageProfile::isWindows)
                ? "it can land on no Windows node, before or after the upgrade"
                : "it runs on Linux (or nodes the upgrade does not touch)");
      } else if (after.contains(target)) {
        sb.append(imagesRunOn(rebuilt, targetText));
        appendUnknownImages(sb, rebuilt);
      } else if (w.daemonSet()) {
        sb.append("it ran on none of the upgraded nodes");
      } else if (after.isEmpty()) {
        sb.append("nodes the upgrade does not touch still run it, with room for ")
            .append(wanted == 1 ? "its replica" : "all " + wanted + " replicas");
      } else {
        sb.append("nodes of ")
            .append(join(after))
            .append(" that are not upgraded still run it, with room for ")
            .append(wanted == 1 ? "its replica" : "all " + wanted + " replicas");
      }
      return sb.toString();
    }
    List<String> subjects = blocked.subjects();
    switch (blocked.kind()) {
      case NO_CAPACITY -> {
        if (j.status() == UpgradeStatus.REBUILD) {
          sb.append("the nodes of ")
              .append(String.join(", ", subjects))
              .append(" left have no room for all ")
              .append(wanted)
              .append(" replicas");
        } else {
          sb.append(withoutRoom(j, wanted == 1 ? "has" : "have"))
              .append(" no room after the upgrade")
              .append(j.mode() == Mode.REBUILT ? ", even rebuilt for " + target : "")
              .append(" (each asks ")
              .append(describeRequest(w))
              .append("); add nodes or lower the requests");
          if (j.withoutRoomBefore() > 0) {
            sb.append("; ").append(j.withoutRoomBefore()).append(" already had no room before");
          }
        }
      }
      case IMAGE_NOT_REBUILT -> {
        if (w.daemonSet()) {
          sb.append("its pods on the upgraded nodes stop: ")
              .append(String.join(", ", subjects))
              .append(subjects.size() == 1 ? " does" : " do")
              .append(" not run on ")
              .append(targetText);
        } else {
          sb.append("no node left runs ")
              .append(String.join(", ", subjects))
              .append(parenthesised(join(before)));
        }
      }
      case SCHEDULING -> {
        sb.append(imagesRunOn(rebuilt, targetText)).append(" but ");
        sb.append(
            subjects.isEmpty()
                ? "its scheduling keeps it off the upgraded nodes"
                : "its windows-build selector keeps it on " + String.join(", ", subjects));
        appendSelectorChanges(sb, rebuilt);
        sb.append("; no image changes");
        appendUnknownImages(sb, rebuilt);
      }
      case NO_NODE_BEFORE ->
          sb.append("no node runs it even before the upgrade, so the upgrade is not the cause;")
              .append(" 'winfleet check' says why");
      case NO_CAPACITY_BEFORE ->
          sb.append(withoutRoom(j, "had"))
              .append(" no room before the upgrade either (each asks ")
              .append(describeRequest(w))
              .append("); the upgrade does not make it worse");
      case NO_NODE -> {
        sb.append("no node it can land on runs it after the upgrade, even rebuilt for ")
            .append(target);
        if (!subjects.isEmpty()) {
          sb.append("; today it runs on ").append(String.join(", ", subjects));
        }
      }
      case PDB, DRAIN_NO_CAPACITY ->
          throw new IllegalArgumentException(blocked + " blocks waves, not workloads");
    }
    if (j.status() == UpgradeStatus.REBUILD) {
      sb.append("; rebuild on the ").append(release.name()).append(" base image");
      sb.append(parenthesised(String.join(", ", tags.suggested().values())));
      appendSelectorChanges(sb, rebuilt);
      if (!tags.unknownScheme().isEmpty()) {
        sb.append("; no published tag is known for ")
            .append(String.join(", ", tags.unknownScheme()))
            .append(" on ")
            .append(target)
            .append(": build it on the ")
            .append(release.name())
            .append(" base image");
      }
    }
    for (String c : tags.cautions()) {
      sb.append("; ").append(c);
    }
    return sb.toString();
  }

  /**
   * What must hold before a wave, and what to do: for the first, the rebuilds and selector edits to
   * roll out; for the others, the wave before it done. Then the drain, and why it is blocked.
   *
   * @param index the wave's position, from 0
   * @param rebuiltFirst the workloads whose images are rebuilt before the first wave
   * @param reselectedFirst the workloads whose selectors alone change before the first wave
   * @param blocker why no safe drain exists for the wave; null when one does
   */
  String precondition(
      int index,
      List<String> rebuiltFirst,
      List<String> reselectedFirst,
      WaveScheduler.Blocker blocker) {
    StringBuilder sb = new StringBuilder();
    if (index == 0) {
      if (!rebuiltFirst.isEmpty()) {
        sb.append("rebuild first: ")
            .append(firstFive(rebuiltFirst))
            .append(" (each image as one tag listing ")
            .append(join(fromBuilds))
            .append(" and ")
            .append(target)
            .append(", windows-build selectors allowing both); ");
      }
      if (!reselectedFirst.isEmpty()) {
        sb.append(rebuiltFirst.isEmpty() ? "first " : "")
            .append("let the windows-build selectors of ")
            .append(firstFive(reselectedFirst))
            .append(" allow ")
            .append(target)
            .append(" too (their images stay); ");
      }
      if (sb.length() > 0) {
        sb.append("then ");
      }
    } else {
      sb.append("wave ").append(index).append(" upgraded and Ready; then ");
    }
    sb.append(
            "cordon and drain these nodes (kubectl drain --ignore-daemonsets) and upgrade them to ")
        .append(release.name());
    if (blocker != null) {
      sb.append("; BLOCKED: ").append(blocker(blocker));
    }
    return sb.toString();
  }

  private static String blocker(WaveScheduler.Blocker b) {
    List<String> subjects = b.blockedBy().subjects();
    return switch (b.blockedBy().kind()) {
      case PDB ->
          subjects.get(0)
              + " ("
              + b.budgetRule()
              + " of "
              + b.pods()
              + " pods) allows "
              + Math.max(0, b.allowed())
              + " disruption(s) at a time and draining "
              + subjects.get(1)
              + " evicts "
              + b.evicts()
              + (b.allowed() <= 0 ? "; scale up or relax the budget first" : "");
      case DRAIN_NO_CAPACITY ->
          "draining "
              + subjects.get(0)
              + " leaves replicas of "
              + subjects.get(1)
              + " without room; add capacity first";
      default -> throw new IllegalArgumentException(b.blockedBy() + " blocks workloads, not waves");
    };
  }

  /**
   * "its images run on" the target; for images whose OS or Windows build is not known, that this is
   * an assumption (placement gives them the benefit of the doubt), not a fact.
   */
  private static String imagesRunOn(RebuiltWorkload rebuilt, String targetText) {
    List<String> unknown = rebuilt.imagesUnknownOnTarget();
    return (unknown.isEmpty() ? "its images run on " : "its images are assumed to run on ")
        + targetText;
  }

  /** Why "assumed": appended last, after what to do. */
  private static void appendUnknownImages(StringBuilder sb, RebuiltWorkload rebuilt) {
    List<String> unknown = rebuilt.imagesUnknownOnTarget();
    if (!unknown.isEmpty()) {
      sb.append("; the OS or Windows build of ")
          .append(String.join(", ", unknown))
          .append(unknown.size() == 1 ? " is" : " are")
          .append(" not known ('winfleet inspect' reads it from the registry)");
    }
  }

  /** "2 of 3 replicas have", with the verb given. */
  private static String withoutRoom(JudgedWorkload j, String verb) {
    return j.withoutRoom()
        + " of "
        + j.wanted()
        + (j.wanted() == 1 ? " replica " : " replicas ")
        + verb;
  }

  private static String firstFive(List<String> names) {
    return names.size() <= 5
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
  }

  /** " (text)", or nothing for no text: a reason never shows an empty "()". */
  static String parenthesised(String text) {
    return text == null || text.isBlank() ? "" : " (" + text + ")";
  }

  private static void appendSelectorChanges(StringBuilder sb, RebuiltWorkload rebuilt) {
    for (SelectorChange c : rebuilt.selectorChanges()) {
      sb.append("; set ").append(c.where()).append(" to ").append(c.to());
    }
  }

  private static String describeRequest(Workload w) {
    return String.format(
        Locale.ROOT,
        "%s CPU, %s memory",
        w.cpuMillis() % 1000 == 0 ? String.valueOf(w.cpuMillis() / 1000) : w.cpuMillis() + "m",
        w.memoryBytes() % (1L << 30) == 0
            ? (w.memoryBytes() >> 30) + "Gi"
            : w.memoryBytes() % (1L << 20) == 0
                ? (w.memoryBytes() >> 20) + "Mi"
                : String.valueOf(w.memoryBytes()));
  }

  private static String join(SortedSet<OsVersion> builds) {
    return String.join(", ", builds.stream().map(OsVersion::toString).toList());
  }
}
