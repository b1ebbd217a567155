package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 checksums of backups and copied files, computed on the stream: while a file is copied, or
 * in one pass over a file that has to be checked.
 */
public final class Checksums {
  private Checksums() {}

  /** The SHA-256 of {@code file}, hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return copyWithSha256(in, OutputStream.nullOutputStream());
    }
  }

  /**
   * {@link #sha256(Path)}, a failure to read reported as the operation {@code what}.
   *
   * @throws HostException when the file cannot be read
   */
  static String sha256(Path file, String what) {
    try {
      return sha256(file);
    } catch (IOException e) {
      throw new HostException("", what, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copies {@code in} to {@code out} and returns the SHA-256 (hex) of the bytes copied, computed as
   * they pass. Closes {@code in}, not {@code out}.
   */
  public static String copyWithSha256(InputStream in, OutputStream out) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    try (DigestInputStream d = new DigestInputStream(in, md)) {
      d.transferTo(out);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
