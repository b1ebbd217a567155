package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class WireLogTest {
  @Test
  void theHaTokenAndPasswordsInABodyAreRedacted() {
    String body =
        "{\"tailf-ncs:high-availability\": {\"token\": \"super-secret\", \"ha-node\": [{\"id\":"
            + " \"n1\"}]}, \"aaa\": {\"password\":\"p\\\"w\", \"secret-key\": 42}}";
    String logged = WireLog.redactBody(body);
    assertThat(logged)
        .doesNotContain("super-secret")
        .doesNotContain("p\\\"w")
        .doesNotContain("42")
        .contains("\"token\": \"<redacted>\"")
        .contains("\"id\": \"n1\"");
  }

  @Test
  void theAuthorizationHeaderIsRedacted() {
    assertThat(
            WireLog.headers(Headers.of("Authorization", "Basic YWRtaW46YWRtaW4=", "Accept", "x")))
        .isEqualTo("[Authorization: <redacted>, Accept: x]");
  }
}
