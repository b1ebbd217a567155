package dev.nsoha.sim.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.schema.LeafType;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.util.AtomicFiles;
import dev.nsoha.sim.util.CryptHash;
import dev.nsoha.sim.util.Crypto;
import dev.nsoha.sim.util.Xml;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The running configuration: a config tree plus a transaction id, persisted crash-safely as {@code
 * <db-dir>/sim-cdb.json}. Data of modules that are not loaded right now (a package that failed to
 * load) is kept aside and persisted, and comes back when the module does. Commits are serialised;
 * reads return copies. Thread-safe.
 */
public final class Datastore {
  /** Hooks the node runs inside the commit lock. */
  public interface CommitHook {
    /** Throws (e.g. {@link NodeRefusal#readOnly()}) when no commit is allowed now. */
    void check();

    /**
     * Runs before the commit is stored and applied; throwing aborts it (HA Raft: returns once a
     * majority of the cluster has the commit).
     */
    default void agree(Change change) {}

    /** Pushes the commit to HA secondaries; returns when they have it (or are dropped). */
    void replicate(Change change);
  }

  /** One commit, in the two forms the HA flavours replicate. */
  public interface Change {
    /** The new transaction id. */
    String txid();

    /**
     * What changed, as a journal record: {@code {"prev":…,"txid":…,"ops":[…]}} ({@link
     * #applyDelta}); its size is the size of the change.
     */
    ObjectNode delta();

    /** The whole persisted form after the commit; costs the size of the datastore. */
    ObjectNode persisted();
  }

  private static final Logger log = LoggerFactory.getLogger(Datastore.class);

  /** File name of the persisted datastore inside the db-dir. */
  public static final String FILE = "sim-cdb.json";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** File name of the commit journal next to {@link #FILE}. */
  public static final String JOURNAL = "sim-cdb.journal";

  /** The journal is folded into the base file when it outgrows it (and this many bytes). */
  static final long MIN_COMPACT_BYTES = 1 << 20;

  private long minCompactBytes = MIN_COMPACT_BYTES;

  private final Path file;
  private final Path journal;
  private long baseBytes;
  private final ReentrantLock commitLock = new ReentrantLock();
  private Schema schema;
  private DataNode root = DataNode.root();
  private ObjectNode orphans = JsonCodec.MAPPER.createObjectNode();
  private String txid = "0";
  private long counter;
  private volatile CryptHash.Algorithm cryptHash = CryptHash.Algorithm.SHA_512;

  public Datastore(Path cdbDir, Schema schema) {
    this.file = cdbDir.resolve(FILE);
    this.journal = cdbDir.resolve(JOURNAL);
    this.schema = schema;
  }

  /**
   * Folds the commit journal into the base file (a clean stop does this, so that the next start,
   * perhaps with other packages, reads one file).
   */
  public void compact() throws IOException {
    commitLock.lock();
    try {
      if (Files.exists(journal)) {
        writeBase(exportJson());
      }
    } finally {
      commitLock.unlock();
    }
  }

  /** Sets the journal size below which it is never compacted (tests). */
  void minCompactBytes(long bytes) {
    this.minCompactBytes = bytes;
  }

  /**
   * Loads the persisted data.
   *
   * @return false when there is none (an empty CDB)
   */
  public boolean load() throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    JsonNode j = JsonCodec.MAPPER.readTree(file.toFile());
    baseBytes = Files.size(file);
    boolean upgraded;
    int replayed;
    synchronized (this) {
      upgraded = !adopt(j).isEmpty();
      replayed = replayJournal();
    }
    if (upgraded || replayed > 0) {
      // Fold the journal into the base: a restart starts from one file again.
      writeBase(exportJson());
    }
    return true;
  }

