package dev.nsoha.host.install;

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
 *
 * <p>The settings a finding names are the cluster file's ({@code node.<id>.service}, {@code
 * node.<id>.ipc-port}, {@code node.<id>.sudo}). Not thread-safe; one per check.
 */
final class HostChecks {
  private final HostCommands cmds;
  private final Installer installer;
  private final NodeProcesses processes;
  private final HostLayout layout;
  private final String node;

  HostChecks(HostCommands cmds, Installer installer, NodeProcesses processes) {
    this.cmds = cmds;
    this.installer = installer;
    this.processes = processes;
    this.layout = cmds.layout();
    this.node = layout.node().value();
  }

  private String key(String setting) {
    return processes.key(setting);
  }

  private String ipcEndpoint() {
    return processes.ipcEndpoint();
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
            cmds.exec(
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
              cmds.exec(
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
        if (!cmds.exec(
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
            cmds.exec(
                "ask the init script",
                List.of(script.toString(), "status"),
                installer.activeEnv(),
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
    Map<String, String> env = installer.activeEnv();
    Result st = processes.status("read NSO status");
    if (st.ok()) {
      Result id =
          cmds.exec(
              "read the node's HA id",
              List.of(
                  installer.activeNcsDir().resolve("bin/ncs_cmd").toString(),
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
    Optional<String> running = processes.inRunDir(0);
    if (running.isPresent()) {
      return new HostCheck(node, "ipc", Outcome.BAD_INPUT, processes.wrongEndpoint(running.get()));
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
          cmds.runner()
              .run(
                  "check sudo rights",
                  ask,
                  null,
                  Map.of(),
                  password.map(p -> (p + "\n").getBytes(StandardCharsets.UTF_8)).orElse(null),
                  cmds.timeout());
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
    Map<String, String> env = installer.activeEnv();
    List<List<String>> out = new ArrayList<>();
    if (layout.isSystemInstall()) {
      switch (layout.service()) {
        case SYSTEMD -> {
          out.add(HostCommands.underSudo(List.of("systemctl", "stop", "ncs"), Map.of()));
          out.add(HostCommands.underSudo(List.of("systemctl", "start", "ncs"), Map.of()));
        }
        case SYSV -> {
          String s = layout.initScript().toString();
          out.add(HostCommands.underSudo(List.of(s, "stop"), env));
          out.add(HostCommands.underSudo(List.of(s, "start"), env));
          out.add(HostCommands.underSudo(List.of(s, "restart-with-package-reload"), env));
        }
        case DIRECT -> {
          Path ncs = installer.activeNcsDir().resolve("bin/ncs");
          out.add(
              HostCommands.underSudo(
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
    out.add(HostCommands.underSudo(List.of("sh", "-c", ":"), Map.of()));
    out.add(
        HostCommands.underSudo(List.of("mkdir", "-p", layout.installDir().toString()), Map.of()));
    out.add(HostCommands.underSudo(List.of("make"), env));
    return out;
  }

  private String where() {
    return cmds.where();
  }

  private static String firstLine(String s) {
    return s.strip().lines().findFirst().orElse("");
  }
}
