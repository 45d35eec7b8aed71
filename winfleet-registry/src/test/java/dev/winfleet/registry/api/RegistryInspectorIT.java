package dev.winfleet.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.internal.Digests;
import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Entry;
import dev.winfleet.registry.testing.ImagePusher.Layer;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.ImagePusher.Pushed;
import dev.winfleet.registry.testing.LocalRegistry;
import dev.winfleet.registry.testing.MutableClock;
import dev.winfleet.registry.testing.RequiredBinary;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inspector against a real Distribution registry, with images the test pushes itself. */
class RegistryInspectorIT {

  @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

  static Pushed multi;
  static Pushed ltsc2019;
  static Pushed legacyList;
  static Pushed singleOci;
  static Pushed singleDocker;

  @BeforeAll
  static void pushImages() {
    ImagePusher push = REGISTRY.pusher();
    String repo = "windows/servercore";
    ltsc2019 =
        push.image(
            repo, null, true, Os.windows("10.0.17763.5206"), ImagePusher.layers("2019", 3000, 700));
    Pushed ltsc2022 =
        push.image(
            repo, null, true, Os.windows("10.0.20348.2762"), ImagePusher.layers("2022", 4000, 500));
    Pushed ws2025 =
        push.image(
            repo, null, true, Os.windows("10.0.26100.1742"), ImagePusher.layers("2025", 5000, 300));
    Pushed linux = push.image(repo, null, true, Os.linux(), ImagePusher.layers("linux", 900));
    Pushed attestation =
        push.image(repo, null, true, new Os("unknown", "unknown", null, List.of()), List.of());
    multi =
        push.index(
            repo,
            "multi",
            true,
            List.of(
                new Entry(ltsc2019, Os.windows("10.0.17763.5206")),
                new Entry(ltsc2022, Os.windows("10.0.20348.2762")),
                new Entry(ws2025, Os.windows("10.0.26100.1742")),
                new Entry(linux, Os.linux()),
                new Entry(
                    attestation,
                    new Os("unknown", "unknown", null, List.of()),
                    "attestation-manifest")));

    Pushed nano2016 =
        push.image(
            "windows/nanoserver",
            null,
            false,
            Os.windows("10.0.14393.1884"),
            List.of(
                Layer.foreign("nanoserver-base-2016", 101_000_000L),
                Layer.of("nano-update", 2000)));
    legacyList =
        push.index(
            "windows/nanoserver",
            "sac2016",
            false,
            List.of(new Entry(nano2016, Os.windows("10.0.14393.1884"))));

    singleOci =
        push.image(
            "app/web",
            "oci",
            true,
            new Os("windows", "amd64", "10.0.20348.2762", List.of("win32k")),
            ImagePusher.layers("web", 1200, 34));
    singleDocker =
        push.image("app/web", "docker", false, Os.linux(), ImagePusher.layers("lx", 800));
  }

  private static RegistryInspector inspector() {
    return inspector(InspectorConfig.builder());
  }

  private static RegistryInspector inspector(InspectorConfig.Builder b) {
    return RegistryInspector.create(b.insecureRegistries(Set.of(REGISTRY.host())).build());
  }

  private static ImageReference ref(String rest) {
    return ImageReference.parse(REGISTRY.host() + "/" + rest);
  }

  private static InspectionResult.Inspected inspected(InspectionResult r) {
    assertThat(r).as("%s", r).isInstanceOf(InspectionResult.Inspected.class);
    return (InspectionResult.Inspected) r;
  }

  private static RegistryError failure(InspectionResult r) {
    assertThat(r).as("%s", r).isInstanceOf(InspectionResult.Failed.class);
    return ((InspectionResult.Failed) r).error();
  }

