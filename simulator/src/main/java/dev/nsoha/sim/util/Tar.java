package dev.nsoha.sim.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Minimal gzip'ed tar support (ustar, GNU long names, pax path records) for package archives, so
 * the simulator needs no compression library. Regular files and directories only.
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
    byte[] h = new byte[512];
    String longName = null;
    while (true) {
      if (!readFully(in, h)) {
        break;
      }
      if (allZero(h)) {
        break;
      }
      String name = str(h, 0, 100);
      String prefix = str(h, 345, 155);
      if (!prefix.isEmpty() && h[257] == 'u') {
        name = prefix + "/" + name;
      }
      long size = octal(h, 124, 12);
      char type = (char) h[156];
      byte[] data = new byte[(int) size];
      if (!readFully(in, data) && size > 0) {
        throw new IOException("truncated tar archive");
      }
      long pad = (512 - size % 512) % 512;
      in.skipNBytes(pad);
      if (type == 'L') {
        longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        continue;
      }
      if (type == 'x') {
        for (String rec : new String(data, StandardCharsets.UTF_8).split("\n")) {
          int sp = rec.indexOf(' ');
          if (sp > 0 && rec.substring(sp + 1).startsWith("path=")) {
            longName = rec.substring(sp + 6);
          }
        }
        continue;
      }
      if (longName != null) {
        name = longName;
        longName = null;
      }
      if (type == '0' || type == 0) {
        while (name.startsWith("./")) {
          name = name.substring(2);
        }
        out.put(name, data);
      }
    }
    return out;
  }

  /**
   * Writes a {@code .tar.gz} of a directory; entries are named {@code <topName>/<relative path>}.
   */
  public static byte[] create(Path dir, String topName) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      List<Path> files = new ArrayList<>();
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted().forEach(files::add);
      }
      for (Path p : files) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        String name = rel.isEmpty() ? topName + "/" : topName + "/" + rel;
        if (Files.isDirectory(p)) {
          if (!name.endsWith("/")) {
            name = name + "/";
          }
          entry(gz, name, '5', new byte[0], 0755);
        } else if (Files.isRegularFile(p)) {
          entry(gz, name, '0', Files.readAllBytes(p), Files.isExecutable(p) ? 0755 : 0644);
        }
      }
      gz.write(new byte[1024]);
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

  private static void entry(OutputStream out, String name, char type, byte[] data, int mode)
      throws IOException {
    byte[] nb = name.getBytes(StandardCharsets.UTF_8);
    if (nb.length > 100) {
      entry(out, "././@LongLink", 'L', (name + "\0").getBytes(StandardCharsets.UTF_8), 0644);
      nb = Arrays.copyOf(nb, 100);
    }
    byte[] h = new byte[512];
    System.arraycopy(nb, 0, h, 0, nb.length);
    put(h, 100, 8, String.format("%07o", mode));
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", data.length));
    put(h, 136, 12, String.format("%011o", 0L));
    h[156] = (byte) type;
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    out.write(h);
    out.write(data);
    int pad = (512 - data.length % 512) % 512;
    out.write(new byte[pad]);
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = in.readNBytes(b, 0, b.length);
    return n == b.length;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String str(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int off, int len) {
    String s = str(h, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
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
