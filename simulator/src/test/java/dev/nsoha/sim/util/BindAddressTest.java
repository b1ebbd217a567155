package dev.nsoha.sim.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LoopbackTest {
  @Test
  void wildcardBecomesLocalhostAndLoopbackStays() throws IOException {
    assertThat(BindAddress.bindAddress("cli", "0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(BindAddress.bindAddress("cli", "::")).isEqualTo("127.0.0.1");
    assertThat(BindAddress.bindAddress("cli", "127.0.2.1")).isEqualTo("127.0.2.1");
  }

  @Test
  void anyOtherAddressIsRefusedWithTheListenerNamed() {
    assertThatThrownBy(() -> BindAddress.bindAddress("ha: /ncs-config/ha/ip", "10.0.0.1"))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "ha: /ncs-config/ha/ip: 10.0.0.1 is not a loopback address; the simulator listens on 127.0.0.0/8 only");
  }
}
