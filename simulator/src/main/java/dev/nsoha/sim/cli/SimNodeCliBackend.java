package dev.nsoha.sim.cli;

import dev.nsoha.sim.alarm.SimAlarm;
import dev.nsoha.sim.cli.interpreter.CliBackend;
import dev.nsoha.sim.cli.interpreter.Prompts;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Edit;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.node.NodeEventListener;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.schema.Schema;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link CliBackend} over the {@link SimNode} facade: reads through {@link SimNode#read}, commits
 * through a {@link Transaction} and invokes actions, all in the node's own types. Thread-safe.
 */
public final class SimNodeCliBackend implements CliBackend {

  private static final String HOST = localHostName();

  private final SimNode node;

  private SimNodeCliBackend(SimNode node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  /** A backend for a node. */
  public static SimNodeCliBackend of(SimNode node) {
    return new SimNodeCliBackend(node);
  }

  /** The prompt templates from the node's ncs.conf ({@code /ncs-config/cli/...}). */
  public Prompts prompts() {
    return CliConf.prompts(node.conf());
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public String hostName() {
    return HOST;
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public DataNode read(boolean config) {
    return read(config, false);
  }

  @Override
  public DataNode read(boolean config, boolean withDefaults) {
    DataNode n =
        node.read(
            DataPath.ROOT,
            config ? Content.CONFIG : Content.NONCONFIG,
            withDefaults ? WithDefaults.REPORT_ALL : WithDefaults.EXPLICIT);
    return n == null ? DataNode.root() : n;
  }

  @Override
  public void commit(String user, List<Edit> edits) {
    try (Transaction tx = node.newTransaction(user)) {
      for (Edit e : edits) {
        if (e.op() != Trees.Op.DELETE) {
          tx.merge(e.path(), e.content());
        } else if (tx.read(e.path()) != null) {
          tx.delete(e.path());
        }
      }
      tx.commit();
    }
  }

  @Override
  public DataNode invoke(String user, DataPath action, DataNode input) {
    return node.invokeAction(action, input, user);
  }

  @Override
  public boolean isReadOnly() {
    return node.isReadOnly();
  }

  @Override
  public boolean authenticate(String user, String password) {
    return node.authenticate(user, password);
  }

  @Override
  public AutoCloseable onAlarm(Consumer<String> listener) {
    NodeEventListener l = (SimAlarm a) -> listener.accept(alarmType(a.type()) + ": " + a.text());
    node.addEventListener(l);
    return () -> node.removeEventListener(l);
  }

  private static String alarmType(String type) {
    int c = type.indexOf(':');
    return c >= 0 ? type.substring(c + 1) : type;
  }
}
