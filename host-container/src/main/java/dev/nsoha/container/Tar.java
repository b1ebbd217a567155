package dev.nsoha.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The little of the tar format the Docker archive API needs: write regular files into an archive
 * (copy into a container) and read the first regular file out of one (copy out of a container).
 */
final class Tar {
  private static final int BLOCK = 512;

  private Tar() {}

  /**
   * An archive of {@code files} (name to content), each a regular file with mode {@code 644}; the
   * directories of names with a {@code /} come first, mode {@code 755}.
   */
  static byte[] of(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Set<String> dirs = new TreeSet<>();
    for (String n : files.keySet()) {
      for (int i = n.indexOf('/'); i > 0; i = n.indexOf('/', i + 1)) {
        dirs.add(n.substring(0, i + 1));
      }
    }
    for (String d : dirs) {
      entry(out, d, new byte[0], 0755, (byte) '5');
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      entry(out, f.getKey(), f.getValue(), 0644, (byte) '0');
    }
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  private static void entry(
      ByteArrayOutputStream out, String entryName, byte[] content, int mode, byte type) {
    byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
    if (name.length > 99) {
      throw new IllegalArgumentException("tar entry name longer than 99 bytes: " + entryName);
    }
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, name.length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, content.length);
    octal(h, 136, 12, System.currentTimeMillis() / 1000);
    h[156] = type;
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    out.writeBytes(h);
    out.writeBytes(content);
    out.writeBytes(new byte[pad(content.length)]);
  }

  /**
   * Copies the first regular file of the archive {@code in} to {@code to}; returns its name, or
   * empty when the archive holds none.
   */
  static Optional<String> extractFirstFile(InputStream in, OutputStream to) throws IOException {
    byte[] h = new byte[BLOCK];
    while (readFully(in, h)) {
      if (h[0] == 0) {
        return Optional.empty();
      }
      String name = text(h, 0, 100);
      long size = parseOctal(h, 124, 12);
      byte type = h[156];
      if (type == '0' || type == 0) {
        copy(in, to, size);
        skip(in, pad(size));
        return Optional.of(name);
      }
      skip(in, size + pad(size));
    }
    return Optional.empty();
  }

  private static int pad(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = String.format("%0" + (len - 1) + "o", value);
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
    h[off + len - 1] = 0;
  }

  private static long parseOctal(byte[] h, int off, int len) {
    String s = text(h, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private static String text(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = in.readNBytes(b, 0, b.length);
    return n == b.length;
  }

  private static void copy(InputStream in, OutputStream to, long size) throws IOException {
    byte[] buf = new byte[65536];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("tar archive ends inside a file");
      }
      to.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          return;
        }
        s = 1;
      }
      left -= s;
    }
  }
}
