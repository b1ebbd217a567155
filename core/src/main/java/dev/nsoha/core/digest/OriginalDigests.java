package dev.nsoha.core.digest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The digests of the configuration as it was before an upgrade's first attempt, kept in a
 * compressed file beside the run journal, and the proof that a node's configuration now still holds
 * all of it.
 *
 * <p>The file holds one {@link DigestRecord} per list entry and per top-level subtree, written as
 * the configuration streams by (never a copy of the configuration: paths, leaf names and 32-bit
 * value digests). The journal refers to it by name and SHA-256 ({@link Ref}). The check loads the
 * records into a compact index (about 30 bytes per record plus 8 per leaf), streams the node's
 * configuration through a {@link ConfigDigester}, and names every record that is missing or whose
 * leaves changed. Growth (new entries, new leaves) passes.
 */
public final class OriginalDigests {
  private static final byte[] MAGIC =
      "nso-ha-upgrade config digests 1\n".getBytes(StandardCharsets.UTF_8);

  /** How many problems a check names at most; the rest are counted. */
  public static final int DEFAULT_LIMIT = 20;

  private OriginalDigests() {}

  /**
   * What the journal keeps about a digest file.
   *
   * @param file the file's name, in the journal's directory
   * @param sha256 the file's SHA-256, hex
   * @param records list entries and top-level subtrees digested
   * @param leaves leaves digested
   * @param bytes the file's size
   * @param subtrees per top-level subtree: its records and the SHA-256 of its digests
   */
  public record Ref(
      String file,
      String sha256,
      long records,
      long leaves,
      long bytes,
      Map<String, Map<String, Object>> subtrees) {
    public Ref {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(sha256, "sha256");
      subtrees = Map.copyOf(subtrees);
    }

    /** The journal's form. */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file);
      m.put("sha256", sha256);
      m.put("records", records);
      m.put("leaves", leaves);
      m.put("bytes", bytes);
      m.put("subtrees", new TreeMap<>(subtrees));
      return m;
    }

    /** The ref in a journal's {@code originalDigests} section, if there is a valid one. */
    @SuppressWarnings("unchecked")
    public static Optional<Ref> fromJson(Object json) {
      if (!(json instanceof Map<?, ?> m)
          || !(m.get("file") instanceof String f)
          || !(m.get("sha256") instanceof String s)) {
        return Optional.empty();
      }
      Map<String, Map<String, Object>> subs = new LinkedHashMap<>();
      if (m.get("subtrees") instanceof Map<?, ?> st) {
        st.forEach(
            (k, v) -> {
              if (v instanceof Map<?, ?> vm) {
                subs.put(String.valueOf(k), (Map<String, Object>) vm);
              }
            });
      }
      return Optional.of(
          new Ref(f, s, num(m.get("records")), num(m.get("leaves")), num(m.get("bytes")), subs));
    }

    private static long num(Object o) {
      return o instanceof Number n ? n.longValue() : 0;
    }
  }

  /** The digest file is missing, unreadable, or not the one the journal recorded. */
  public static final class DigestFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DigestFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Writes the digests of the configuration that {@code source} streams into {@code dir}, as {@code
   * <prefix>-<first 16 hex digits of its SHA-256>.gz}, durably (a private temporary file, fsync,
   * atomic rename, directory fsync).
   *
   * @param skipped top-level members to leave out (the HA tree)
   */
  public static Ref write(
      Path dir, String prefix, Set<String> skipped, Consumer<ConfigEvents> source) {
    Path tmp = dir.resolve("." + prefix + ".tmp");
    MessageDigest fileSha = sha256();
    Map<String, MessageDigest> subtreeSha = new TreeMap<>();
    Map<String, Long> subtreeCount = new TreeMap<>();
    ConfigDigester digester;
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(tmp);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        DigestOutputStream raw = new DigestOutputStream(Channels.newOutputStream(ch), fileSha);
        GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        out.write(MAGIC);
        digester =
            new ConfigDigester(
                r -> {
                  byte[] bytes = encode(r);
                  try {
                    out.write(bytes);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  String top = topLevel(r.path());
                  subtreeSha.computeIfAbsent(top, t -> sha256()).update(bytes);
                  subtreeCount.merge(top, 1L, Long::sum);
                },
                skipped);
        source.accept(digester);
        writeVarint(out, 0);
        out.flush();
        gz.finish();
        raw.flush();
        ch.force(true);
      }
      String sha = HexFormat.of().formatHex(fileSha.digest());
      Path file = dir.resolve(prefix + "-" + sha.substring(0, 16) + ".gz");
      long bytes = Files.size(tmp);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // Some file systems cannot sync a directory; the rename is still atomic.
      }
      Map<String, Map<String, Object>> subtrees = new LinkedHashMap<>();
      subtreeSha.forEach(
          (k, md) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("records", subtreeCount.get(k));
            s.put("sha256", HexFormat.of().formatHex(md.digest()));
            subtrees.put(k, s);
          });
      return new Ref(
          file.getFileName().toString(),
          sha,
          digester.records(),
          digester.leaves(),
          bytes,
          subtrees);
    } catch (IOException | UncheckedIOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temporary file stays; the next write replaces it
      }
      throw new UncheckedIOException(
          "cannot write the configuration digests in " + dir + ": " + e.getMessage(),
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
  }

  /**
   * The outcome of a containment check.
   *
   * @param problems what is missing or changed, up to the limit, each a sentence starting with the
   *     path
   * @param total how many problems there are in all
   */
  public record Check(List<String> problems, long total) {
    public Check {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return total == 0;
    }
  }

  /**
   * Checks that the configuration {@code now} streams holds everything the digests in {@code dir}
   * recorded.
   *
   * @throws DigestFileException when the file is missing or differs from {@code ref}
   */
  public static Check check(
      Path dir, Ref ref, Set<String> skipped, Consumer<ConfigEvents> now, int limit) {
    Checker c = load(dir, ref).checker(skipped, limit, null);
    now.accept(c.events());
    return c.finish();
  }

  /**
   * Loads the digests in {@code dir} once, for checking several nodes' configurations at the same
   * time ({@link Loaded#checker}): the compact index is shared, so memory does not grow with the
   * number of nodes.
   *
   * @throws DigestFileException when the file is missing or differs from {@code ref}
   */
  public static Loaded load(Path dir, Ref ref) {
    return new Loaded(dir, ref, Index.load(dir.resolve(ref.file()), ref.sha256()));
  }

  /** Digests loaded for checking. Thread-safe: each check has its own {@link Checker}. */
  public static final class Loaded {
    private final Path dir;
    private final Ref ref;
    private final Index index;

    private Loaded(Path dir, Ref ref, Index index) {
      this.dir = dir;
      this.ref = ref;
      this.index = index;
    }

    /**
     * A check of one configuration: feed it {@link Checker#events()}, then ask {@link
     * Checker#finish()}.
     *
     * @param leaves also receives every leaf (for a fingerprint in the same pass), or null
     */
    public Checker checker(Set<String> skipped, int limit, ConfigDigester.LeafListener leaves) {
      return new Checker(this, skipped, limit, leaves);
    }
  }

  /** One configuration's check against loaded digests. Not thread-safe. */
  public static final class Checker {
    private final Loaded loaded;
    private final int limit;
    private final BitSet matched;
    private final BitSet seen;
    private final MessageDigest sha = sha256();
    private final Map<Integer, List<String>> details = new HashMap<>();
    private final ConfigDigester digester;
    private long detailed;

    private Checker(
        Loaded loaded, Set<String> skipped, int limit, ConfigDigester.LeafListener leaves) {
      this.loaded = loaded;
      this.limit = limit;
      Index index = loaded.index;
      this.matched = new BitSet(index.n);
      this.seen = new BitSet(index.n);
      this.digester =
          new ConfigDigester(
              r -> {
                int idx = index.match(r, matched, seen, sha);
                if (idx < 0 && -idx - 1 < index.n && detailed < limit) {
                  int at = -idx - 1;
                  if (!details.containsKey(at)) {
                    details.put(at, index.describe(at, r));
                    detailed++;
                  }
                }
              },
              skipped,
              leaves);
    }

    /** Where the configuration streams to. */
    public ConfigEvents events() {
      return digester;
    }

    /** What is missing or changed, once the whole configuration was fed. */
    public Check finish() {
      Index index = loaded.index;
      if (matched.cardinality() == index.n) {
        return new Check(List.of(), 0);
      }
      List<String> problems = new ArrayList<>();
      long[] total = {0};
      index.read(
          loaded.dir.resolve(loaded.ref.file()),
          loaded.ref.sha256(),
          (i, r) -> {
            String path = r.path();
            if (matched.get(i)) {
              return;
            }
            List<String> ds = details.get(i);
            List<String> these =
                seen.get(i) && ds != null && !ds.isEmpty()
                    ? ds
                    : List.of(
                        seen.get(i)
                            ? path + " changed (differs from before the upgrade began)"
                            : path + " missing (present before the upgrade began)");
            for (String p : these) {
              total[0]++;
              if (problems.size() < limit) {
                problems.add(p);
              }
            }
          });
      return new Check(problems, total[0]);
    }
  }

  /** The records of a digest file in memory, compactly, keyed by a 64-bit digest of the path. */
  private static final class Index {
    int n;
    long[] pathHash = new long[1024];
    int[] first = new int[1024];
    int[] count = new int[1024];
    int[] next;
    int leafN;
    int[] leafName = new int[1024];
    int[] leafHash = new int[1024];
    final List<String> names = new ArrayList<>();
    final Map<String, Integer> nameIds = new HashMap<>();
    long[] keys;
    int[] heads;

    private final MessageDigest loadSha = sha256();

    static Index load(Path file, String sha256) {
      Index x = new Index();
      x.read(file, sha256, (i, r) -> x.add(r));
      x.build();
      return x;
    }

    /** Reads every record of {@code file}, checking the file's SHA-256 at the end. */
    void read(Path file, String expected, RecordVisitor v) {
      MessageDigest md = sha256();
      try (InputStream raw = Files.newInputStream(file);
          DigestInputStream din = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), md);
          DataInputStream in =
              new DataInputStream(
                  new BufferedInputStream(new GZIPInputStream(din, 1 << 16), 1 << 16))) {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
          throw new DigestFileException(
              "the configuration digests " + file + " are not a digest file", null);
        }
        int i = 0;
        while (true) {
          int len = readVarint(in);
          if (len == 0) {
            break;
          }
          String path = new String(in.readNBytes(len), StandardCharsets.UTF_8);
          int leaves = readVarint(in);
          String[] ns = new String[leaves];
          int[] hs = new int[leaves];
          for (int k = 0; k < leaves; k++) {
            ns[k] = new String(in.readNBytes(readVarint(in)), StandardCharsets.UTF_8);
            hs[k] = in.readInt();
          }
          v.visit(i++, new DigestRecord(path, ns, hs));
        }
        in.transferTo(OutputStream.nullOutputStream());
        din.transferTo(OutputStream.nullOutputStream());
      } catch (NoSuchFileException e) {
        throw new DigestFileException(
            "the configuration digests " + file + " recorded in the journal are missing", e);
      } catch (IOException e) {
        throw new DigestFileException(
            "the configuration digests " + file + " cannot be read: " + e.getMessage(), e);
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (!actual.equals(expected)) {
        throw new DigestFileException(
            "the configuration digests "
                + file
                + " were changed since the run began (sha256 "
                + actual
                + ", the journal recorded "
                + expected
                + ")",
            null);
      }
    }

    void add(DigestRecord r) {
      if (n == pathHash.length) {
        pathHash = Arrays.copyOf(pathHash, n * 2);
        first = Arrays.copyOf(first, n * 2);
        count = Arrays.copyOf(count, n * 2);
      }
      pathHash[n] = hash64(r.path(), loadSha);
      first[n] = leafN;
      count[n] = r.names().length;
      for (int k = 0; k < r.names().length; k++) {
        if (leafN == leafName.length) {
          leafName = Arrays.copyOf(leafName, leafN * 2);
          leafHash = Arrays.copyOf(leafHash, leafN * 2);
        }
        leafName[leafN] = nameIds.computeIfAbsent(r.names()[k], s -> addName(s));
        leafHash[leafN] = r.hashes()[k];
        leafN++;
      }
      n++;
    }

    private int addName(String s) {
      names.add(s);
      return names.size() - 1;
    }

    void build() {
      int size = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
      keys = new long[size];
      heads = new int[size];
      next = new int[n];
      for (int i = n - 1; i >= 0; i--) {
        int slot = slot(pathHash[i]);
        next[i] = heads[slot];
        keys[slot] = pathHash[i];
        heads[slot] = i + 1;
      }
    }

    private int slot(long key) {
      int mask = keys.length - 1;
      int s = (int) (key ^ (key >>> 32)) & mask;
      while (heads[s] != 0 && keys[s] != key) {
        s = (s + 1) & mask;
      }
      return s;
    }

    /**
     * Matches a record of the configuration now: the index of the original record it satisfies, or
     * {@code -(i + 1)} for the first original record of its path that it does not satisfy, or
     * {@code -(n + 1)} when no original record has its path (growth).
     */
    int match(DigestRecord r, BitSet matched, BitSet seen, MessageDigest sha) {
      long h = hash64(r.path(), sha);
      int slot = slot(h);
      int firstUnmatched = -1;
      Map<String, Integer> byName = r.names().length > 16 ? byName(r) : null;
      for (int i = heads[slot] - 1; i >= 0; i = next[i] - 1) {
        if (matched.get(i)) {
          continue;
        }
        if (satisfies(i, r, byName)) {
          matched.set(i);
          return i;
        }
        seen.set(i);
        if (firstUnmatched < 0) {
          firstUnmatched = i;
        }
      }
      return firstUnmatched < 0 ? -(n + 1) : -(firstUnmatched + 1);
    }

    private static Map<String, Integer> byName(DigestRecord r) {
      Map<String, Integer> m = new HashMap<>();
      for (int k = 0; k < r.names().length; k++) {
        m.putIfAbsent(r.names()[k], k);
      }
      return m;
    }

    private boolean satisfies(int i, DigestRecord r, Map<String, Integer> byName) {
      for (int k = first[i]; k < first[i] + count[i]; k++) {
        String name = names.get(leafName[k]);
        int j = byName != null ? byName.getOrDefault(name, -1) : r.indexOf(name);
        if (j < 0 || r.hashes()[j] != leafHash[k]) {
          return false;
        }
      }
      return true;
    }

    List<String> describe(int i, DigestRecord r) {
      List<String> out = new ArrayList<>();
      for (int k = first[i]; k < first[i] + count[i]; k++) {
        String name = names.get(leafName[k]);
        String at = name.isEmpty() ? r.path() : r.path() + "/" + name;
        int j = r.indexOf(name);
        if (j < 0) {
          out.add(at + " missing (present before the upgrade began)");
        } else if (r.hashes()[j] != leafHash[k]) {
          out.add(at + " changed (its value differs from before the upgrade began)");
        }
      }
      return out;
    }

    static long hash64(String path, MessageDigest sha) {
      sha.reset();
      byte[] d = sha.digest(path.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int k = 0; k < 8; k++) {
        h = (h << 8) | (d[k] & 0xff);
      }
      return h;
    }
  }

  @FunctionalInterface
  private interface RecordVisitor {
    void visit(int index, DigestRecord r);
  }

  /**
   * Reads the digest file through and checks it against {@code ref}, holding one record at a time.
   *
   * @throws DigestFileException when it is missing or differs
   */
  public static void verifyFile(Path dir, Ref ref) {
    new Index().read(dir.resolve(ref.file()), ref.sha256(), (i, r) -> {});
  }

  /** Every record of a digest file, in order, after checking the file against {@code ref}. */
  public static List<DigestRecord> readAll(Path dir, Ref ref) {
    List<DigestRecord> out = new ArrayList<>();
    new Index().read(dir.resolve(ref.file()), ref.sha256(), (i, r) -> out.add(r));
    return out;
  }

  private static String topLevel(String path) {
    int end = path.length();
    for (int k = 1; k < path.length(); k++) {
      char c = path.charAt(k);
      if (c == '/' || c == '{' || c == '[') {
        end = k;
        break;
      }
    }
    return path.substring(1, end);
  }

  private static byte[] encode(DigestRecord r) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream(64);
      DataOutputStream o = new DataOutputStream(b);
      byte[] p = r.path().getBytes(StandardCharsets.UTF_8);
      writeVarint(o, p.length);
      o.write(p);
      writeVarint(o, r.names().length);
      for (int k = 0; k < r.names().length; k++) {
        byte[] nb = r.names()[k].getBytes(StandardCharsets.UTF_8);
        writeVarint(o, nb.length);
        o.write(nb);
        o.writeInt(r.hashes()[k]);
      }
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeVarint(DataOutputStream o, int v) throws IOException {
    while ((v & ~0x7f) != 0) {
      o.writeByte((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    o.writeByte(v);
  }

  private static int readVarint(DataInputStream in) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the digest file ends in the middle of a record");
      }
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("a length in the digest file is too long");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
