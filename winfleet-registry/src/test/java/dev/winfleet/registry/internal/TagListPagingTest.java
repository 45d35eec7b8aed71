package dev.winfleet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Link header of the Distribution spec's tag list pagination. */
class TagListPagingTest {

  @Test
  void followsRelativeAndAbsoluteNextLinksOnTheSameRegistryPath() {
    assertThat(
            InspectionEngine.nextPage(
                "</v2/windows/servercore/tags/list?n=1000&last=10.0.17763.7136>; rel=\"next\""))
        .hasValue("/v2/windows/servercore/tags/list?n=1000&last=10.0.17763.7136");
    assertThat(
            InspectionEngine.nextPage(
                "<https://elsewhere.example/v2/a/tags/list?last=b&n=2>; rel=next"))
        .hasValue("/v2/a/tags/list?last=b&n=2");
    assertThat(InspectionEngine.nextPage("</v2/a/tags/list?n=2>; rel=\"prev\"")).isEmpty();
  }
}
