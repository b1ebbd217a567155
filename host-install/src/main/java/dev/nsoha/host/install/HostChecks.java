package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.host.install.HostCheck.Outcome;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that prove, with nothing changed, that the commands an upgrade runs on a node's host
 * can run there: the service manager answers for NSO's service, the node's IPC endpoint answers and
 * belongs to the node the cluster file names, and sudo allows exactly the commands that need it.
 * Also the proof that a node has stopped: nothing answers on its IPC port and no process runs in
 * its run directory.
 *
 * <p>The settings a finding names are the cluster file's ({@code node.<id>.service}, {@code
 * node.<id>.ipc-port}, {@code node.<id>.sudo}). Not thread-safe; one per check.
 */
final class HostChecks {
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

  private final InstallHost host;
  private final HostLayout layout;
  private final String node;

  HostChecks(InstallHost host) {
    this.host = host;
    this.layout = host.hostLayout();
    this.node = layout.node().value();
  }

  /** The cluster-file key of one of this node's settings: {@code node.n1.ipc-port}. */
  private String key(String setting) {
    return "node." + node + "." + setting;
  }

  /** {@code 127.0.0.1:4561}, and whether it is the default. */
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

  // ---- preflight

  /** The service manager answers for NSO's service on this host. */
  HostCheck service() {
    if (!layout.isSystemInstall()) {
      return new HostCheck(node, "service", Outcome.OK, "local install: ncs itself");
    }
    ServiceManager sm = layout.service();
    String set = key("service") + "=" + sm.cliName();
    switch (sm) {
      case SYSTEMD -> {
        Result r =
            host.exec(
                "ask systemd about ncs", List.of("systemctl", "is-active", "ncs"), Map.of(), false);
        String out = r.output().strip();
        if (r.exitCode() == 127
            || out.contains("has not been booted with systemd")
            || out.contains("Failed to connect to bus")
            || out.contains("not found")) {
          return new HostCheck(
              node,
              "service",
              Outcome.BAD_INPUT,
              set
                  + ", but systemd does not run on "
                  + where()
                  + " (systemctl is-active ncs: "
                  + firstLine(out)
                  + "); set "
                  + key("service")
                  + " to sysv or direct, the way NSO is started there");
        }
        if (!r.ok()) {
          Result load =
              host.exec(
                  "ask systemd about ncs",
                  List.of("systemctl", "show", "-p", "LoadState", "--value", "ncs"),
                  Map.of(),
                  false);
          if (load.output().strip().equals("not-found")) {
            return new HostCheck(
                node,
                "service",
                Outcome.BAD_INPUT,
                set
                    + ", but "
                    + where()
                    + " has no systemd unit ncs; install NSO's unit, or set "
                    + key("service")
                    + " to sysv or direct");
          }
        }
        return new HostCheck(node, "service", Outcome.OK, "systemd answers for ncs: " + out);
      }
      case SYSV -> {
        Path script = layout.initScript();
        if (!host.exec(
                "look for " + script, List.of("test", "-x", script.toString()), Map.of(), false)
            .ok()) {
          return new HostCheck(
              node,
              "service",
              Outcome.BAD_INPUT,
              set
                  + ", but "
                  + where()
                  + " has no executable init script "
                  + script
                  + "; set "
                  + key("service")
                  + " to systemd or direct, the way NSO is started there");
        }
        Result r =
            host.exec(
                "ask the init script",
                List.of(script.toString(), "status"),
                host.activeEnv(),
                false);
        if (r.ok() || r.output().contains("connection refused")) {
          return new HostCheck(
              node,
              "service",
              Outcome.OK,
              script + " status answers" + (r.ok() ? "" : " (not running)"));
        }
        return new HostCheck(
            node,
            "service",
            Outcome.BAD_INPUT,
            script + " status exited with status " + r.exitCode() + ": " + r.tail(3));
      }
      default -> {
        return new HostCheck(node, "service", Outcome.OK, "direct: ncs itself");
      }
    }
  }

  /**
   * The node's IPC endpoint answers and is this node's ({@code ncs --status}, then its HA id with
   * {@code ncs_cmd}); or nothing answers and no NSO runs in the run directory (a node the run
   * stopped). NSO running with nothing on the endpoint means the endpoint is wrong.
   */
  HostCheck ipc() {
    Map<String, String> env = host.activeEnv();
    Path ncs = host.activeNcsDir().resolve("bin/ncs");
    Result st = host.exec("read NSO status", List.of(ncs.toString(), "--status"), env, false);
    if (st.ok()) {
      Result id =
          host.exec(
              "read the node's HA id",
              List.of(
                  host.activeNcsDir().resolve("bin/ncs_cmd").toString(),
                  "-c",
                  "mget /high-availability/status/current-id"),
              env,
              false);
      String answered = id.ok() ? id.output().strip() : "";
      if (!answered.isEmpty() && !answered.equals(node) && !answered.contains(" ")) {
        return new HostCheck(
            node,
            "ipc",
            Outcome.BAD_INPUT,
            "the IPC endpoint "
                + ipcEndpoint()
                + " answers for HA node "
                + answered
                + ", not "
                + node
                + "; set "
                + key("ipc-port")
                + " to "
                + node
                + "'s IPC port (ncs.conf's /ncs-config/ncs-ipc-address/port)");
      }
      return new HostCheck(
          node,
          "ipc",
          Outcome.OK,
          ipcEndpoint()
              + " answers"
              + (answered.isEmpty() ? "" : " for HA node " + answered)
              + " ("
              + firstLine(st.output())
              + ")");
    }
    if (!st.output().contains("connection refused")) {
      return new HostCheck(
          node,
          "ipc",
          Outcome.REFUSED,
          "ncs --status on "
              + ipcEndpoint()
              + " exited with status "
              + st.exitCode()
              + ": "
              + st.tail(3));
    }
    Optional<String> running = processesInRunDir(0);
    if (running.isPresent()) {
      return new HostCheck(node, "ipc", Outcome.BAD_INPUT, wrongEndpoint(running.get()));
    }
    return new HostCheck(
        node,
        "ipc",
        Outcome.OK,
        "not running: nothing answers on "
            + ipcEndpoint()
            + " and no process runs in "
            + layout.runDir());
  }

