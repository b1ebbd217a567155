package dev.nsoha.sim.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpcCodecTest {
  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheFieldsABashClientSends() throws IOException {
    // What lib/ipc-client.bash produces for: ncs_cmd -o -c 'mrtrans; mget "/a/b"'
    String wire =
        "NSOSIM-IPC 1\nT 7\nncs_cmd\nA 2\n-o\nA 2\n-c\nA 20\nmrtrans; mget \"/a/b\"\n"
            + "D 4\n/tmp\nE 17\nNCS_IPC_PORT=4561\n.\n";
    IpcRequest r = IpcCodec.readRequest(bytes(wire));
    assertThat(r.tool()).isEqualTo("ncs_cmd");
    assertThat(r.args()).containsExactly("-o", "-c", "mrtrans; mget \"/a/b\"");
    assertThat(r.cwd()).isEqualTo("/tmp");
    assertThat(r.env()).containsEntry("NCS_IPC_PORT", "4561");
    assertThat(r.stdin()).isEmpty();
  }

  @Test
  void lengthsAreBytesSoNewlinesAndUtf8SurviveInValues() throws IOException {
    IpcRequest in =
        new IpcRequest(
            "ncs_cli",
            List.of("-C", "a\nb", "h\u00e9llo"),
            Map.of("USER", "admin"),
            "/x",
            Optional.of("config\ndummies dummy d1 description \"gr\u00fc\u00dfe\"\n\n"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IpcCodec.writeRequest(out, in);
    IpcRequest back = IpcCodec.readRequest(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back).isEqualTo(in);
  }

  @Test
  void emptyStdinIsPresentButEmpty() throws IOException {
    IpcRequest r = IpcCodec.readRequest(bytes("NSOSIM-IPC 1\nT 7\nncs_cli\nI 0\n\n.\n"));
    assertThat(r.stdin()).contains("");
  }

  @Test
  void streamModeIsAnEmptySField() throws IOException {
    IpcRequest r =
        IpcCodec.readRequest(bytes("NSOSIM-IPC 1\nT 7\nncs_cli\nA 2\n-C\nS 0\n\n.\nconfig\n"));
    assertThat(r.stream()).isTrue();
    assertThat(r.stdin()).isEmpty();
    IpcRequest in = new IpcRequest("ncs_cli", List.of("-C"), Map.of(), "", Optional.empty(), true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IpcCodec.writeRequest(out, in);
    assertThat(IpcCodec.readRequest(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(in);
    assertThat(IpcCodec.readRequest(bytes("NSOSIM-IPC 1\nT 3\nncs\n.\n")).stream()).isFalse();
  }

  @Test
  void unknownKeysAreSkipped() throws IOException {
    IpcRequest r = IpcCodec.readRequest(bytes("NSOSIM-IPC 1\nZ 3\nabc\nT 3\nncs\n.\n"));
    assertThat(r.tool()).isEqualTo("ncs");
  }

  @Test
  void rejectsGarbageAndTruncatedRequests() {
    assertThatThrownBy(() -> IpcCodec.readRequest(bytes("GET / HTTP/1.1\r\n\r\n")))
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining("not an NSOSIM-IPC request");
    assertThatThrownBy(() -> IpcCodec.readRequest(bytes("NSOSIM-IPC 1\nT 9\nncs\n")))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> IpcCodec.readRequest(bytes("NSOSIM-IPC 1\nT 2\nncs\n.\n")))
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining("longer than 2 bytes");
    assertThatThrownBy(() -> IpcCodec.readRequest(bytes("NSOSIM-IPC 1\nT x\nncs\n.\n")))
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining("bad field length");
    assertThatThrownBy(() -> IpcCodec.readRequest(bytes("NSOSIM-IPC 1\n.\n")))
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining("no tool");
  }

  @Test
  void replyCarriesExitCodeStderrLengthThenStdout() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IpcCodec.writeReply(out, new IpcReply(1, "primary\n", "FAILED: x\u00e9\n"));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1 12\nFAILED: x\u00e9\nprimary\n");
    IpcReply back = IpcCodec.readReply(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back).isEqualTo(new IpcReply(1, "primary\n", "FAILED: x\u00e9\n"));
  }
}
