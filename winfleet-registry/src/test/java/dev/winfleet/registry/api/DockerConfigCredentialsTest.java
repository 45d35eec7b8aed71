package dev.winfleet.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsBase64AuthWhosePasswordContainsColonsUnderAnyKeyForm() {
    DockerConfigCredentials c =
        DockerConfigCredentials.fromConfigJson(
            "{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\""
                + b64("hub:pa:ss")
                + "\"},"
                + "\"http://localhost:5000/v2/\":{\"auth\":\""
                + b64("me:x")
                + "\"},"
                + "\"fleet.azurecr.io\":{\"username\":\"u\",\"password\":\"p\"}}}");
    assertThat(c.find("docker.io")).contains(RegistryCredential.basic("hub", "pa:ss"));
    assertThat(c.find("localhost:5000")).contains(RegistryCredential.basic("me", "x"));
    assertThat(c.find("FLEET.azurecr.io")).contains(RegistryCredential.basic("u", "p"));
    assertThat(c.find("ghcr.io")).isEmpty();
  }

  @Test
  void readsIdentityAndRegistryTokens() {
    DockerConfigCredentials c =
        DockerConfigCredentials.fromKubernetesSecret(
            "{\"auths\":{\"a.example\":{\"identitytoken\":\"refresh\"},\"b.example\":{\"registrytoken\":\"bearer\"}}}");
    assertThat(c.find("a.example").orElseThrow().identityToken()).isEqualTo("refresh");
    assertThat(c.find("b.example")).contains(RegistryCredential.registryToken("bearer"));
  }

  @Test
  void readsALegacyDockercfgSecret() {
    DockerConfigCredentials c =
        DockerConfigCredentials.fromLegacyDockercfg(
            "{\"https://quay.io\":{\"auth\":\"" + b64("q:w") + "\",\"email\":\"x@y\"}}");
    assertThat(c.find("quay.io")).contains(RegistryCredential.basic("q", "w"));
  }

  @Test
  void asksCredentialHelpersAndFallsBackToAuthsWhenTheyHaveNothing(@TempDir Path dir)
      throws Exception {
    Path helper = dir.resolve("docker-credential-fake");
    Files.writeString(
        helper,
        "#!/bin/sh\nread host\ncase \"$host\" in\n"
            + "  https://index.docker.io/v1/) echo '{\"ServerURL\":\"x\",\"Username\":\"hubuser\",\"Secret\":\"hubsecret\"}';;\n"
            + "  tok.example) echo '{\"ServerURL\":\"x\",\"Username\":\"<token>\",\"Secret\":\"idt\"}';;\n"
            + "  *) echo 'credentials not found in native keychain'; exit 1;;\nesac\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    DockerConfigCredentials c =
        DockerConfigCredentials.fromConfigJson(
                "{\"credsStore\":\"fake\",\"credHelpers\":{\"tok.example\":\"fake\"},"
                    + "\"auths\":{\"other.example\":{\"auth\":\""
                    + b64("o:p")
                    + "\"}}}")
            .withHelperPath(List.of(dir));
    assertThat(c.find("docker.io")).contains(RegistryCredential.basic("hubuser", "hubsecret"));
    assertThat(c.find("tok.example")).contains(RegistryCredential.identityToken("idt"));
    assertThat(c.find("other.example")).contains(RegistryCredential.basic("o", "p"));
  }

  @Test
  void aPullSecretNeverRunsCredentialHelpers(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran");
    Path helper = dir.resolve("docker-credential-evil");
    Files.writeString(helper, "#!/bin/sh\ntouch " + marker + "\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    DockerConfigCredentials c =
        DockerConfigCredentials.fromKubernetesSecret("{\"credsStore\":\"evil\",\"auths\":{}}")
            .withHelperPath(List.of(dir));
    assertThat(c.find("docker.io")).isEmpty();
    assertThat(marker).doesNotExist();
  }

  @Test
  void explainsUnreadableConfigs() {
    assertThatThrownBy(() -> DockerConfigCredentials.fromConfigJson("{nope"))
        .hasMessageContaining("invalid JSON");
    assertThatThrownBy(
            () ->
                DockerConfigCredentials.fromConfigJson(
                    "{\"auths\":{\"x\":{\"auth\":\"" + b64("nocolon") + "\"}}}"))
        .hasMessageContaining("user:password");
    assertThatThrownBy(
            () -> DockerConfigCredentials.fromConfigJson("{\"credsStore\":\"../../bin/sh\"}"))
        .hasMessageContaining("credential helper name");
    assertThatThrownBy(
            () ->
                DockerConfigCredentials.fromConfigJson("{\"credsStore\":\"missing-helper\"}")
                    .withHelperPath(List.of())
                    .find("docker.io"))
        .hasMessageContaining("docker-credential-missing-helper is not on PATH");
  }

  @Test
  void neverPrintsSecrets() {
    String password = "pw-Zq7xK2";
    String identity = "idtok-Vb9mN4";
    String bearer = "regtok-Hs3pL8";
    List<RegistryCredential> everyKind =
        List.of(
            RegistryCredential.basic("someone", password),
            RegistryCredential.identityToken(identity),
            RegistryCredential.registryToken(bearer),
            new RegistryCredential("someone", password, identity, bearer),
            new RegistryCredential(null, null, identity, bearer));
    for (RegistryCredential credential : everyKind) {
      assertThat(credential.toString())
          .as("toString of a credential")
          .startsWith("RegistryCredential[")
          .doesNotContain(password)
          .doesNotContain(identity)
          .doesNotContain(bearer)
          .doesNotContain("pw-")
          .doesNotContain("tok-");
    }
    assertThat(everyKind.get(0).toString()).contains("someone");
    DockerConfigCredentials config =
        DockerConfigCredentials.fromConfigJson(
            "{\"auths\":{\"a.example\":{\"auth\":\""
                + b64("someone:" + password)
                + "\"},\"b.example\":{\"identitytoken\":\""
                + identity
                + "\"},\"c.example\":{\"registrytoken\":\""
                + bearer
                + "\"}}}");
    String printed =
        config
            + " "
            + config.find("a.example").orElseThrow()
            + " "
            + config.find("b.example").orElseThrow()
            + " "
            + config.find("c.example").orElseThrow();
    assertThat(printed)
        .doesNotContain(password)
        .doesNotContain(identity)
        .doesNotContain(bearer)
        .doesNotContain(b64("someone:" + password));
  }
}
