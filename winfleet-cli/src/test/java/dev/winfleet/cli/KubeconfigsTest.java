package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl's default kubeconfig: $KUBECONFIG (its first existing file), then ~/.kube/config. */
class KubeconfigsTest {

  @TempDir Path home;

  private Path file(String name) throws IOException {
    Path p = home.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "apiVersion: v1\nkind: Config\n");
    return p;
  }

  @Test
  void kubeconfigVariableComesFirst() throws IOException {
    file(".kube/config");
    Path a = file("a.yaml");
    Path b = file("b.yaml");
    String list = home.resolve("missing.yaml") + File.pathSeparator + a + File.pathSeparator + b;
    assertThat(Kubeconfigs.defaultPath(Map.of("KUBECONFIG", list), home)).contains(a);
  }

  @Test
  void thenTheHomeKubeconfig() throws IOException {
    Path home = file(".kube/config");
    assertThat(Kubeconfigs.defaultPath(Map.of(), this.home)).contains(home);
    assertThat(Kubeconfigs.defaultPath(Map.of("KUBECONFIG", ""), this.home)).contains(home);
  }

  @Test
  void noneWhenNeitherExists() {
    assertThat(Kubeconfigs.defaultPath(Map.of(), home)).isEmpty();
  }
}