  /** Loads {@code <config>} XML init files (unknown namespaces skipped), then persists. */
  public void loadInitFiles(List<Path> files) throws IOException {
    commitLock.lock();
    try {
      DataNode work = snapshot();
      for (Path f : files) {
        try (InputStream in = Files.newInputStream(f)) {
          Element top = Xml.parse(in).getDocumentElement();
          if ("config".equals(Xml.localName(top))) {
            XmlCodec.decodeChildren(work, top, schema, true);
          } else {
            DataNode holder = DataNode.root();
            Document d = Xml.newDocument();
            Element w = d.createElement("w");
            w.appendChild(d.importNode(top, true));
            XmlCodec.decodeChildren(holder, w, schema, true);
            Trees.merge(work, holder);
          }
        } catch (NodeRefusal e) {
          throw new IOException(f + ": " + e.getMessage(), e);
        }
      }
      encryptStrings(work);
      work.prune();
      work.freeze();
      String id = nextTxid();
      ObjectNode p = export(work, orphans, id);
      writeBase(p);
      synchronized (this) {
        root = work;
        txid = id;
      }
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * Runs {@code action} while no commit can run (the HA join uses it to take a consistent copy).
   */
  public <T> T exclusive(Supplier<T> action) {
    commitLock.lock();
    try {
      return action.get();
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * A private, writable view of the running config. It shares the committed (frozen) tree and
   * copies only what the caller changes, so taking one costs nothing however large the data is.
   */
  public synchronized DataNode snapshot() {
    return root.copy();
  }

  /**
   * A private, writable view of one top-level node of the running config, under an otherwise empty
   * root (shared with the committed tree like {@link #snapshot()}).
   */
  public synchronized DataNode snapshot(SchemaNode top) {
    DataNode view = DataNode.root();
    DataNode n = root.child(top);
    if (n != null) {
      view.put(n);
    }
    return view;
  }

  /** The id of the last committed transaction. */
  public synchronized String txid() {
    return txid;
  }

  /** The current schema. */
  public synchronized Schema schema() {
    return schema;
  }

  /**
   * The persisted form: {@code {"txid":…,"data":{RFC 7951 root incl. data of unloaded modules}}}.
   */
  public synchronized ObjectNode exportJson() {
    return export(root, orphans, txid);
  }

  /** Names of modules that have data (loaded or not). */
  public synchronized List<String> modulesWithData() {
    List<String> out = new ArrayList<>();
    for (DataNode c : root.children()) {
      if (!out.contains(c.schema().module().name())) {
        out.add(c.schema().module().name());
      }
    }
    orphans
        .fieldNames()
        .forEachRemaining(
            n -> {
              String m = n.substring(0, n.indexOf(':'));
              if (!out.contains(m)) {
                out.add(m);
              }
            });
    return out;
  }

  /**
   * Switches to a new schema (after a package reload): the data is re-read against it; data of
   * modules in {@code dropModules} is deleted for good.
   */
  public void setSchema(Schema newSchema, List<String> dropModules) throws IOException {
    commitLock.lock();
    try {
      ObjectNode p;
      synchronized (this) {
        p = export(root, orphans, txid);
        ObjectNode data = (ObjectNode) p.get("data");
        Iterator<String> it = data.fieldNames();
        List<String> drop = new ArrayList<>();
        while (it.hasNext()) {
          String n = it.next();
          if (dropModules.contains(n.substring(0, n.indexOf(':')))) {
            drop.add(n);
          }
        }
        data.remove(drop);
        schema = newSchema;
        adopt(p);
        p = export(root, orphans, txid);
      }
      writeBase(p);
    } finally {
      commitLock.unlock();
    }
  }

  /** Replaces everything with a primary's persisted form (an HA full copy), then persists. */
  public void importJson(JsonNode persisted) throws IOException {
    commitLock.lock();
    try {
      writeBase(persisted);
      synchronized (this) {
        adopt(persisted);
      }
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * Takes persisted data as the running config, upgraded to the current schema as NSO's CDB does
   * (see {@link SchemaUpgrade}); data of modules that are not loaded is kept aside.
   *
   * @return the paths the upgrade deleted (empty when the data fits the schema)
   */
  private List<String> adopt(JsonNode j) {
    DataNode r = DataNode.root();
    ObjectNode o = JsonCodec.MAPPER.createObjectNode();
    List<String> deleted = List.of();
    JsonNode data = j.get("data");
    if (data != null) {
      SchemaUpgrade.Result u = SchemaUpgrade.apply(data, schema);
      o.setAll(u.setAside());
      deleted = u.deleted();
      if (!deleted.isEmpty()) {
        log.info("{}: schema upgrade deleted {}", file.getParent(), deleted);
      }
      for (Map.Entry<String, JsonNode> m : u.kept().properties()) {
        ObjectNode one = JsonCodec.MAPPER.createObjectNode();
        one.set(m.getKey(), m.getValue());
        try {
          DataNode tmp = DataNode.root();
          JsonCodec.decodeInto(tmp, one, schema, o);
          for (DataNode c : tmp.children()) {
            DataNode t = r.child(c.schema());
            if (t == null) {
              r.put(c); // freshly decoded: no copy needed
            } else {
              Trees.merge(t, c);
            }
          }
        } catch (NodeRefusal e) {
          // Not expected after the upgrade; keep the data aside rather than lose it.
          log.warn("{}: keeping {} aside: {}", file.getParent(), m.getKey(), e.getMessage());
          o.set(m.getKey(), m.getValue());
        }
      }
    }
    root = r.freeze();
    orphans = o;
    txid = j.path("txid").asText("0");
    return deleted;
  }

  /**
   * Commits edits atomically: replays them on the current data, validates, persists, replicates.
   *
   * @return the new transaction id, or the current one if {@code edits} is empty
   */
  public String commit(List<Edit> edits, CommitHook hook) {
    commitLock.lock();
    try {
      hook.check();
      if (edits.isEmpty()) {
        return txid();
      }
      // Copy-on-write: the edits copy only the paths they touch; the rest stays shared with the
      // committed tree. Encryption, pruning and validation cover what changed, not the datastore.
      DataNode work = snapshot();
      Schema s = schema();
      for (Edit e : edits) {
        List<SchemaNode> r = e.path().resolve(s);
        DataNode content = null;
        if (e.content() != null) {
          content = e.content().copy();
          encryptTree(content);
        }
        Trees.edit(work, e.path(), r, e.op(), content, e.path().xpath(r));
      }
      work.prune();
      work.freeze();
      Trees.validate(work, s, edits);
      String id = nextTxid();
      String prev = txid();
      ObjectNode delta = delta(work, s, edits, prev, id);
      DataNode committed = work;
      Change change =
          new Change() {
            private ObjectNode persisted;

            @Override
            public String txid() {
              return id;
            }

            @Override
            public ObjectNode delta() {
              return delta;
            }

            @Override
            public synchronized ObjectNode persisted() {
              if (persisted == null) {
                synchronized (Datastore.this) {
                  persisted = export(committed, orphans, id);
                }
              }
              return persisted;
            }
          };
      hook.agree(change);
      try {
        boolean compact =
            delta == null || !Files.exists(file)
                ? writeBase(change.persisted())
                : appendJournal(delta);
        synchronized (this) {
          root = work;
          txid = id;
        }
        if (compact) {
          writeBase(exportJson());
        }
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "failed to write the database: " + e.getMessage());
      }
      hook.replicate(change);
      return id;
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * Applies a primary's commit (a {@link Change#delta()}) on top of this datastore and journals it.
   *
   * @throws IOException when this datastore is not at the commit's previous transaction id (the
   *     secondary missed a commit and needs a full copy), or the journal cannot be written
   */
  public void applyDelta(JsonNode delta) throws IOException {
    commitLock.lock();
    try {
      synchronized (this) {
        if (!delta.path("prev").asText().equals(txid)) {
          throw new IOException(
              "commit "
                  + delta.path("txid").asText()
                  + " follows "
                  + delta.path("prev").asText()
                  + ", not "
                  + txid);
        }
      }
      DataNode work = snapshot();
      try {
        replay(work, delta);
      } catch (NodeRefusal e) {
        throw new IOException("cannot apply commit " + delta.path("txid").asText() + ": " + e, e);
      }
      work.prune();
      work.freeze();
      boolean compact = !Files.exists(file) || appendJournal((ObjectNode) delta);
      synchronized (this) {
        root = work;
        txid = delta.path("txid").asText();
      }
      if (compact) {
        writeBase(exportJson());
      }
    } finally {
      commitLock.unlock();
    }
  }

  // ------------------------------------------------------------------ persistence

  /**
   * The journal record of a commit: per edit, the new state of the node at its path ({@code set}
   * with the node inside an otherwise empty tree) or its absence ({@code del}). Null for an edit of
   * the root, which rewrites the base file instead.
   */
  private static ObjectNode delta(
      DataNode work, Schema s, List<Edit> edits, String prev, String id) {
    ObjectNode rec = JsonCodec.MAPPER.createObjectNode();
    rec.put("prev", prev);
    rec.put("txid", id);
    ArrayNode ops = rec.putArray("ops");
    List<DataPath> touched = new ArrayList<>();
    for (Edit e : edits) {
      List<SchemaNode> r = e.path().resolve(s);
      List<DataPath.Step> steps = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        SchemaNode sn = r.get(i);
        List<String> keys = e.path().steps().get(i).keys();
        if (sn.kind() == SchemaNode.Kind.LIST && keys != null) {
          keys = Trees.canonicalKeys(sn, keys);
        } else {
          keys = null; // a leaf-list value: the whole leaf-list is recorded
        }
        steps.add(new DataPath.Step(sn.module().name(), sn.name(), keys));
      }
      DataPath p = new DataPath(steps);
      if (e.op() == Trees.Op.MERGE || e.op() == Trees.Op.CREATE) {
        // A merge touches what its content holds, not the whole node at its path.
        if (!Trees.touched(touched, p, e.content(), MAX_DELTA_OPS)) {
          return null;
        }
      } else if (p.isRoot()) {
        return null;
      } else {
        touched.add(p);
      }
    }
    for (DataPath p : touched) {
      List<SchemaNode> r = p.resolve(s);
      List<DataPath.Step> steps = p.steps();
      ObjectNode op = ops.addObject();
      ArrayNode path = op.putArray("path");
      for (DataPath.Step st : steps) {
        ArrayNode a = path.addArray().add(st.module()).add(st.name());
        if (st.keys() != null) {
          st.keys().forEach(a::add);
        }
      }
      DataNode n = Trees.find(work, p, r);
      if (n == null) {
        op.put("op", "del");
        continue;
      }
      // The node inside a tree that holds only its ancestors (and their keys).
      DataNode top = DataNode.root();
      DataNode cur = top;
      for (int i = 0; i < r.size() - 1; i++) {
        SchemaNode sn = r.get(i);
        DataNode c = cur.getOrCreate(sn);
        if (sn.kind() == SchemaNode.Kind.LIST) {
          c = c.getOrCreateEntry(steps.get(i).keys());
        }
        cur = c;
      }
      SchemaNode last = r.get(r.size() - 1);
      if (n.kind() == DataNode.Kind.ENTRY) {
        cur.getOrCreate(last).putEntry(n);
      } else {
        cur.put(n);
      }
      op.put("op", "set");
      op.set("data", JsonCodec.encodeChildren(top));
    }
    return rec;
  }

  /** Above this many touched nodes a commit rewrites the base file instead of journaling. */
  private static final int MAX_DELTA_OPS = 10_000;

  /** Applies one journal record to a writable tree. */
  private void replay(DataNode work, JsonNode rec) {
    for (JsonNode op : rec.path("ops")) {
      List<DataPath.Step> steps = new ArrayList<>();
      for (JsonNode st : op.path("path")) {
        List<String> keys = null;
        if (st.size() > 2) {
          keys = new ArrayList<>();
          for (int i = 2; i < st.size(); i++) {
            keys.add(st.get(i).asText());
          }
        }
        steps.add(new DataPath.Step(st.get(0).asText(), st.get(1).asText(), keys));
      }
      DataPath p = new DataPath(steps);
      List<SchemaNode> r;
      try {
        r = p.resolve(schema);
      } catch (NodeRefusal e) {
        // Written before a package reload that removed the module or node: NSO's CDB upgrade
        // drops such data too.
        log.warn("{}: journal: skipping {} (not in the schema now)", file.getParent(), p);
        continue;
      }
      SchemaNode last = r.get(r.size() - 1);
      DataNode existing = Trees.find(work, p, r);
      if ("del".equals(op.path("op").asText())) {
        if (existing != null) {
          DataNode parent = Trees.find(work, p.parent(), r.subList(0, r.size() - 1));
          if (existing.kind() == DataNode.Kind.ENTRY) {
            parent.child(last).removeEntry(existing.keyValues());
          } else {
            parent.remove(last);
          }
        }
        continue;
      }
      DataNode tmp = DataNode.root();
      // As for the base file: data the schema no longer has is deleted (a package downgrade).
      JsonCodec.decodeInto(tmp, SchemaUpgrade.apply(op.path("data"), schema).kept(), schema, null);
      DataNode n = Trees.find(tmp, p, r);
      if (n == null) {
        continue;
      }
      DataNode parent = Trees.ensureParent(work, p, r);
      if (n.kind() == DataNode.Kind.ENTRY) {
        parent.getOrCreate(last).putEntry(n);
      } else {
        parent.put(n);
      }
    }
  }

  /**
   * Replays the journal records that follow the base file's transaction id, in order; a torn last
   * line (a crash while appending) is ignored.
   *
   * @return the number of records applied
   */
  private int replayJournal() throws IOException {
    if (!Files.exists(journal)) {
      return 0;
    }
    DataNode work = root.copy();
    int applied = 0;
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      String line;
      String next = in.readLine();
      while ((line = next) != null) {
        next = in.readLine();
        JsonNode rec;
        try {
          rec = JsonCodec.MAPPER.readTree(line);
        } catch (IOException e) {
          if (next == null) {
            log.warn("{}: ignoring a torn last journal record", journal);
            break;
          }
          throw new IOException(journal + ": unreadable record: " + e.getMessage(), e);
        }
        if (!rec.path("prev").asText().equals(txid)) {
          continue; // already in the base (a compaction that did not get to delete the journal)
        }
        replay(work, rec);
        txid = rec.path("txid").asText();
        applied++;
      }
    }
    work.prune();
    root = work.freeze();
    return applied;
  }

  /**
   * Appends a record to the journal and forces it to disk.
   *
   * @return whether the journal has outgrown the base file (then compact after the commit)
   */
  private boolean appendJournal(ObjectNode rec) throws IOException {
    byte[] line = JsonCodec.MAPPER.writeValueAsBytes(rec);
    long size;
    try (FileChannel ch =
        FileChannel.open(
            journal,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.allocate(line.length + 1);
      b.put(line).put((byte) '\n').flip();
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
      size = ch.size();
    }
    return size > Math.max(minCompactBytes, baseBytes);
  }

  /** Writes the whole persisted form as the new base (crash-safe) and drops the journal. */
  private boolean writeBase(JsonNode p) throws IOException {
    byte[] b = JsonCodec.MAPPER.writeValueAsBytes(p);
    AtomicFiles.write(file, b);
    baseBytes = b.length;
    Files.deleteIfExists(journal);
    return false;
  }

  private synchronized String nextTxid() {
    counter++;
    return System.currentTimeMillis()
        + "-"
        + counter
        + "-"
        + Integer.toHexString(RANDOM.nextInt() & 0xfffffff);
  }

  private static ObjectNode export(DataNode r, ObjectNode orphans, String id) {
    ObjectNode p = JsonCodec.MAPPER.createObjectNode();
    p.put("txid", id);
    ObjectNode data = JsonCodec.encodeChildren(r);
    // Data set aside belongs to modules that are not loaded: it never replaces loaded data.
    for (Map.Entry<String, JsonNode> m : orphans.properties()) {
      if (!data.has(m.getKey())) {
        data.set(m.getKey(), m.getValue().deepCopy());
      }
    }
    p.set("data", data);
    return p;
  }

  /**
   * Sets the algorithm clear passwords are hashed with (ncs.conf {@code
   * /ncs-config/aaa/crypt-hash/algorithm}; SHA-512 unless set).
   */
  public void setCryptHash(CryptHash.Algorithm algorithm) {
    this.cryptHash = algorithm;
  }

  /**
   * Stores clear text written to {@code *-encrypted-string} leaves in {@code $9$} form and clear
   * passwords written to {@code crypt-hash} leaves ({@code $0$<clear>}) hashed, as NSO does.
   */
  private void encryptTree(DataNode n) {
    if (n.kind() == DataNode.Kind.LEAF) {
      encryptLeaf(n);
    } else if (n.kind() == DataNode.Kind.LIST) {
      n.mutableEntries().forEach(this::encryptStrings);
    } else if (n.kind() != DataNode.Kind.LEAF_LIST) {
      encryptStrings(n);
    }
  }

  private void encryptLeaf(DataNode c) {
    LeafType t = c.schema().type();
    if (t.base() == LeafType.Base.STRING && t.name().endsWith("encrypted-string")) {
      c.setValue(Crypto.encrypt(c.value()));
    } else if (t.base() == LeafType.Base.STRING && t.name().endsWith(":crypt-hash")) {
      c.setValue(CryptHash.store(c.value(), cryptHash));
    }
  }

  private void encryptStrings(DataNode n) {
    for (DataNode c : n.children()) {
      if (c.kind() == DataNode.Kind.LEAF) {
        LeafType t = c.schema().type();
        if (t.base() == LeafType.Base.STRING && t.name().endsWith("encrypted-string")) {
          c.setValue(Crypto.encrypt(c.value()));
        } else if (t.base() == LeafType.Base.STRING && t.name().endsWith(":crypt-hash")) {
          c.setValue(CryptHash.store(c.value(), cryptHash));
        }
      } else if (c.kind() == DataNode.Kind.LIST) {
        c.mutableEntries().forEach(this::encryptStrings);
      } else if (c.kind() != DataNode.Kind.LEAF_LIST) {
        encryptStrings(c);
      }
    }
  }
}
