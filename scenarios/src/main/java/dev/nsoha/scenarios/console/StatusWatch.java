package dev.nsoha.scenarios.console;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.ClusterAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * {@code status --watch}: the cluster as a table, read again every {@link #PERIOD} until
 * interrupted (or a given number of times): each node's role, read-only flag, version, connected
 * secondaries and packages. A role that changed since the previous table is marked with {@code *}
 * and the role it had. On a terminal the table is redrawn in place; elsewhere each table is printed
 * after the previous one with the time it was read.
 */
public final class StatusWatch {
  /** How often the table is read again. */
  public static final Duration PERIOD = Duration.ofSeconds(1);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  /** One node's line. */
  record Row(
      String node,
      String address,
      String role,
      String readOnly,
      String version,
      String secondaries,
      String packages) {}

  private final ClusterAccess cluster;
  private final Output output;
  private final Clock clock;
  private final Map<String, String> lastRoles = new HashMap<>();

  public StatusWatch(ClusterAccess cluster, Output output, Clock clock) {
    this.cluster = cluster;
    this.output = output;
    this.clock = clock;
  }

  /**
   * Shows the table {@code count} times (0: until the thread is interrupted), one {@link #PERIOD}
   * apart.
   */
  public void run(int count) {
    long next = System.nanoTime();
    for (int i = 0; count <= 0 || i < count; i++) {
      if (i > 0) {
        next += PERIOD.toNanos();
        long left;
        while ((left = next - System.nanoTime()) > 0) {
          LockSupport.parkNanos(left);
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
        }
      }
      List<Row> rows = read();
      output.out().print(render(rows, clock.instant(), output.terminal()));
      output.out().flush();
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  /** Every node's row, read now. */
  List<Row> read() {
    List<Row> rows = new ArrayList<>();
    for (ClusterSpec.NodeSpec n : cluster.spec().nodes()) {
      try {
        HaStatus st = cluster.client(n.id()).haStatus();
        String version = cluster.client(n.id()).version().text();
        String packages =
            cluster.client(n.id()).packages().stream()
                .map(p -> p.name() + " " + p.version() + (p.isUp() ? "" : " " + p.operStatus()))
                .collect(Collectors.joining(", "));
        Optional<RaftStatus> raft =
            st.enabled() ? Optional.empty() : cluster.client(n.id()).raftStatus();
        if (raft.isPresent()) {
          // HA Raft: the role, and on the leader each follower's replication (in-sync or lag).
          RaftStatus r = raft.get();
          rows.add(
              new Row(
                  n.id().value(),
                  n.address(),
                  "raft " + r.role().nsoName(),
                  // Raft read-only mode is not in /ha-raft/status: not shown rather than guessed.
                  "-",
                  version,
                  r.replications().stream()
                      .map(
                          x ->
                              x.node()
                                  + " "
                                  + (x.inSync() ? "in-sync" : x.state() + " lag " + x.lag()))
                      .collect(Collectors.joining(",")),
                  packages.isEmpty() ? "none" : packages));
          continue;
        }
        rows.add(
            new Row(
                n.id().value(),
                n.address(),
                st.enabled() ? st.mode().nsoName() : "disabled",
                st.readOnly() ? "ro" : "rw",
                version,
                st.connectedSecondaries().stream()
                    .map(s -> s.id().value())
                    .collect(Collectors.joining(",")),
                packages.isEmpty() ? "none" : packages));
      } catch (NsoException e) {
        rows.add(new Row(n.id().value(), n.address(), "down", "-", "-", "-", e.detail()));
      }
    }
    return rows;
  }

  /** The table for {@code rows}, marking roles that changed since the previous call. */
  String render(List<Row> rows, Instant at, boolean terminal) {
    StringBuilder sb = new StringBuilder();
    if (terminal) {
      sb.append("\u001B[H\u001B[2J");
    }
    sb.append("cluster at ").append(TIME.format(at));
    sb.append(terminal ? " (every second; Ctrl-C stops)" : "").append(System.lineSeparator());
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"NODE", "ADDRESS", "ROLE", "RO", "VERSION", "SECONDARIES", "PACKAGES"});
    List<Boolean> changed = new ArrayList<>();
    changed.add(false);
    for (Row r : rows) {
      String before = lastRoles.put(r.node(), r.role());
      boolean ch = before != null && !before.equals(r.role());
      changed.add(ch);
      cells.add(
          new String[] {
            r.node(),
            r.address(),
            ch ? "*" + r.role() + " (was " + before + ")" : r.role(),
            r.readOnly(),
            r.version(),
            r.secondaries().isEmpty() ? "-" : r.secondaries(),
            r.packages()
          });
    }
    int[] width = new int[7];
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    for (int row = 0; row < cells.size(); row++) {
      String[] c = cells.get(row);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < c.length; i++) {
        String cell = i == c.length - 1 ? c[i] : pad(c[i], width[i]) + "  ";
        if (i == 2 && changed.get(row)) {
          cell = output.yellow(output.bold(cell));
        } else if (row == 0) {
          cell = output.bold(cell);
        }
        line.append(cell);
      }
      sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    if (!terminal) {
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
