package dev.winfleet.core.rules;

import static dev.winfleet.core.rules.RulesEngine.vars;

import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.Values;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules about volumes and mounts that Windows nodes do not support. */
final class StorageRules {

  private static final Pattern WINDOWS_PATH = Pattern.compile("^(?:[A-Za-z]:[\\\\/]|\\\\\\\\).*");
  private static final List<String> MODE_SOURCES = List.of("secret", "configMap", "downwardAPI");

  private StorageRules() {}

  static List<Rule> all() {
    return List.of(
        Rule.of("windows-nfs-volume", StorageRules::nfs),
        Rule.of("windows-subpath", StorageRules::subPath),
        Rule.of("windows-block-volume", StorageRules::blockVolume),
        Rule.of("windows-memory-emptydir", StorageRules::memoryEmptyDir),
        Rule.of("windows-file-mode", StorageRules::fileMode),
        Rule.of("windows-mount-propagation", StorageRules::mountPropagation),
        Rule.of("host-path-os-mismatch", StorageRules::hostPathOsMismatch),
        Rule.of("windows-csi-volume", StorageRules::csiVolume));
  }

  private interface VolumeVisitor {
    void visit(Map<String, Object> volume, FieldPath path, String name);
  }

  private static void volumes(PodContext pod, VolumeVisitor visitor) {
    List<Object> volumes = Values.list(pod.spec().get("volumes"));
    for (int i = 0; i < volumes.size(); i++) {
      Map<String, Object> v = Values.map(volumes.get(i));
      String name = Values.string(v.get("name"));
      visitor.visit(v, pod.specPath("volumes").index(i), name == null ? "" : name);
    }
  }

  private interface MountVisitor {
    void visit(ContainerInfo c, Map<String, Object> mount, FieldPath path);
  }

  private static void mounts(PodContext pod, MountVisitor visitor) {
    for (ContainerInfo c : pod.containers()) {
      List<Object> mounts = Values.list(c.tree().get("volumeMounts"));
      for (int j = 0; j < mounts.size(); j++) {
        visitor.visit(c, Values.map(mounts.get(j)), c.path().key("volumeMounts").index(j));
      }
    }
  }

  static void nfs(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    volumes(
        pod,
        (v, path, name) -> {
          if (v.get("nfs") instanceof Map) {
            r.report(path.key("nfs"), null, vars("volume", name));
          }
        });
  }

  static void subPath(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    mounts(
        pod,
        (c, m, path) -> {
          for (String field : List.of("subPath", "subPathExpr")) {
            String value = Values.string(m.get(field));
            if (value != null && !value.isEmpty()) {
              r.report(
                  path.key(field),
                  c,
                  vars("field", field, "volume", String.valueOf(Values.string(m.get("name")))));
            }
          }
        });
  }

  static void blockVolume(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    for (ContainerInfo c : pod.containers()) {
      if (!Values.list(c.tree().get("volumeDevices")).isEmpty()) {
        r.report(c.at("volumeDevices"), c, Map.of());
      }
    }
  }

  static void memoryEmptyDir(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    volumes(
        pod,
        (v, path, name) -> {
          if ("Memory".equals(Values.getString(v, "emptyDir", "medium"))) {
            r.report(path.key("emptyDir").key("medium"), null, vars("volume", name));
          }
        });
  }

  static void fileMode(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    volumes(
        pod,
        (v, path, name) -> {
          for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
            Map<String, Object> s = Values.map(v.get(source));
            if (s.isEmpty()) {
              continue;
            }
            FieldPath sp = path.key(source);
            if (s.containsKey("defaultMode")) {
              r.report(
                  sp.key("defaultMode"),
                  null,
                  vars("field", source + ".defaultMode", "volume", name));
            }
            items(r, s, sp, source, name);
            List<Object> sources = Values.list(s.get("sources"));
            for (int k = 0; k < sources.size(); k++) {
              for (String inner : MODE_SOURCES) {
                Map<String, Object> is = Values.map(Values.get(sources.get(k), inner));
                if (!is.isEmpty()) {
                  items(
                      r,
                      is,
                      sp.key("sources").index(k).key(inner),
                      source + ".sources[" + k + "]." + inner,
                      name);
                }
              }
            }
          }
        });
  }

  private static void items(
      Reporter r, Map<String, Object> s, FieldPath sp, String where, String volume) {
    List<Object> items = Values.list(s.get("items"));
    for (int i = 0; i < items.size(); i++) {
      if (Values.map(items.get(i)).containsKey("mode")) {
        r.report(
            sp.key("items").index(i).key("mode"),
            null,
            vars("field", where + ".items[" + i + "].mode", "volume", volume));
      }
    }
  }

  static void mountPropagation(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    mounts(
        pod,
        (c, m, path) -> {
          String value = Values.string(m.get("mountPropagation"));
          if (value != null && !value.equals("None")) {
            r.report(path.key("mountPropagation"), c, vars("value", value));
          }
        });
  }

  /**
   * A Windows path (C:\...) in a Linux pod. The other way round is no mistake: on Windows a path
   * that starts with / is relative to the root of the current drive (/opt/cni/bin is
   * C:\opt\cni\bin), and Windows node DaemonSets use such paths.
   */
  static void hostPathOsMismatch(PodContext pod, Reporter r) {
    if (!pod.targetsLinux()) {
      return;
    }
    volumes(
        pod,
        (v, path, name) -> {
          String p = Values.getString(v, "hostPath", "path");
          if (p != null && WINDOWS_PATH.matcher(p).matches()) {
            r.report(
                path.key("hostPath").key("path"),
                null,
                vars(
                    "volume", name,
                    "path", p,
                    "style", "Windows",
                    "podOs", "Linux",
                    "example", "/var/log"));
          }
        });
  }

  static void csiVolume(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    volumes(
        pod,
        (v, path, name) -> {
          if (v.get("csi") instanceof Map) {
            r.report(path.key("csi"), null, vars("volume", name));
          }
        });
  }
}
