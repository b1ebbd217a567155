package dev.nsoha.core.digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a configuration, computed as it streams by: every leaf, named by its whole
 * path ({@code /dummy:dummies/dummy{d1}} and {@code address}) with its value, is digested with
 * SHA-256, and the digests are added up, lane by lane, so that the result does not depend on the
 * order in which members arrive (two transports that list members in different orders give the same
 * fingerprint). The fingerprint is SHA-256 of the sums and the number of leaves, in hex. Memory is
 * constant. Not thread-safe; fed by a {@link ConfigDigester}.
 */
public final class ConfigFingerprint implements ConfigDigester.LeafListener {
  private final MessageDigest sha;
  private final long[] lanes = new long[4];
  private long leaves;

  public ConfigFingerprint() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void leaf(String unit, String name, String value) {
    sha.reset();
    sha.update(unit.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    ByteBuffer d = ByteBuffer.wrap(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < 4; i++) {
      lanes[i] += d.getLong();
    }
    leaves++;
  }

  /** How many leaves were fed. */
  public long leaves() {
    return leaves;
  }

  /** The fingerprint of the leaves fed so far, 64 hex digits. */
  public String hex() {
    ByteBuffer b = ByteBuffer.allocate(40);
    for (long l : lanes) {
      b.putLong(l);
    }
    b.putLong(leaves);
    sha.reset();
    return HexFormat.of().formatHex(sha.digest(b.array()));
  }
}