  @Test
  void readsEveryWindowsBuildAndLinuxFromAnOciIndexSkippingAttestations() {
    try (RegistryInspector inspector = inspector()) {
      InspectionResult.Inspected r =
          inspected(inspector.inspect(ref("windows/servercore:multi"), InspectOptions.defaults()));
      assertThat(r.digest()).isEqualTo(multi.digest());
      assertThat(r.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
      assertThat(r.platforms())
          .extracting(p -> p.platform().toString() + " " + p.platform().osVersion())
          .containsExactly(
              "windows/amd64 10.0.17763.5206",
              "windows/amd64 10.0.20348.2762",
              "windows/amd64 10.0.26100.1742",
              "linux/amd64 ");
      PlatformImage first = r.platforms().get(0);
      assertThat(first.digest()).isEqualTo(ltsc2019.digest());
      assertThat(first.layerCount()).isEqualTo(2);
      assertThat(first.compressedSize()).isEqualTo(3700);
      assertThat(first.foreignLayerCount()).isZero();
      assertThat(first.layers()).allSatisfy(l -> assertThat(l.digest()).startsWith("sha256:"));
      assertThat(first.toImagePlatform())
          .hasValueSatisfying(
              p -> {
                assertThat(p.os()).isEqualTo(OsFamily.WINDOWS);
                assertThat(p.version().build()).isEqualTo(17763);
              });
    }
  }

  @Test
  void countsAndSizesForeignLayersOfADockerManifestListWithoutFetchingThem() {
    try (RegistryInspector inspector = inspector()) {
      InspectionResult.Inspected r =
          inspected(
              inspector.inspect(ref("windows/nanoserver:sac2016"), InspectOptions.defaults()));
      assertThat(r.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
      PlatformImage p = r.platforms().get(0);
      assertThat(p.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(p.layerCount()).isEqualTo(2);
      assertThat(p.foreignLayerCount()).isEqualTo(1);
      assertThat(p.compressedSize()).isEqualTo(101_002_000L);
      Descriptor foreign = p.foreignLayers().get(0);
      assertThat(foreign.mediaType()).isEqualTo(MediaTypes.DOCKER_FOREIGN_LAYER);
      assertThat(foreign.urls())
          .singleElement()
          .asString()
          .startsWith("https://mcr.microsoft.com/");
      assertThat(inspector.stats().blobGets()).isZero();
    }
  }

  @Test
  void readsThePlatformOfSingleManifestsFromTheirConfigBlobs() {
    try (RegistryInspector inspector = inspector()) {
      List<InspectionResult> rs =
          inspector.inspect(
              List.of(ref("app/web:oci"), ref("app/web:docker")), InspectOptions.defaults());
      PlatformImage oci = inspected(rs.get(0)).platforms().get(0);
      assertThat(oci.platform())
          .isEqualTo(new Platform("windows", "amd64", "", "10.0.20348.2762", List.of("win32k")));
      assertThat(oci.digest()).isEqualTo(singleOci.digest());
      assertThat(oci.compressedSize()).isEqualTo(1234);
      PlatformImage docker = inspected(rs.get(1)).platforms().get(0);
      assertThat(inspected(rs.get(1)).mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(docker.platform().os()).isEqualTo("linux");
      assertThat(docker.platform().osVersion()).isEmpty();
      assertThat(inspector.stats().blobGets()).isEqualTo(2);
    }
  }

  @Test
  void aMissingTagFailsAloneAndNamesTheTag() {
    try (RegistryInspector inspector = inspector()) {
      List<InspectionResult> rs =
          inspector.inspect(
              List.of(
                  ref("app/web:oci"),
                  ref("app/web:nope"),
                  ref("nothing/here:1"),
                  ref("app/web:docker")),
              InspectOptions.defaults());
      assertThat(rs.get(0).succeeded()).isTrue();
      assertThat(failure(rs.get(1)).kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(failure(rs.get(1)).message()).contains("tag 'nope'").contains("app/web");
      assertThat(failure(rs.get(2)).kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(failure(rs.get(2)).message()).contains("nothing/here");
      assertThat(rs.get(3).succeeded()).isTrue();
    }
  }

  @Test
  void readsByDigestAnIndexAndOneOfItsManifests() {
    try (RegistryInspector inspector = inspector()) {
      InspectionResult.Inspected index =
          inspected(
              inspector.inspect(
                  ref("windows/servercore@" + multi.digest()), InspectOptions.defaults()));
      assertThat(index.platforms()).hasSize(4);
      InspectionResult.Inspected child =
          inspected(
              inspector.inspect(
                  ref("windows/servercore@" + ltsc2019.digest()), InspectOptions.defaults()));
      assertThat(child.digest()).isEqualTo(ltsc2019.digest());
      assertThat(child.platforms())
          .singleElement()
          .satisfies(p -> assertThat(p.platform().osVersion()).isEqualTo("10.0.17763.5206"));
      RegistryError missing =
          failure(
              inspector.inspect(
                  ref("windows/servercore@sha256:" + "0".repeat(64)), InspectOptions.defaults()));
      assertThat(missing.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }
  }

  @Test
  void aPlatformSelectorFetchesOnlyTheMatchingManifests() {
    try (RegistryInspector inspector = inspector()) {
      InspectOptions linux =
          InspectOptions.defaults().withPlatform(PlatformSelector.parse("linux/amd64"));
      InspectionResult.Inspected r =
          inspected(inspector.inspect(ref("windows/servercore:multi"), linux));
      assertThat(r.platforms())
          .singleElement()
          .satisfies(p -> assertThat(p.platform().os()).isEqualTo("linux"));
      assertThat(inspector.stats().manifestGets()).isEqualTo(2); // the index and the linux manifest
      RegistryError none =
          failure(
              inspector.inspect(
                  ref("windows/servercore:multi"),
                  InspectOptions.defaults().withPlatform(PlatformSelector.parse("linux/arm64"))));
      assertThat(none.kind()).isEqualTo(ErrorKind.NO_MATCHING_PLATFORM);
      assertThat(none.message()).contains("linux/arm64").contains("windows/amd64");
    }
  }

  @Test
  void keepsManifestsByDigestAndAsksWithHeadOnceTheTagTtlIsOver() {
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    try (RegistryInspector inspector =
        inspector(InspectorConfig.builder().clock(clock).tagCacheTtl(Duration.ofMinutes(1)))) {
      inspected(inspector.inspect(ref("windows/servercore:multi"), InspectOptions.defaults()));
      InspectorStats first = inspector.stats();
      assertThat(first.manifestGets()).isEqualTo(5);

      inspected(inspector.inspect(ref("windows/servercore:multi"), InspectOptions.defaults()));
      assertThat(inspector.stats().requests()).isEqualTo(first.requests());

      clock.advance(Duration.ofMinutes(2));
      InspectionResult.Inspected again =
          inspected(inspector.inspect(ref("windows/servercore:multi"), InspectOptions.defaults()));
      assertThat(again.digest()).isEqualTo(multi.digest());
      assertThat(inspector.stats().manifestHeads()).isEqualTo(1);
      assertThat(inspector.stats().manifestGets()).isEqualTo(5);

      // The tag moves: after the TTL the HEAD sees a new digest and the manifest is read again.
      Pushed moved =
          REGISTRY
              .pusher()
              .image("windows/servercore", "moving", true, Os.windows("10.0.20348.1"), List.of());
      inspected(inspector.inspect(ref("windows/servercore:moving"), InspectOptions.defaults()));
      Pushed movedAgain =
          REGISTRY
              .pusher()
              .image("windows/servercore", "moving", true, Os.windows("10.0.20348.2"), List.of());
      assertThat(movedAgain.digest()).isNotEqualTo(moved.digest());
      clock.advance(Duration.ofMinutes(2));
      InspectionResult.Inspected now =
          inspected(inspector.inspect(ref("windows/servercore:moving"), InspectOptions.defaults()));
      assertThat(now.digest()).isEqualTo(movedAgain.digest());
      assertThat(now.platforms().get(0).platform().osVersion()).isEqualTo("10.0.20348.2");
    }
  }

  @Test
  void skopeoReadsTheSameDigest() throws Exception {
    String skopeo = RequiredBinary.find("skopeo", "skopeo").toString();
    Process p =
        new ProcessBuilder(
                skopeo,
                "inspect",
                "--raw",
                "--tls-verify=false",
                "docker://" + REGISTRY.host() + "/windows/servercore:multi")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(raw);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    try (RegistryInspector inspector = inspector()) {
      InspectionResult.Inspected r =
          inspected(inspector.inspect(ref("windows/servercore:multi"), InspectOptions.defaults()));
      assertThat(r.digest()).isEqualTo(Digests.sha256(raw.toByteArray()));
    }
  }

  @Test
  void deniedOrUnlistedRegistriesAreNeverCalled() {
    try (RegistryInspector denied =
        inspector(InspectorConfig.builder().deniedRegistries(List.of("127.0.0.1")))) {
      RegistryError e = failure(denied.inspect(ref("app/web:oci"), InspectOptions.defaults()));
      assertThat(e.kind()).isEqualTo(ErrorKind.BLOCKED);
      assertThat(e.message()).contains("deny list");
      assertThat(denied.stats().requests()).isZero();
    }
    try (RegistryInspector allowed =
        inspector(
            InspectorConfig.builder()
                .allowedRegistries(List.of("*.azurecr.io", REGISTRY.host())))) {
      assertThat(allowed.inspect(ref("app/web:oci"), InspectOptions.defaults()).succeeded())
          .isTrue();
      RegistryError e =
          failure(
              allowed.inspect(
                  ImageReference.parse("mcr.microsoft.com/windows/servercore:ltsc2022"),
                  InspectOptions.defaults()));
      assertThat(e.message()).contains("not on the allow list");
    }
  }

  @Test
  void refusesLinkLocalAndMetadataRegistries() {
    try (RegistryInspector inspector = inspector()) {
      for (String r :
          List.of(
              "169.254.169.254/latest/meta:data",
              "metadata.google.internal/x:1",
              "[fe80::1]:5000/x:1")) {
        RegistryError e =
            failure(inspector.inspect(ImageReference.parse(r), InspectOptions.defaults()));
        assertThat(e.kind()).as(r).isEqualTo(ErrorKind.BLOCKED);
      }
      assertThat(inspector.stats().requests()).isZero();
    }
  }

  @Test
  void aManifestOverTheSizeLimitIsRefused() {
    try (RegistryInspector inspector = inspector(InspectorConfig.builder().maxManifestBytes(100))) {
      RegistryError e =
          failure(inspector.inspect(ref("windows/servercore:multi"), InspectOptions.defaults()));
      assertThat(e.kind()).isEqualTo(ErrorKind.TOO_LARGE);
    }
  }

  @Test
  void aPassedDeadlineFailsEveryReferenceWithTimeout() {
    try (RegistryInspector inspector = inspector()) {
      List<InspectionResult> rs =
          inspector.inspect(
              List.of(ref("app/web:oci"), ref("app/web:docker")),
              InspectOptions.defaults().withDeadline(Instant.now().minusSeconds(1)));
      assertThat(rs).allSatisfy(r -> assertThat(failure(r).kind()).isEqualTo(ErrorKind.TIMEOUT));
    }
  }

  @Test
  void anUnreachableRegistryDoesNotHideAReachableOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String down = "127.0.0.1:" + closed;
    try (RegistryInspector inspector =
        RegistryInspector.create(
            InspectorConfig.builder().insecureRegistries(Set.of(REGISTRY.host(), down)).build())) {
      List<InspectionResult> rs =
          inspector.inspect(
              List.of(ImageReference.parse(down + "/x:1"), ref("app/web:oci")),
              InspectOptions.defaults());
      RegistryError e = failure(rs.get(0));
      assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
      assertThat(e.message()).contains("connection refused");
      assertThat(rs.get(1).succeeded()).isTrue();
    }
  }

  @Test
  void tellsTheListenerAboutEveryReference() {
    try (RegistryInspector inspector = inspector()) {
      java.util.concurrent.atomic.AtomicInteger calls =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger lastTotal =
          new java.util.concurrent.atomic.AtomicInteger();
      inspector.inspect(
          List.of(ref("app/web:oci"), ref("app/web:nope"), ref("app/web:docker")),
          InspectOptions.defaults()
              .withListener(
                  (r, done, total) -> {
                    calls.incrementAndGet();
                    lastTotal.set(total);
                  }));
      assertThat(calls.get()).isEqualTo(3);
      assertThat(lastTotal.get()).isEqualTo(3);
    }
  }

  /** The tag list of a repository, as the Distribution registry serves it. */
  @Test
  void listsTheTagsOfARepository() {
    ImagePusher p = REGISTRY.pusher();
    List<String> pushed = new java.util.ArrayList<>();
    for (int rev : new int[] {6893, 7009, 7136, 7314}) {
      String tag = "10.0.17763." + rev;
      p.image("windows/tagged", tag, true, Os.windows(tag), List.of());
      pushed.add(tag);
    }
    p.image("windows/tagged", "ltsc2019", true, Os.windows("10.0.17763.7009"), List.of());
    pushed.add("ltsc2019");
    try (RegistryInspector inspector = inspector()) {
      assertThat(inspector.listTags(ref("windows/tagged:ltsc2019")))
          .containsExactlyInAnyOrderElementsOf(pushed);
      RegistryException missing =
          org.junit.jupiter.api.Assertions.assertThrows(
              RegistryException.class, () -> inspector.listTags(ref("windows/absent:x")));
      assertThat(missing.error().message()).contains("windows/absent");
    }
  }
}
