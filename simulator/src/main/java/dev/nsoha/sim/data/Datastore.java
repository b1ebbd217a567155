package dev.nsoha.sim.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.schema.LeafType;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.util.AtomicFiles;
import dev.nsoha.sim.util.CryptHash;
import dev.nsoha.sim.util.Crypto;
import dev.nsoha.sim.util.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    default void agree(ObjectNode persisted, String txid) {}

    /** Pushes the committed data to HA secondaries; returns when they have it (or are dropped). */
    void replicate(ObjectNode persisted, String txid);
  }

  private static final Logger log = LoggerFactory.getLogger(Datastore.class);

  /** File name of the persisted datastore inside the db-dir. */
  public static final String FILE = "sim-cdb.json";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final ReentrantLock commitLock = new ReentrantLock();
  private Schema schema;
  private DataNode root = DataNode.root();
  private ObjectNode orphans = JsonCodec.MAPPER.createObjectNode();
  private String txid = "0";
  private long counter;
  private volatile CryptHash.Algorithm cryptHash = CryptHash.Algorithm.SHA_512;

  public Datastore(Path cdbDir, Schema schema) {
    this.file = cdbDir.resolve(FILE);
    this.schema = schema;
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
    ObjectNode upgraded = null;
    synchronized (this) {
      if (!adopt(j).isEmpty()) {
        upgraded = export(root, orphans, txid);
      }
    }
    if (upgraded != null) {
      AtomicFiles.write(file, JsonCodec.MAPPER.writeValueAsBytes(upgraded));
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
      String id = nextTxid();
      ObjectNode p = export(work, orphans, id);
      AtomicFiles.write(file, JsonCodec.MAPPER.writeValueAsBytes(p));
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

  /** A deep copy of the running config. */
  public synchronized DataNode snapshot() {
    return root.copy();
  }

  /**
   * A deep copy of one top-level node of the running config, under an otherwise empty root: what a
   * read of a path below {@code top} needs, without copying the rest of the database.
   */
  public synchronized DataNode snapshot(SchemaNode top) {
    DataNode view = DataNode.root();
    DataNode n = root.child(top);
    if (n != null) {
      view.put(n.copy());
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
      AtomicFiles.write(file, JsonCodec.MAPPER.writeValueAsBytes(p));
    } finally {
      commitLock.unlock();
    }
  }

  /** Replaces everything with a primary's persisted form (an HA full copy), then persists. */
  public void importJson(JsonNode persisted) throws IOException {
    commitLock.lock();
    try {
      AtomicFiles.write(file, JsonCodec.MAPPER.writeValueAsBytes(persisted));
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
          Trees.merge(r, tmp);
        } catch (NodeRefusal e) {
          // Not expected after the upgrade; keep the data aside rather than lose it.
          log.warn("{}: keeping {} aside: {}", file.getParent(), m.getKey(), e.getMessage());
          o.set(m.getKey(), m.getValue());
        }
      }
    }
    root = r;
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
      DataNode work = snapshot();
      Schema s = schema();
      for (Edit e : edits) {
        List<SchemaNode> r = e.path().resolve(s);
        Trees.edit(work, e.path(), r, e.op(), e.content(), e.path().xpath(r));
      }
      encryptStrings(work);
      work.prune();
      Trees.validate(work, s);
      String id = nextTxid();
      ObjectNode p;
      synchronized (this) {
        p = export(work, orphans, id);
      }
      hook.agree(p, id);
      try {
        AtomicFiles.write(file, JsonCodec.MAPPER.writeValueAsBytes(p));
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "failed to write the database: " + e.getMessage());
      }
      synchronized (this) {
        root = work;
        txid = id;
      }
      hook.replicate(p, id);
      return id;
    } finally {
      commitLock.unlock();
    }
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
        c.entries().forEach(this::encryptStrings);
      } else if (c.kind() != DataNode.Kind.LEAF_LIST) {
        encryptStrings(c);
      }
    }
  }
}
