package dev.winfleet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.spi.BearerTokenReviewer.Outcome;
import dev.winfleet.core.spi.BearerTokenReviewer.Review;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's TokenReview against fabric8's mock API server in expectations mode (CRUD mode
 * cannot answer TokenReviews or SubjectAccessReviews). The mock plays the API server: token
 * "alice-token" is alice (group ops, allowed), "bob-token" is bob (not allowed), any other token is
 * not authenticated.
 */
@EnableKubernetesMockClient
class KubeTokenReviewerTest {

  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

  KubernetesMockServer server;
  KubernetesClient client;

  private final AtomicInteger tokenReviews = new AtomicInteger();
  private final AtomicReference<SubjectAccessReview> lastAccessReview = new AtomicReference<>();

  /** The API server as the class comment says, for every request from now on. */
  void apiServer() {
    server
        .expect()
        .post()
        .withPath(TOKEN_REVIEWS)
        .andReply(
            200,
            request -> {
              tokenReviews.incrementAndGet();
              TokenReview in = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
              String token = in.getSpec().getToken();
              String user =
                  switch (token) {
                    case "alice-token" -> "alice";
                    case "bob-token" -> "bob";
                    default -> null;
                  };
              TokenReviewBuilder out = new TokenReviewBuilder(in);
              if (user == null) {
                return out.withNewStatus()
                    .withAuthenticated(false)
                    .withError("token lookup failed")
                    .endStatus()
                    .build();
              }
              return out.withNewStatus()
                  .withAuthenticated(true)
                  .withNewUser()
                  .withUsername(user)
                  .withUid("uid-" + user)
                  .withGroups(List.of("ops", "system:authenticated"))
                  .withExtra(Map.of("scopes", List.of("read")))
                  .endUser()
                  .endStatus()
                  .build();
            })
        .always();
    server
        .expect()
        .post()
        .withPath(ACCESS_REVIEWS)
        .andReply(
            200,
            request -> {
              SubjectAccessReview in =
                  Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
              lastAccessReview.set(in);
              boolean allowed = in.getSpec().getUser().equals("alice");
              return new SubjectAccessReviewBuilder(in)
                  .withNewStatus()
                  .withAllowed(allowed)
                  .withReason(allowed ? "RBAC: allowed" : "no RBAC policy matched")
                  .endStatus()
                  .build();
            })
        .always();
  }

  @Test
  void allowsAUserTheApiServerAuthorizes() {
    apiServer();
    Review review = new KubeTokenReviewer(client, "/winfleet/dashboard").review("alice-token");

    assertThat(review.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(review.user()).isEqualTo("alice");
    SubjectAccessReview asked = lastAccessReview.get();
    assertThat(asked.getSpec().getGroups()).containsExactly("ops", "system:authenticated");
    assertThat(asked.getSpec().getUid()).isEqualTo("uid-alice");
    assertThat(asked.getSpec().getExtra()).containsEntry("scopes", List.of("read"));
    assertThat(asked.getSpec().getNonResourceAttributes().getPath())
        .isEqualTo("/winfleet/dashboard");
    assertThat(asked.getSpec().getNonResourceAttributes().getVerb()).isEqualTo("get");
  }

  @Test
  void forbidsAnAuthenticatedUserWithoutTheGrant() {
    apiServer();
    Review review = new KubeTokenReviewer(client, "/winfleet/dashboard").review("bob-token");

    assertThat(review.outcome()).isEqualTo(Outcome.FORBIDDEN);
    assertThat(review.user()).isEqualTo("bob");
    assertThat(review.reason()).contains("no RBAC policy matched");
  }

  @Test
  void refusesATokenTheApiServerDoesNotKnow() {
    apiServer();
    Review review = new KubeTokenReviewer(client, "/winfleet/dashboard").review("forged");

    assertThat(review.outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
    assertThat(review.reason()).contains("token lookup failed").doesNotContain("forged");
  }

  @Test
  void asksTheApiServerOncePerTokenWhileTheAnswerIsKept() {
    apiServer();
    AtomicLong nanos = new AtomicLong();
    KubeTokenReviewer reviewer =
        new KubeTokenReviewer(client, "/winfleet/dashboard", Duration.ofSeconds(10), nanos::get);

    for (int i = 0; i < 5; i++) {
      assertThat(reviewer.review("alice-token").outcome()).isEqualTo(Outcome.ALLOWED);
      assertThat(reviewer.review("forged").outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
    }
    assertThat(tokenReviews).hasValue(2);

    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    reviewer.review("alice-token");
    assertThat(tokenReviews).hasValue(3);
  }

  @Test
  void anApiServerThatFailsIsUnavailableAndNotKept() {
    server.expect().post().withPath(TOKEN_REVIEWS).andReturn(500, "boom").once();
    apiServer();
    // fabric8 retries 5xx answers by default; serve's reviewer client does not (see ServeCommand).
    KubernetesClient once =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    KubeTokenReviewer reviewer = new KubeTokenReviewer(once, "/winfleet/dashboard");

    assertThat(reviewer.review("alice-token").outcome()).isEqualTo(Outcome.UNAVAILABLE);
    // The failure was not kept: the next request is reviewed again, and allowed.
    assertThat(reviewer.review("alice-token").outcome()).isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void aServiceAccountWithoutAuthDelegatorIsToldWhatToBind() {
    server.expect().post().withPath(TOKEN_REVIEWS).andReturn(403, "forbidden").always();

    Review review = new KubeTokenReviewer(client, "/winfleet/dashboard").review("alice-token");

    assertThat(review.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(review.reason()).contains("system:auth-delegator");
  }
}
