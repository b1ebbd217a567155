package dev.nsoha.sim.pkg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's {@code .fxs} format (agreed with {@code ncsc}): a header of {@code key: value}
 * lines after {@code #nso-sim-fxs 1}, a {@code ---} line, then the YANG module verbatim.
 *
 * @param headers header fields (ncs-version, module, namespace, prefix, source)
 * @param yang the YANG text
 */
public record Fxs(Map<String, String> headers, String yang) {
  /** The first line of every fxs file. */
  public static final String MAGIC = "#nso-sim-fxs 1";

  /** Parses fxs text; IllegalArgumentException with a short reason when it is not one. */
  public static Fxs parse(String text) {
    String t = text.replace("\r\n", "\n");
    if (!t.startsWith(MAGIC + "\n")) {
      throw new IllegalArgumentException("not a simulator fxs file (bad header)");
    }
    int sep = t.indexOf("\n---\n");
    if (sep < 0) {
      throw new IllegalArgumentException("not a simulator fxs file (no '---' line)");
    }
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : t.substring(MAGIC.length() + 1, sep).split("\n")) {
      int c = line.indexOf(':');
      if (c > 0) {
        h.put(line.substring(0, c).trim(), line.substring(c + 1).trim());
      }
    }
    if (!h.containsKey("ncs-version")) {
      throw new IllegalArgumentException("fxs file has no ncs-version");
    }
    return new Fxs(Map.copyOf(h), t.substring(sep + 5));
  }

  /** Renders fxs text for a module (used by tests and tools that compile YANG). */
  public static String render(
      String ncsVersion,
      String module,
      String namespace,
      String prefix,
      String source,
      String yang) {
    return MAGIC
        + "\n"
        + "ncs-version: "
        + ncsVersion
        + "\n"
        + "module: "
        + module
        + "\n"
        + "namespace: "
        + namespace
        + "\n"
        + "prefix: "
        + prefix
        + "\n"
        + "source: "
        + source
        + "\n---\n"
        + yang;
  }

  /** The NSO version the file was compiled with. */
  public String ncsVersion() {
    return headers.get("ncs-version");
  }

  /** SHA-256 of the YANG text (hex). */
  public String digest() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(yang.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
