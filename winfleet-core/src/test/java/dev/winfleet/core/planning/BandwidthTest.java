package dev.winfleet.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandwidthTest {

  @ParameterizedTest
  @CsvSource({
    "1Gbit/s, 125000000",
    "100Mbit/s, 12500000",
    "10Gbit/s, 1250000000",
    "500MB/s, 500000000",
    "1.5GiB/s, 1610612736",
    "800kbit/s, 100000",
    "64KiB/s, 65536",
    "1Gbps, 125000000",
    "' 2 Gbit/s ', 250000000"
  })
  void readsRatesAsBytesPerSecond(String text, double bytesPerSecond) {
    assertThat(Bandwidth.parse(text).bytesPerSecond()).isEqualTo(bytesPerSecond);
  }

  @ParameterizedTest
  @CsvSource({
    "10Gb/s, '''10Gb/s'' is ambiguous: write 10Gbit/s for bits or 10GB/s for bytes per second'",
    "fast, '''fast'' is not a bandwidth; write a number and a unit such as 1Gbit/s'",
    "10G, '''10G'' is not a bandwidth'",
    "0Gbit/s, '''0Gbit/s'' must be more than zero'",
    "-1Gbit/s, '''-1Gbit/s'' is not a bandwidth'"
  })
  void refusesWhatIsNotARateWithAClearMessage(String text, String message) {
    assertThatThrownBy(() -> Bandwidth.parse(text))
        .isInstanceOf(PlanningException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @CsvSource({
    "1Gbit/s, 1 Gbit/s",
    "100Mbit/s, 100 Mbit/s",
    "500MB/s, 4 Gbit/s",
    "1.5Gbit/s, 1.5 Gbit/s"
  })
  void describesRatesInBits(String text, String described) {
    assertThat(Bandwidth.parse(text).describe()).isEqualTo(described);
  }
}
