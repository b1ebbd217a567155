package dev.nsoha.sim.data;

import dev.nsoha.sim.schema.InvalidValueException;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A write transaction on the running config. Edits are checked and applied to a private copy as
 * they are made (so errors such as {@code object already exists} surface at once), and replayed
 * atomically on the current data at {@link #commit()}. Not thread-safe: one user at a time; discard
 * with {@link #close()}.
 */
public final class Transaction implements AutoCloseable {
  /** What commits the recorded edits (the node: read-only check, validation, replication). */
  public interface Committer {
    /** Commits atomically and returns the new transaction id. */
    String commit(List<Edit> edits);
  }

  private final Schema schema;
  private final DataNode work;
  private final Committer committer;
  private final List<Edit> edits = new ArrayList<>();
  private boolean done;

  public Transaction(Schema schema, DataNode snapshot, Committer committer) {
    this.schema = Objects.requireNonNull(schema);
    this.work = snapshot;
    this.committer = Objects.requireNonNull(committer);
  }

  /** The schema this transaction was opened against. */
  public Schema schema() {
    return schema;
  }

  /** Merges {@code content} (bound to the path's target; the root for {@link DataPath#ROOT}). */
  public void merge(DataPath path, DataNode content) {
    apply(new Edit(Trees.Op.MERGE, path, content));
  }

  /** Replaces the target with {@code content}. */
  public void replace(DataPath path, DataNode content) {
    apply(new Edit(Trees.Op.REPLACE, path, content));
  }

  /** Creates the target; DATA_EXISTS ({@code object already exists: <xpath>}) if it exists. */
  public void create(DataPath path, DataNode content) {
    apply(new Edit(Trees.Op.CREATE, path, content));
  }

  /** Deletes the target; NOT_FOUND if absent. */
  public void delete(DataPath path) {
    apply(new Edit(Trees.Op.DELETE, path, null));
  }

  /**
   * Sets one leaf (or adds a leaf-list value), creating list entries on the way; validates the
   * value.
   */
  public void setLeaf(DataPath leafPath, String value) {
    List<SchemaNode> r = leafPath.resolve(schema);
    SchemaNode s = r.get(r.size() - 1);
    if (!s.isLeafy()) {
      throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, leafPath + " is not a leaf");
    }
    DataNode n = DataNode.of(s);
    try {
      String v = s.type().canonical(value);
      if (s.kind() == SchemaNode.Kind.LEAF) {
        n.setValue(v);
      } else {
        n.addValue(v);
      }
    } catch (InvalidValueException e) {
      throw new NodeRefusal(NodeRefusal.Kind.INVALID_VALUE, e.getMessage(), leafPath.toString());
    }
    merge(leafPath, n);
  }

  /** Creates a list entry or presence container if absent (no error when it exists). */
  public void ensure(DataPath path) {
    List<SchemaNode> r = path.resolve(schema);
    SchemaNode s = r.get(r.size() - 1);
    DataNode n =
        s.kind() == SchemaNode.Kind.LIST && path.last().keys() != null
            ? DataNode.newEntry(s, Trees.canonicalKeys(s, path.last().keys()))
            : DataNode.of(s);
    merge(path, n);
  }

  /** Reads from this transaction's view (config only); null when absent. */
  public DataNode read(DataPath path) {
    DataNode n = Trees.find(work, path, path.resolve(schema));
    return n == null ? null : n.copy();
  }

  /** The edits recorded so far. */
  public List<Edit> edits() {
    return List.copyOf(edits);
  }

  private void apply(Edit e) {
    if (done) {
      throw new IllegalStateException("transaction is closed");
    }
    List<SchemaNode> r = e.path().resolve(schema);
    Trees.edit(work, e.path(), r, e.op(), e.content(), e.path().xpath(r));
    edits.add(e);
  }

  /**
   * Commits: validates, replicates to connected HA secondaries, persists.
   *
   * @return the new transaction id (the current one if there was nothing to commit)
   * @throws NodeRefusal READ_ONLY, VALIDATION, DATA_EXISTS, ...
   */
  public String commit() {
    if (done) {
      throw new IllegalStateException("transaction is closed");
    }
    done = true;
    return committer.commit(List.copyOf(edits));
  }

  @Override
  public void close() {
    done = true;
  }
}
