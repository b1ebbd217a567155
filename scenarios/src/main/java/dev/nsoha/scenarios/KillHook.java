package dev.nsoha.scenarios;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterAccess;
import dev.nsoha.core.plan.PlanEvent;
import dev.nsoha.core.plan.PlanListener;
import dev.nsoha.core.plan.Unresponsive;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test support only, not a user option: the environment variable {@value #ENV} makes the program
 * kill its own JVM with SIGKILL at an exact point of a run, so that the fault-injection suite can
 * interrupt the orchestrator at every step boundary of a plan.
 *
 * <ul>
 *   <li>{@code start:K}: when step K starts (before its postcondition is checked);
 *   <li>{@code change:K}: right after the first call of step K that changes a node (an HA action,
 *       read-only, a config write, a package action, or a host's stop, start, rebuild or restore);
 *       when step K changes nothing (its postcondition held, or it only reads), when step K+1
 *       starts or the plan ends, whichever comes first.
 * </ul>
 *
 * The kill is a real {@code kill -KILL} of the process, so nothing (no finally block, no shutdown
 * hook, no journal write) runs after it.
 */
final class KillHook {
  private static final Logger log = LoggerFactory.getLogger(KillHook.class);

  /** The environment variable that arms the hook. */
  static final String ENV = "NSOHA_TEST_KILL_AT";

  private static final Set<String> CLIENT_CHANGES =
      Set.of(
          "enableHa",
          "disableHa",
          "bePrimary",
          "beSecondaryTo",
          "beNone",
          "setReadOnly",
          "mergeConfig",
          "fetchPackage",
          "installPackage",
          "deinstallPackage",
          "reloadPackages",
          "haSyncAndReload",
          "raftReadOnly",
          "raftCreateCluster");
  private static final Set<String> HOST_CHANGES =
      Set.of("stop", "start", "rebuildPackages", "restore", "resetRaftState", "useStagedPackages");

  private final boolean atStart;
  private final int step;
  private volatile int current;

  private KillHook(boolean atStart, int step) {
    this.atStart = atStart;
    this.step = step;
  }

  /** The hook the environment asks for, if any. */
  static Optional<KillHook> fromEnvironment() {
    String v = System.getenv(ENV);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    String[] p = v.trim().split(":");
    if (p.length != 2 || !(p[0].equals("start") || p[0].equals("change"))) {
      throw new UsageException(ENV + " must be start:K or change:K, not " + v);
    }
    return Optional.of(new KillHook(p[0].equals("start"), Integer.parseInt(p[1])));
  }

  /** The listener that tracks the step and fires at the step boundaries. */
  PlanListener listener() {
    return e -> {
      if (e instanceof PlanEvent.StepStarted s) {
        current = s.number();
        if ((atStart && s.number() == step) || (!atStart && s.number() == step + 1)) {
          die("step " + s.number() + " starts");
        }
      } else if (e instanceof PlanEvent.PlanFinished && !atStart && current == step) {
        die("the plan ended after step " + step + " without a change");
      }
    };
  }

  /** {@code cluster} whose clients and hosts fire the hook after a change in the armed step. */
  ClusterAccess wrap(ClusterAccess cluster) {
    if (atStart) {
      return cluster;
    }
    return new ClusterAccess() {
      @Override
      public ClusterSpec spec() {
        return cluster.spec();
      }

      @Override
      public NodeClient client(NodeId node) {
        return proxy(NodeClient.class, cluster.client(node), CLIENT_CHANGES, node);
      }

      @Override
      public NodeHost host(NodeId node) {
        return proxy(NodeHost.class, cluster.host(node), HOST_CHANGES, node);
      }

      @Override
      public Map<NodeId, Unresponsive.Mark> unresponsive() {
        return cluster.unresponsive();
      }
    };
  }

  private <T> T proxy(Class<T> type, T target, Set<String> changes, NodeId node) {
    InvocationHandler h =
        (p, m, args) -> {
          Object r;
          try {
            r = m.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (current == step && changes.contains(m.getName())) {
            die("step " + step + " changed " + node + " (" + m.getName() + ")");
          }
          return r;
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  private static void die(String where) {
    long pid = ProcessHandle.current().pid();
    log.warn("test hook {}: SIGKILL of pid {} as {}", ENV, pid, where);
    System.err.println("nso-ha-upgrade: test hook: killing pid " + pid + ": " + where);
    System.err.flush();
    System.out.flush();
    try {
      Process k = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start();
      k.waitFor();
    } catch (IOException e) {
      Runtime.getRuntime().halt(137);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Runtime.getRuntime().halt(137);
    }
    // SIGKILL is asynchronous only in theory; never go on past the point.
    Runtime.getRuntime().halt(137);
  }
}
