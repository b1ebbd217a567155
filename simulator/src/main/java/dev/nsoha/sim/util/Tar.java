package dev.nsoha.sim.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Gzip'ed tar archives of packages, read and written with Apache Commons Compress: regular files
 * and directories (a symbolic link inside a package directory is stored as what it points to),
 * modes {@code 755} for directories and executables and {@code 644} for other files, long names as
 * GNU {@code ././@LongLink} records, time stamps of zero so the same directory gives the same
 * archive. Reading takes ustar, GNU and pax archives and keeps the regular files only.
 */
public final class Tar {
  private Tar() {}

  /** Reads all regular files of a {@code .tar.gz}: path (no leading {@code ./}) to content. */
  public static Map<String, byte[]> read(Path tarGz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz))) {
      return read(in);
    }
  }

  /** Reads all regular files of an uncompressed tar stream. */
  public static Map<String, byte[]> read(InputStream in) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      byte type = e.getLinkFlag();
      if (type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM) {
        continue;
      }
      String name = e.getName();
      while (name.startsWith("./")) {
        name = name.substring(2);
      }
      out.put(name, tar.readAllBytes());
    }
    return out;
  }

  /**
   * Writes a {@code .tar.gz} of a directory; entries are named {@code <topName>/<relative path>}.
   */
  public static byte[] create(Path dir, String topName) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted().forEach(files::add);
    }
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GZIPOutputStream(bos), StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path p : files) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        String name = rel.isEmpty() ? topName + "/" : topName + "/" + rel;
        if (Files.isDirectory(p)) {
          entry(tar, name.endsWith("/") ? name : name + "/", null, 0755);
        } else if (Files.isRegularFile(p)) {
          entry(tar, name, Files.readAllBytes(p), Files.isExecutable(p) ? 0755 : 0644);
        }
      }
      tar.finish();
    }
    return bos.toByteArray();
  }

  /**
   * Extracts a {@code .tar.gz} into {@code dest}, refusing paths that escape it; returns the
   * top-level names.
   */
  public static List<String> extract(Path tarGz, Path dest) throws IOException {
    List<String> tops = new ArrayList<>();
    Path base = dest.toAbsolutePath().normalize();
    for (Map.Entry<String, byte[]> e : read(tarGz).entrySet()) {
      Path t = base.resolve(e.getKey()).normalize();
      if (!t.startsWith(base)) {
        throw new IOException("unsafe path in archive " + tarGz + ": " + e.getKey());
      }
      Files.createDirectories(t.getParent());
      Files.write(t, e.getValue());
      String top =
          e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().indexOf('/')) : e.getKey();
      if (!tops.contains(top)) {
        tops.add(top);
      }
    }
    return tops;
  }

  /** One entry: a directory when {@code data} is null, else a regular file. */
  private static void entry(TarArchiveOutputStream tar, String name, byte[] data, int mode)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(mode);
    e.setModTime(FileTime.fromMillis(0));
    e.setUserName("");
    e.setGroupName("");
    e.setSize(data == null ? 0 : data.length);
    tar.putArchiveEntry(e);
    if (data != null) {
      tar.write(data);
    }
    tar.closeArchiveEntry();
  }

  /** Deletes a file tree (not following symbolic links). */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(p)) {
        for (Path c : (Iterable<Path>) s::iterator) {
          deleteTree(c);
        }
      }
    }
    Files.delete(p);
  }

  /** Copies a directory tree (following links inside it). */
  public static void copyTree(Path from, Path to) throws IOException {
    from = from.toRealPath(); // a package linked into the load path (ncs-setup --package)
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
