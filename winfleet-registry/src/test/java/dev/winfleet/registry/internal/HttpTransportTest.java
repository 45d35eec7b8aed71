package dev.winfleet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    assertThat(HttpTransport.retryAfter("3", NOW)).contains(Duration.ofSeconds(3));
    assertThat(HttpTransport.retryAfter("Wed, 01 Jan 2025 00:00:10 GMT", NOW))
        .contains(Duration.ofSeconds(10));
    assertThat(HttpTransport.retryAfter("Tue, 31 Dec 2024 23:00:00 GMT", NOW))
        .contains(Duration.ZERO);
    assertThat(HttpTransport.retryAfter("soon", NOW)).isEmpty();
    assertThat(HttpTransport.retryAfter("-1", NOW)).isEmpty();
    assertThat(HttpTransport.retryAfter(null, NOW)).isEmpty();
  }
}
