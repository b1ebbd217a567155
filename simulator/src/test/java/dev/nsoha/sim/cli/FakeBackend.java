package dev.nsoha.sim.cli;

import static dev.nsoha.sim.cli.SchemaNode.Type.BOOLEAN;
import static dev.nsoha.sim.cli.SchemaNode.Type.EMPTY;
import static dev.nsoha.sim.cli.SchemaNode.Type.ENUMERATION;
import static dev.nsoha.sim.cli.SchemaNode.Type.INTEGER;
import static dev.nsoha.sim.cli.SchemaNode.Type.STRING;
import static dev.nsoha.sim.cli.SchemaNode.action;
import static dev.nsoha.sim.cli.SchemaNode.container;
import static dev.nsoha.sim.cli.SchemaNode.leaf;
import static dev.nsoha.sim.cli.SchemaNode.leafList;
import static dev.nsoha.sim.cli.SchemaNode.list;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An in-memory node with a schema shaped like NSO's (HA, packages, dummy) for unit tests. */
final class FakeBackend implements CliBackend {

  static final ObjectMapper M = new ObjectMapper();

  final SchemaNode root = SchemaNode.root();
  final ObjectNode config = M.createObjectNode();
  final ObjectNode oper = M.createObjectNode();
  final Map<String, Function<ObjectNode, ObjectNode>> actions = new HashMap<>();
  final List<String> invoked = new ArrayList<>();
  final List<List<Edit>> commits = new ArrayList<>();
  final List<java.util.function.Consumer<String>> alarmListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  boolean readOnly;
  String commitError;

  FakeBackend() {
    SchemaNode ha = container("high-availability").module("tailf-ncs", "http://tail-f.com/ns/ncs");
    ha.add(
        leaf("token", STRING),
        list("ha-node", "id")
            .add(
                leaf("id", STRING),
                leaf("address", STRING),
                leaf("nominal-role", ENUMERATION).enums("primary", "secondary", "none"),
                leaf("failover-primary", BOOLEAN)),
        container("settings")
            .add(
                leaf("enable-failover", BOOLEAN),
                container("start-up")
                    .add(leaf("assume-nominal-role", BOOLEAN), leaf("join-ha", BOOLEAN)),
                leaf("reconnect-interval", INTEGER),
                leaf("reconnect-attempts", INTEGER)),
        leaf("enabled", EMPTY).configFalse(),
        container("status")
            .configFalse()
            .add(
                leaf("mode", ENUMERATION),
                leaf("current-id", STRING),
                leaf("assigned-role", ENUMERATION),
                leaf("be-secondary-result", STRING),
                leaf("primary-id", STRING),
                leaf("read-only-mode", BOOLEAN),
                list("connected-secondary", "id").add(leaf("id", STRING), leaf("address", STRING))),
        action("enable").out(leaf("result", STRING)),
        action("disable").out(leaf("result", STRING)),
        action("be-primary").out(leaf("result", STRING)),
        action("be-none").out(leaf("result", STRING)),
        action("be-secondary-to").in(leaf("node", STRING).mandatory()).out(leaf("result", STRING)),
        action("read-only").in(leaf("mode", BOOLEAN)));
    SchemaNode dummies = container("dummies").module("dummy", "http://com/example/dummy");
    dummies.add(
        list("dummy", "name")
            .add(
                leaf("name", STRING),
                leafList("device", STRING),
                leaf("description", STRING),
                leaf("dummy", STRING)));
    SchemaNode packages = container("packages").module("tailf-ncs", "http://tail-f.com/ns/ncs");
    packages.add(
        list("package", "name")
            .configFalse()
            .add(
                leaf("name", STRING),
                leaf("package-version", STRING),
                leaf("description", STRING),
                leafList("ncs-min-version", STRING),
                container("oper-status").add(leaf("up", EMPTY), leaf("error-info", STRING))),
        action("reload")
            .in(leaf("force", EMPTY), leaf("max-wait-time", INTEGER), leaf("dry-run", EMPTY))
            .out(
                list("reload-result", "package")
                    .add(leaf("package", STRING), leaf("result", BOOLEAN), leaf("info", STRING))),
        container("ha")
            .add(
                action("sync")
                    .in(
                        container("and-reload")
                            .add(
                                leaf("wait-commit-queue-empty", EMPTY),
                                leaf("max-wait-time", INTEGER)))));
    SchemaNode software = container("software").module("tailf-ncs", "http://tail-f.com/ns/ncs");
    software.add(
        container("packages")
            .add(
                action("list"),
                action("fetch").in(leaf("package-from-file", STRING).mandatory()),
                action("install")
                    .in(leaf("package", STRING).mandatory(), leaf("replace-existing", EMPTY)),
                action("deinstall").in(leaf("package", STRING).mandatory())));
    SchemaNode ncsState =
        container("ncs-state")
            .module("tailf-ncs-monitoring", "http://tail-f.com/yang/ncs-monitoring");
    ncsState.add(
        leaf("version", STRING).configFalse(),
        leaf("read-only-mode", BOOLEAN).configFalse(),
        action("set-read-only").in(leaf("mode", BOOLEAN)));
    root.add(ha, dummies, packages, software, ncsState);
  }

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) M.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public String hostName() {
    return "host.example";
  }

  @Override
  public SchemaNode schema() {
    return root;
  }

  @Override
  public ObjectNode read(SchemaNode top, boolean cfg) {
    ObjectNode src = cfg ? config : oper;
    return src.has(top.name()) ? ((ObjectNode) src.get(top.name())).deepCopy() : null;
  }

  @Override
  public void commit(String user, List<Edit> edits) throws CliException {
    if (readOnly) {
      throw new CliException(CliSession.RO);
    }
    if (commitError != null) {
      throw new CliException(commitError);
    }
    for (Edit e : edits) {
      Trees.apply(root, config, e);
    }
    commits.add(edits);
  }

  @Override
  public ObjectNode invoke(String user, List<PathStep> actionPath, ObjectNode input)
      throws CliException {
    StringBuilder key = new StringBuilder();
    for (PathStep s : actionPath) {
      key.append('/').append(s.name());
    }
    invoked.add(key + " " + input);
    Function<ObjectNode, ObjectNode> f = actions.get(key.toString());
    if (f == null) {
      throw new CliException("no such action " + key);
    }
    try {
      return f.apply(input);
    } catch (IllegalStateException e) {
      throw new CliException(e.getMessage());
    }
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
  public AutoCloseable onAlarm(java.util.function.Consumer<String> listener) {
    alarmListeners.add(listener);
    return () -> {
      synchronized (alarmListeners) {
        alarmListeners.remove(listener);
        alarmListeners.notifyAll();
      }
    };
  }

  /** Waits until no session is subscribed to alarms any more. */
  void awaitNoAlarmListeners(java.time.Duration timeout) throws InterruptedException {
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

  void raise(String text) {
    alarmListeners.forEach(l -> l.accept(text));
  }
}
