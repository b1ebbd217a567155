package dev.nsoha.sim.ipc;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire format between the shell tools and a node (see README-tools.md, "IPC protocol").
 *
 * <p>Request: the line {@code NSOSIM-IPC 1}, then any number of fields, each the line {@code <key>
 * <byte length>} followed by that many bytes and a newline, then the line {@code .}. Keys: {@code
 * T} tool, {@code A} argument (repeatable, in order), {@code E} environment entry {@code
 * NAME=VALUE} (repeatable), {@code D} working directory, {@code I} standard input, {@code S}
 * (empty) stream mode: the client's input follows the request as raw lines, ended by a line holding
 * only EOT (0x04) or by closing the connection, and the node writes the output raw, as it comes,
 * without a header, until it closes the connection.
 *
 * <p>Reply: the line {@code <exit code> <stderr byte length>}, the stderr bytes, then the stdout
 * bytes; the node then closes the connection, which ends stdout.
 *
 * <p>Stateless and thread-safe.
 */
public final class IpcCodec {
  /** The first line of every request. */
  public static final String MAGIC = "NSOSIM-IPC 1";

  /** Requests larger than this are refused (standard input of a script included). */
  static final int MAX_REQUEST_BYTES = 64 << 20;

  private IpcCodec() {}

  /**
   * Reads one request.
   *
   * @throws IpcProtocolException if the bytes do not follow the protocol
   * @throws EOFException if the stream ends before the request is complete
   */
  public static IpcRequest readRequest(InputStream in) throws IOException {
    String magic = readLine(in);
    if (!MAGIC.equals(magic)) {
      throw new IpcProtocolException("not an NSOSIM-IPC request: " + abbreviate(magic));
    }
    String tool = null;
    List<String> args = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    String cwd = "";
    String stdin = null;
    boolean stream = false;
    long total = 0;
    while (true) {
      String line = readLine(in);
      if (".".equals(line)) {
        break;
      }
      int sp = line.indexOf(' ');
      if (sp != 1) {
        throw new IpcProtocolException("bad field header: " + abbreviate(line));
      }
      int len;
      try {
        len = Integer.parseInt(line.substring(2));
      } catch (NumberFormatException e) {
        throw new IpcProtocolException("bad field length: " + abbreviate(line));
      }
      total += len;
      if (len < 0 || total > MAX_REQUEST_BYTES) {
        throw new IpcProtocolException("request too large");
      }
      byte[] bytes = in.readNBytes(len);
      if (bytes.length != len) {
        throw new EOFException("request ended early");
      }
      String value = new String(bytes, StandardCharsets.UTF_8);
      int nl = in.read();
      if (nl == -1) {
        throw new EOFException("request ended early");
      }
      if (nl != '\n') {
        throw new IpcProtocolException(
            "field of key " + line.charAt(0) + " is longer than " + len + " bytes");
      }
      switch (line.charAt(0)) {
        case 'T' -> tool = value;
        case 'A' -> args.add(value);
        case 'E' -> {
          int eq = value.indexOf('=');
          if (eq > 0) {
            env.put(value.substring(0, eq), value.substring(eq + 1));
          }
        }
        case 'D' -> cwd = value;
        case 'I' -> stdin = value;
        case 'S' -> stream = true;
        default -> {
          // Unknown keys are skipped so that newer clients work with older nodes.
        }
      }
    }
    if (tool == null) {
      throw new IpcProtocolException("request names no tool");
    }
    return new IpcRequest(tool, args, env, cwd, Optional.ofNullable(stdin), stream);
  }

  /** Writes a request (used by Java clients and tests). */
  public static void writeRequest(OutputStream out, IpcRequest request) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    buf.write((MAGIC + "\n").getBytes(StandardCharsets.US_ASCII));
    field(buf, 'T', request.tool());
    for (String a : request.args()) {
      field(buf, 'A', a);
    }
    for (Map.Entry<String, String> e : request.env().entrySet()) {
      field(buf, 'E', e.getKey() + "=" + e.getValue());
    }
    if (!request.cwd().isEmpty()) {
      field(buf, 'D', request.cwd());
    }
    if (request.stdin().isPresent()) {
      field(buf, 'I', request.stdin().get());
    }
    if (request.stream()) {
      field(buf, 'S', "");
    }
    buf.write(".\n".getBytes(StandardCharsets.US_ASCII));
    out.write(buf.toByteArray());
    out.flush();
  }

  /** Writes a reply; the caller closes the connection afterwards. */
  public static void writeReply(OutputStream out, IpcReply reply) throws IOException {
    byte[] err = reply.stderr().getBytes(StandardCharsets.UTF_8);
    byte[] std = reply.stdout().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream buf = new ByteArrayOutputStream(err.length + std.length + 16);
    buf.write((reply.exitCode() + " " + err.length + "\n").getBytes(StandardCharsets.US_ASCII));
    buf.write(err);
    buf.write(std);
    out.write(buf.toByteArray());
    out.flush();
  }

  /** Reads a whole reply, up to the end of the stream (used by Java clients and tests). */
  public static IpcReply readReply(InputStream in) throws IOException {
    String head = readLine(in);
    String[] parts = head.split(" ");
    if (parts.length != 2) {
      throw new IpcProtocolException("bad reply header: " + abbreviate(head));
    }
    int code;
    int errLen;
    try {
      code = Integer.parseInt(parts[0]);
      errLen = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IpcProtocolException("bad reply header: " + abbreviate(head));
    }
    byte[] err = in.readNBytes(errLen);
    if (err.length != errLen) {
      throw new EOFException("reply ended early");
    }
    byte[] std = in.readAllBytes();
    return new IpcReply(
        code, new String(std, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static void field(ByteArrayOutputStream buf, char key, String value) throws IOException {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    buf.write((key + " " + b.length + "\n").getBytes(StandardCharsets.US_ASCII));
    buf.write(b);
    buf.write('\n');
  }

  /** Reads one line (without the newline); header lines are short. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw new EOFException(line.size() == 0 ? "connection closed" : "request ended early");
      }
      if (c == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() >= 4096) {
        throw new IpcProtocolException("header line too long");
      }
      line.write(c);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
