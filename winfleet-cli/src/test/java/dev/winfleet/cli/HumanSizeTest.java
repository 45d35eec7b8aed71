package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HumanSizeTest {

  @Test
  void printsBinaryUnitsWithOneDecimal() {
    assertThat(HumanSize.format(0)).isEqualTo("0 B");
    assertThat(HumanSize.format(1023)).isEqualTo("1023 B");
    assertThat(HumanSize.format(1024)).isEqualTo("1.0 KiB");
    assertThat(HumanSize.format(54000)).isEqualTo("52.7 KiB");
    assertThat(HumanSize.format(101_002_000L)).isEqualTo("96.3 MiB");
    assertThat(HumanSize.format(1_568_082_011L)).isEqualTo("1.5 GiB");
  }
}
