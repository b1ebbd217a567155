package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether NSO still runs for a node, told from outside: what answers on the node's IPC endpoint
 * ({@code ncs --status}), and which processes run in its run directory (NSO's daemon runs there).
 * "Stopped" is proven, never assumed: a wrong IPC port gives {@code connection refused} too, so a
 * stop also looks for processes left in the run directory.
 *
 * <p>The settings a finding names are the cluster file's ({@code node.<id>.service}, {@code
 * node.<id>.ipc-port}). Thread-safe.
 */
final class NodeProcesses {
  /** NSO's IPC port when neither {@code ncs.conf} nor {@code NCS_IPC_PORT} names another. */
  static final int DEFAULT_IPC_PORT = 4569;

  /**
   * Prints {@code pid(command)} for each process whose working directory is {@code $1} (NSO's
   * daemon runs in its run directory), waiting up to {@code $2} seconds for them to end; exit
   * status 1 when some are still there. Shells, sshd and sudo (an operator's login in that
   * directory) are not counted. Without {@code /proc} nothing is found.
   */
  private static final String PROCESSES_IN_RUN_DIR =
      "d=$(cd \"$1\" 2>/dev/null && pwd -P) || exit 0\n"
          + "end=$(( $(date +%s) + $2 ))\n"
          + "while :; do\n"
          + "  found=\n"
          + "  for pid in $(ls -l /proc/[0-9]*/cwd 2>/dev/null | awk -v d=\"$d\" '{ i = index($0,"
          + " \" -> \"); if (i > 0 && substr($0, i + 4) == d) { n = split(substr($0, 1, i - 1),"
          + " f, \"/\"); print f[n - 1] } }'); do\n"
          + "    [ \"$pid\" = \"$$\" ] && continue\n"
          + "    c=$(cat \"/proc/$pid/comm\" 2>/dev/null) || continue\n"
          + "    case $c in sh|bash|dash|zsh|ksh|sshd|sudo|env|sleep|ls|awk|tmux*|less|vi|vim)"
          + " continue ;; esac\n"
          + "    found=\"$found $pid($c)\"\n"
          + "  done\n"
          + "  [ -z \"$found\" ] && exit 0\n"
          + "  [ \"$(date +%s)\" -ge \"$end\" ] && { echo \"$found\"; exit 1; }\n"
          + "  sleep 0.2\n"
          + "done\n";

  private final HostCommands cmds;
  private final Installer installer;
  private final HostLayout layout;
  private final String node;

  NodeProcesses(HostCommands cmds, Installer installer) {
    this.cmds = cmds;
    this.installer = installer;
    this.layout = cmds.layout();
    this.node = layout.node().value();
  }

  /** The cluster-file key of one of this node's settings: {@code node.n1.ipc-port}. */
  String key(String setting) {
    return "node." + node + "." + setting;
  }

  /** {@code 127.0.0.1:4561 (node.n1.ipc-port)}, or the default endpoint and why it is used. */
  String ipcEndpoint() {
    String addr = layout.ipcAddress() != null ? layout.ipcAddress() : "127.0.0.1";
    return layout.ipcPort() > 0
        ? addr + ":" + layout.ipcPort() + " (" + key("ipc-port") + ")"
        : addr
            + ":"
            + DEFAULT_IPC_PORT
            + " (NSO's default: no "
            + key("ipc-port")
            + " and no NCS_IPC_PORT given)";
  }

  /** {@code ncs --status} of the release the node runs, on its IPC endpoint. */
  Result status(String what) {
    Path ncs = installer.activeNcsDir().resolve("bin/ncs");
    return cmds.exec(what, List.of(ncs.toString(), "--status"), installer.activeEnv(), false);
  }

  /** Nothing answers on the endpoint, yet NSO runs in the run directory: the finding, in words. */
  String wrongEndpoint(String processes) {
    return "nothing answers on the IPC endpoint "
        + ipcEndpoint()
        + ", but NSO runs in "
        + layout.runDir()
        + " (pid"
        + processes
        + "): the node listens on another IPC port; set "
        + key("ipc-port")
        + " to the port in its ncs.conf (/ncs-config/ncs-ipc-address/port)";
  }

  /**
   * Proves that the node has stopped after {@code command}: {@code ncs --status} finds nothing on
   * its IPC endpoint, and no process is left in its run directory (waiting up to the host's
   * deadline for the last ones to exit).
   *
   * @throws HostException naming what still runs, and the setting to fix
   */
  void proveStopped(String command) {
    if (status("stop NSO").ok()) {
      throw new HostException(
          cmds.where(),
          "stop NSO",
          command + " returned, but the node still answers on " + ipcEndpoint() + ": not stopped");
    }
    // The script's own wait ends well before the command's deadline, so that a node that does not
    // stop is reported as such rather than as a tool that timed out.
    long deadline = cmds.timeout().toSeconds();
    Optional<String> left = inRunDir(Math.max(1, deadline - Math.max(2, deadline / 4)));
    if (left.isPresent()) {
      throw new HostException(
          cmds.where(),
          "stop NSO",
          command + " did not stop the node: " + wrongEndpoint(left.get()));
    }
  }

  /**
   * Refuses to go on while NSO still runs in the run directory: {@code current} is not repointed
   * under a running node.
   *
   * @throws HostException naming the processes
   */
  void requireStopped(String what) {
    Optional<String> left = inRunDir(0);
    if (left.isPresent()) {
      throw new HostException(
          cmds.where(),
          what,
          "NSO still runs in "
              + layout.runDir()
              + " (pid"
              + left.get()
              + "); "
              + layout.installDir().resolve("current")
              + " is left as it is. Stop the node (check "
              + key("ipc-port")
              + " and "
              + key("service")
              + "), then run again");
    }
  }

  /** {@code " 1234(java)"} for the processes left in the run directory after {@code seconds}. */
  Optional<String> inRunDir(long seconds) {
    Result r =
        cmds.exec(
            "look for NSO processes in " + layout.runDir(),
            List.of(
                "sh",
                "-c",
                PROCESSES_IN_RUN_DIR,
                "sh",
                layout.runDir().toString(),
                Long.toString(seconds)),
            Map.of(),
            layout.sudo().enabled());
    if (r.ok()) {
      return Optional.empty();
    }
    String found = r.output().strip();
    return Optional.of(" " + (found.isEmpty() ? "unknown" : found.replace("\n", " ")));
  }
}
