package dev.winfleet.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "nginx, docker.io, library/nginx, -, -",
        "nginx:1.27, docker.io, library/nginx, 1.27, -",
        "docker.io/nginx, docker.io, library/nginx, -, -",
        "index.docker.io/library/nginx:1, docker.io, library/nginx, 1, -",
        "microsoft/nanoserver:sac2016, docker.io, microsoft/nanoserver, sac2016, -",
        "mcr.microsoft.com/windows/servercore:ltsc2022, mcr.microsoft.com, windows/servercore, ltsc2022, -",
        "localhost:5000/app:v1, localhost:5000, app, v1, -",
        "localhost/app, localhost, app, -, -",
        "127.0.0.1:5000/team/app:1.0-windowsservercore-ltsc2019, 127.0.0.1:5000, team/app, 1.0-windowsservercore-ltsc2019, -",
        "[::1]:5000/app:v1, [::1]:5000, app, v1, -",
        "Registry.Example.com/a/b__c/d-e.f:TAG_1, registry.example.com, a/b__c/d-e.f, TAG_1, -",
        "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, docker.io, library/nginx, -, sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "nginx:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, docker.io, library/nginx, 1, sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void parsesLikeDocker(
      String text, String registry, String repository, String tag, String digest) {
    ImageReference ref = ImageReference.parse(text);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isEqualTo(digest);
    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Nginx",
        "nginx:",
        "nginx:-bad",
        "nginx@sha256:short",
        "registry.example.com/",
        "a//b",
        "nginx:tag with space"
      })
  void rejectsInvalidReferencesSayingWhatIsWrong(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageContaining("is not a valid image reference")
        .hasMessageContaining("[registry/]repository[:tag]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nginx@md5:0123456789abcdef0123456789abcdef",
        "nginx@sha384:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "nginx@sha1:0123456789abcdef0123456789abcdef01234567"
      })
  void refusesDigestAlgorithmsTheOciSpecDoesNotRegister(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageContaining("is not supported")
        .hasMessageContaining("sha256 and sha512");
  }

  @org.junit.jupiter.api.Test
  void acceptsSha512AndRefusesAWrongLength() {
    assertThat(ImageReference.parse("nginx@sha512:" + "ab".repeat(64)).digest())
        .isEqualTo("sha512:" + "ab".repeat(64));
    assertThatThrownBy(() -> ImageReference.parse("nginx@sha256:" + "ab".repeat(40)))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageContaining("64 lowercase hex digits");
  }

  @org.junit.jupiter.api.Test
  void effectiveTagIsLatestOnlyWithoutDigest() {
    assertThat(ImageReference.parse("nginx").effectiveTag()).isEqualTo("latest");
    assertThat(
            ImageReference.parse(
                    "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .effectiveTag())
        .isNull();
  }
}
