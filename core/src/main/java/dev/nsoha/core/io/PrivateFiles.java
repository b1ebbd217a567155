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
import java.util.function.Consumer;

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
    writeAtomically(file, text, point -> {});
  }

  /**
   * As {@link #writeAtomically(Path, String)}, calling {@code checkpoint} at each point of the
   * write: {@code written} (the temporary file holds the text, not yet forced), {@code synced} (it
   * is on disk, not yet renamed) and {@code renamed} (the rename is done, the directory not yet
   * forced). For tests that stop the process at each of them.
   */
  public static void writeAtomically(Path file, String text, Consumer<String> checkpoint) {
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
        checkpoint.accept("written");
        ch.force(true);
      }
      checkpoint.accept("synced");
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      checkpoint.accept("renamed");
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // Some file systems cannot sync a directory; the rename is still atomic.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes sure {@code file} exists and only its owner can use it: a new file is created {@code
   * 0600} (its directory {@code 0700}); an existing one is set to {@code 0600}. For files that
   * another library then opens for writing (logs, streams), which keeps the mode.
   */
  public static Path touch(Path file) {
    Path abs = file.toAbsolutePath();
    directory(abs.getParent());
    try {
      try {
        Files.createFile(abs, PosixFilePermissions.asFileAttribute(FILE));
      } catch (FileAlreadyExistsException e) {
        Files.setPosixFilePermissions(abs, FILE);
      }
      return abs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + abs + ": " + e.getMessage(), e);
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
