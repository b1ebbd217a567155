package dev.nsoha.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar archives of the Docker archive API, with Apache Commons Compress: write regular files
 * into an archive (copy into a container) and read the first regular file out of one (copy out of a
 * container).
 */
final class DockerTar {
  private DockerTar() {}

  /**
   * An archive of {@code files} (name to content), each a regular file with mode {@code 644}; the
   * directories of names with a {@code /} come first, mode {@code 755}. Names longer than 100 bytes
   * are written as pax records.
   */
  static byte[] of(Map<String, byte[]> files) {
    Set<String> dirs = new TreeSet<>();
    for (String n : files.keySet()) {
      for (int i = n.indexOf('/'); i > 0; i = n.indexOf('/', i + 1)) {
        dirs.add(n.substring(0, i + 1));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (String d : dirs) {
        entry(tar, d, null, 0755);
      }
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        entry(tar, f.getKey(), f.getValue(), 0644);
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a tar archive in memory", e);
    }
    return out.toByteArray();
  }

  private static void entry(TarArchiveOutputStream tar, String name, byte[] data, int mode)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(mode);
    e.setSize(data == null ? 0 : data.length);
    tar.putArchiveEntry(e);
    if (data != null) {
      tar.write(data);
    }
    tar.closeArchiveEntry();
  }

  /**
   * Copies the first regular file of the archive {@code in} to {@code to}; returns its name, or
   * empty when the archive holds none.
   */
  static Optional<String> extractFirstFile(InputStream in, OutputStream to) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) {
        tar.transferTo(to);
        return Optional.of(e.getName());
      }
    }
    return Optional.empty();
  }
}
