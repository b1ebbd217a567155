package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.error.ErrorCode;
import dev.nsoha.core.error.NsoException;
import org.junit.jupiter.api.Test;

/** The CLI's error replies (docs/nso-interface.md, "CLI") and the messages they give. */
class CliErrorsTest {
  private static final String WHERE = "n2 (127.0.2.1, cli)";

  private static NsoException error(String output) {
    return CliErrors.find(output, WHERE, "merge configuration").orElseThrow();
  }

  @Test
  void readOnlyAbort() {
    NsoException e = error("Aborted: node is in read-only mode");
    assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY);
    assertThat(e).hasMessage("n2 (127.0.2.1, cli): merge configuration: node is in read-only mode");
    assertThat(e.detail()).isEqualTo("node is in read-only mode");
  }

  @Test
  void otherAbortsFailTheOperation() {
    assertThat(error("Aborted: the configuration database is locked").code())
        .isEqualTo(ErrorCode.OPERATION_FAILED);
    assertThat(error("Aborted: 'dummies dummy d1 dummy': \"x\" is an invalid value").code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
  }

  @Test
  void syntaxErrorsAreInvalidInputWithTheirText() {
    NsoException e = error("---------------------^\nsyntax error: element does not exist");
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.detail()).isEqualTo("syntax error: element does not exist");
  }

  @Test
  void errorsSayWhetherSomethingIsMissing() {
    assertThat(error("Error: no registration found for callpoint x/y").code())
        .isEqualTo(ErrorCode.OPERATION_FAILED);
    assertThat(error("Error: package nothing-9.9 not found").code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error("Error: Failed to load NCS package: demo; requires NCS version 6.3").code())
        .isEqualTo(ErrorCode.OPERATION_FAILED);
  }

  @Test
  void outputWithoutAnErrorLine() {
    assertThat(CliErrors.find("result enabled\nCommit complete.", WHERE, "x")).isEmpty();
  }
}
