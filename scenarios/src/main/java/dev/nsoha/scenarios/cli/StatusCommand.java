package dev.nsoha.scenarios.cli;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.console.StatusWatch;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints every node's HA status, version and packages. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "Print every node's HA status, NSO version and packages. It changes nothing. It takes the"
            + " options of the upgrades, so one command line serves both.",
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade status",
      "  nso-ha-upgrade status --watch -t restconf --cluster-file cluster.properties"
    })
public final class StatusCommand extends UpgradeCommandBase {
  @Option(
      names = {"-w", "--watch"},
      description =
          "Show the cluster as a table, read again every second until interrupted (Ctrl-C): each"
              + " node's role, read-only flag, version, connected secondaries and packages, with"
              + " roles that changed since the previous table marked (default: off).")
  boolean watch;

  @Option(
      names = "--count",
      paramLabel = "N",
      description =
          "With --watch, stop after N tables (default: ${DEFAULT-VALUE}, until interrupted).")
  int count;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // The nodes are read over their northbound interfaces, wherever they live; the deployment is
    // chosen as the upgrades choose it, so that one command line serves both.
    return Deployment.run(
        this,
        d -> {
          try (ClusterRuntime rt = d.runtime(Map.of())) {
            if (watch) {
              rt.askingHungNodesAgain();
              new StatusWatch(rt, output(spec), Clock.systemDefaultZone()).run(count);
              return ExitCodes.OK;
            }
            return printAll(rt, out) ? ExitCodes.OK : ExitCodes.UNREACHABLE;
          }
        });
  }

  /**
   * Prints every node's line, or why it could not be read; returns whether every node could be
   * read.
   */
  static boolean printAll(ClusterRuntime rt, PrintWriter out) {
    boolean all = true;
    for (ClusterSpec.NodeSpec n : rt.spec().nodes()) {
      try {
        print(out, n, rt);
      } catch (NsoException e) {
        out.printf("%s %s: %s%n", n.id(), n.address(), e.getMessage());
        all = false;
      }
    }
    out.flush();
    return all;
  }

  /**
   * {@code n1 127.0.1.1: NSO 6.5.1, enabled primary rw secondaries=[n2,n3]; packages dummy 1.0 up}.
   */
  public static void print(PrintWriter out, ClusterSpec.NodeSpec n, ClusterRuntime rt) {
    HaStatus st = rt.client(n.id()).haStatus();
    String version = rt.client(n.id()).version().text();
    String pkgs =
        rt.client(n.id()).packages().stream()
            .map(
                p ->
                    p.name()
                        + " "
                        + p.version()
                        + " "
                        + p.operStatus()
                        + p.errorInfo().map(i -> " (" + i + ")").orElse(""))
            .collect(Collectors.joining(", "));
    // A node without rule-based HA may run HA Raft: leader, followers, in sync or lag.
    String ha =
        st.enabled()
            ? st.summary()
            : rt.client(n.id())
                .raftStatus()
                .map(r -> "HA Raft " + r.summary())
                .orElse(st.summary());
    out.printf(
        "%s %s: NSO %s, %s; packages %s%n",
        n.id(), n.address(), version, ha, pkgs.isEmpty() ? "none" : pkgs);
  }
}
