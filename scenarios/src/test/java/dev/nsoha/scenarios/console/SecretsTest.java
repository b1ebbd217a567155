package dev.nsoha.scenarios.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void registeredValuesAreMaskedEverywhere() {
    Secrets.register("hunter2-x");
    assertThat(Secrets.mask("login as admin with hunter2-x, again hunter2-x"))
        .isEqualTo("login as admin with ****, again ****");
  }

  @Test
  void credentialsAreMaskedByTheirContext() {
    assertThat(Secrets.mask("Authorization: Basic YWRtaW46YWRtaW4="))
        .isEqualTo("Authorization: Basic ****");
    assertThat(Secrets.mask("{\"tailf-ncs:token\": \"abc\", \"id\": \"n1\"}"))
        .isEqualTo("{\"tailf-ncs:token\": \"****\", \"id\": \"n1\"}");
    assertThat(Secrets.mask("<token>abc</token>")).isEqualTo("<token>****</token>");
    assertThat(Secrets.mask("n1 <<< high-availability token abc"))
        .isEqualTo("n1 <<< high-availability token ****");
    assertThat(Secrets.mask("password=abc other")).isEqualTo("password=**** other");
  }
}
