package dev.nsoha.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: created {@code 0600} in directories created {@code 0700}, and
 * never readable by others even for an instant (the mode is set at creation, not after).
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and any missing parents as {@code 0700}; existing ones are left as they
   * are.
   */
  public static Path directory(Path dir) {
    Path abs = dir.toAbsolutePath();
    try {
      if (!Files.isDirectory(abs)) {
        if (abs.getParent() != null) {
          directory(abs.getParent());
        }
        try {
          Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
        } catch (FileAlreadyExistsException e) {
          // created meanwhile
        }
      }
      return abs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces {@code file} with {@code text} atomically: a private temporary file beside it is
   * written and forced to disk, renamed over the file, and the directory is forced too, so that a
   * crash at any instant leaves either the old or the new content, never a torn file.
   */
  public static void writeAtomically(Path file, String text) {
    Path abs = file.toAbsolutePath();
    Path dir = directory(abs.getParent());
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(FILE))) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // Some file systems cannot sync a directory; the rename is still atomic.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + abs + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} to {@code file}, created {@code 0600} (its directory {@code 0700}). */
  public static void writeString(Path file, String text) {
    Path abs = file.toAbsolutePath();
    directory(abs.getParent());
    try {
      Files.deleteIfExists(abs);
      Files.write(
          Files.createFile(abs, PosixFilePermissions.asFileAttribute(FILE)),
          text.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + abs + ": " + e.getMessage(), e);
    }
  }
}