  private String wrongEndpoint(String processes) {
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
   * sudo allows each command the upgrade runs under it, asked with {@code sudo -l} (nothing runs):
   * the service's stop and start, the installer and the scripts ({@code sh}), {@code mkdir} and
   * {@code make}.
   */
  HostCheck sudo() {
    Sudo sudo = layout.sudo();
    Optional<String> password = sudo.password();
    List<String> missing = new ArrayList<>();
    String lastReply = "";
    for (List<String> cmd : privilegedCommands()) {
      List<String> ask =
          new ArrayList<>(
              password.isPresent()
                  ? List.of("sudo", "-S", "-p", "", "-l", "--")
                  : List.of("sudo", "-n", "-l", "--"));
      ask.addAll(cmd);
      Result r =
          host.runner()
              .run(
                  "check sudo rights",
                  ask,
                  null,
                  Map.of(),
                  password.map(p -> (p + "\n").getBytes(StandardCharsets.UTF_8)).orElse(null),
                  host.timeout());
      if (!r.ok()) {
        missing.add(String.join(" ", cmd));
        lastReply = r.output().isBlank() ? "" : " (sudo: " + firstLine(r.output()) + ")";
      }
    }
    if (missing.isEmpty()) {
      return new HostCheck(
          node,
          "sudo",
          Outcome.OK,
          "sudo allows the " + privilegedCommands().size() + " commands the upgrade runs under it");
    }
    return new HostCheck(
        node,
        "sudo",
        Outcome.REFUSED,
        where()
            + " does not let this user run under sudo"
            + (password.isPresent() ? " with the given password" : " without a password (sudo -n)")
            + ": "
            + String.join("; ", missing)
            + lastReply
            + ". Allow them in a sudoers rule, or set "
            + key("sudo")
            + "=false where the user owns NSO's directories");
  }

  /** What sudo is asked to run during an upgrade (the argument vectors as sudo sees them). */
  private List<List<String>> privilegedCommands() {
    Map<String, String> env = host.activeEnv();
    List<List<String>> out = new ArrayList<>();
    if (layout.isSystemInstall()) {
      switch (layout.service()) {
        case SYSTEMD -> {
          out.add(InstallHost.underSudo(List.of("systemctl", "stop", "ncs"), Map.of()));
          out.add(InstallHost.underSudo(List.of("systemctl", "start", "ncs"), Map.of()));
        }
        case SYSV -> {
          String s = layout.initScript().toString();
          out.add(InstallHost.underSudo(List.of(s, "stop"), env));
          out.add(InstallHost.underSudo(List.of(s, "start"), env));
          out.add(InstallHost.underSudo(List.of(s, "restart-with-package-reload"), env));
        }
        case DIRECT -> {
          Path ncs = host.activeNcsDir().resolve("bin/ncs");
          out.add(
              InstallHost.underSudo(
                  List.of(
                      ncs.toString(),
                      "--cd",
                      layout.runDir().toString(),
                      "-c",
                      layout.confFile().toString()),
                  env));
        }
      }
    }
    out.add(InstallHost.underSudo(List.of("sh", "-c", ":"), Map.of()));
    out.add(
        InstallHost.underSudo(List.of("mkdir", "-p", layout.installDir().toString()), Map.of()));
    out.add(InstallHost.underSudo(List.of("make"), env));
    return out;
  }

  // ---- proofs

  /**
   * Proves that the node has stopped after {@code command}: {@code ncs --status} finds nothing on
   * its IPC endpoint, and no process is left in its run directory (waiting up to the host's
   * deadline for the last ones to exit).
   *
   * @throws HostException naming what still runs, and the setting to fix
   */
  void proveStopped(String command) {
    Path ncs = host.activeNcsDir().resolve("bin/ncs");
    Result st = host.exec("stop NSO", List.of(ncs.toString(), "--status"), host.activeEnv(), false);
    if (st.ok()) {
      throw new HostException(
          where(),
          "stop NSO",
          command + " returned, but the node still answers on " + ipcEndpoint() + ": not stopped");
    }
    Optional<String> left = processesInRunDir(Math.max(5, host.timeout().toSeconds()));
    if (left.isPresent()) {
      throw new HostException(
          where(), "stop NSO", command + " did not stop the node: " + wrongEndpoint(left.get()));
    }
  }

  /**
   * Refuses to go on while NSO still runs in the run directory: {@code current} is not repointed
   * under a running node.
   *
   * @throws HostException naming the processes
   */
  void requireStopped(String what) {
    Optional<String> left = processesInRunDir(0);
    if (left.isPresent()) {
      throw new HostException(
          where(),
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
  private Optional<String> processesInRunDir(long seconds) {
    Result r =
        host.exec(
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

  private String where() {
    return host.where();
  }

  private static String firstLine(String s) {
    return s.strip().lines().findFirst().orElse("");
  }
}
