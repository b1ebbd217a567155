package dev.nsoha.sim.cli.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Edit;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.schema.BuiltinSchema;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.schema.YangException;
import dev.nsoha.sim.schema.YangParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory node for unit tests: the simulator's built-in schema (HA, packages, software,
 * ncs-state) plus a small {@code dummy} module, data as {@link DataNode} trees, and actions
 * answered by test functions.
 */
public final class FakeBackend implements CliBackend {

  private static final String DUMMY_YANG =
      """
      module dummy {
        namespace "http://com/example/dummy";
        prefix dummy;
        import ietf-inet-types { prefix inet; }
        container dummies {
          list dummy {
            key name;
            leaf name { type string; }
            leaf-list device { type string; }
            leaf description { type string; }
            leaf dummy { type inet:ipv4-address; }
          }
        }
      }
      """;

  /** The schema: built-in modules plus {@code dummy}. */
  public final Schema schema;

  /** Running configuration and operational data. */
  public final DataNode config = DataNode.root();

  public final DataNode oper = DataNode.root();

  /** Action answers by path ({@code /high-availability/enable}): input → output JSON members. */
  public final Map<String, Function<DataNode, String>> actions = new HashMap<>();

  /** Invoked actions: path and input JSON. */
  public final List<String> invoked = new ArrayList<>();

  public final List<List<Edit>> commits = new ArrayList<>();
  private final List<Consumer<String>> alarmListeners = new CopyOnWriteArrayList<>();
  public volatile boolean readOnly;
  public volatile String commitError;

  public FakeBackend() {
    try {
      schema =
          Schema.withPackages(
              List.of(YangParser.parse(DUMMY_YANG, "dummy.yang", BuiltinSchema::module)));
    } catch (YangException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Merges RFC 7951 JSON (module-qualified top-level members) into a tree. */
  public FakeBackend set(DataNode tree, String json) {
    JsonCodec.decodeInto(tree, JsonCodec.parse(json), schema, null);
    return this;
  }

  /** The RFC 7951 JSON of a tree, compact. */
  public static String json(DataNode tree) {
    return JsonCodec.encodeChildren(tree).toString();
  }

  @Override
  public String hostName() {
    return "host.example";
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public synchronized DataNode read(boolean cfg) {
    return (cfg ? config : oper).copy();
  }

  @Override
  public synchronized void commit(String user, List<Edit> edits) {
    if (readOnly) {
      throw NodeRefusal.readOnly();
    }
    if (commitError != null) {
      throw new NodeRefusal(NodeRefusal.Kind.VALIDATION, commitError);
    }
    for (Edit e : edits) {
      List<SchemaNode> r = e.path().resolve(schema);
      if (e.op() == Trees.Op.DELETE && Trees.find(config, e.path(), r) == null) {
        continue;
      }
      Trees.edit(config, e.path(), r, e.op(), e.content(), e.path().xpath(r));
    }
    config.prune();
    commits.add(edits);
  }

  @Override
  public DataNode invoke(String user, DataPath action, DataNode input) {
    StringBuilder key = new StringBuilder();
    for (DataPath.Step s : action.steps()) {
      key.append('/').append(s.name());
    }
    invoked.add(key + " " + JsonCodec.encodeChildren(input));
    Function<DataNode, String> f = actions.get(key.toString());
    if (f == null) {
      throw new NodeRefusal(NodeRefusal.Kind.NOT_FOUND, "no such action " + key);
    }
    String out;
    try {
      out = f.apply(input);
    } catch (IllegalStateException e) {
      throw new NodeRefusal(NodeRefusal.Kind.OPERATION_FAILED, e.getMessage());
    }
    SchemaNode a = action.resolve(schema).get(action.steps().size() - 1);
    DataNode output = DataNode.of(a.child("output"));
    JsonNode members = JsonCodec.parse(out);
    JsonCodec.decodeInto(output, members, schema, null);
    return output;
  }

  /** A leaf's text in an action input (null if absent). */
  public static String in(DataNode input, String leaf) {
    return input.leaf(leaf);
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public boolean authenticate(String user, String password) {
    return "admin".equals(user) && "admin".equals(password);
  }

  @Override
  public AutoCloseable onAlarm(Consumer<String> listener) {
    alarmListeners.add(listener);
    return () -> {
      synchronized (alarmListeners) {
        alarmListeners.remove(listener);
        alarmListeners.notifyAll();
      }
    };
  }

  /** Waits until no session is subscribed to alarms any more. */
  public void awaitNoAlarmListeners(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (alarmListeners) {
      while (!alarmListeners.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("still subscribed: " + alarmListeners);
        }
        alarmListeners.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Delivers an alarm line to every subscribed session. */
  public void raise(String text) {
    alarmListeners.forEach(l -> l.accept(text));
  }
}
