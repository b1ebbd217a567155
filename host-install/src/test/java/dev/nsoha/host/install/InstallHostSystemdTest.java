package dev.nsoha.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The systemd service manager, which this machine cannot run: the host is checked by the exact
 * commands it issues, through a runner that records them and answers like a host where NSO 6.5.1 is
 * installed.
 */
class InstallHostSystemdTest {
  private static final Path ROOT = Path.of("/srv/nso");

  /** One recorded command: argv, environment and standard input. */
  record Call(List<String> command, Map<String, String> env, String stdin) {
    String line() {
      return String.join(" ", command);
    }
  }

  /** Records every command and answers 0 with a plausible output. */
  static class RecordingRunner implements CommandRunner {
    final List<Call> calls = new ArrayList<>();

    /** What {@code ncs --status} answers: by default nothing listens on the IPC port. */
    Result status = new Result(1, "connection refused (status)\n");

    /** What the look for processes in the run directory finds: by default none. */
    Result processes = new Result(0, "");

    @Override
    public String where() {
      return "recording";
    }

    @Override
    public boolean isLocal() {
      return false;
    }

    @Override
    public synchronized Result run(
        String what,
        List<String> command,
        Path dir,
        Map<String, String> env,
        byte[] stdin,
        Duration timeout) {
      calls.add(
          new Call(
              List.copyOf(command),
              Map.copyOf(env),
              stdin == null ? null : new String(stdin, StandardCharsets.UTF_8)));
      if (command.contains("--status")) {
        return status;
      }
      if (command.contains("sh") && String.join(" ", command).contains("/proc/")) {
        return processes;
      }
      String out = command.contains("--version") ? "6.5.1\n" : "";
      return new Result(0, out);
    }

    @Override
    public void upload(Path local, Path remote) {
      throw new AssertionError("no upload expected");
    }

    @Override
    public String download(Path remote, Path local) {
      throw new AssertionError("no download expected");
    }
  }

  private static final Install NEW = new Install(Path.of("ncs-6.5.1"), NsoVersion.parse("6.5.1"));

  private InstallHost host(RecordingRunner r, Sudo sudo) {
    HostLayout layout =
        HostLayout.system(NodeId.of("n1"), ROOT, ServiceManager.SYSTEMD, Path.of("/tmp/b"))
            .withSudo(sudo);
    return new InstallHost(r, layout, NEW, Duration.ofSeconds(30));
  }

  @Test
  void stopIsSystemctlStopNcs() {
    RecordingRunner r = new RecordingRunner();
    host(r, Sudo.NONE).stop();
    assertThat(r.calls).extracting(Call::line).first().isEqualTo("systemctl stop ncs");
    assertThat(r.calls)
        .extracting(Call::line)
        .as("the stop is proven: nothing on the IPC port, no process in the run directory")
        .anyMatch(l -> l.endsWith("bin/ncs --status"))
        .anyMatch(l -> l.contains("/proc/") && l.contains(ROOT.resolve("var/opt/ncs").toString()));
  }

  @Test
  void aStopThatLeavesTheNodeAnsweringIsAFailure() {
    RecordingRunner r = new RecordingRunner();
    r.status = new Result(0, "vsn: 6.4.4\nstatus: started\n");
    assertThatThrownBy(() -> host(r, Sudo.NONE).stop())
        .isInstanceOf(HostException.class)
        .hasMessageContaining("still answers on 127.0.0.1:4569");
  }

  @Test
  void aStopWithNSOLeftInTheRunDirectoryIsAFailureNamingTheIpcPortSetting() {
    RecordingRunner r = new RecordingRunner();
    r.processes = new Result(1, " 4242(java)\n");
    assertThatThrownBy(() -> host(r, Sudo.NONE).stop())
        .isInstanceOf(HostException.class)
        .hasMessageContaining("did not stop the node")
        .hasMessageContaining("4242(java)")
        .hasMessageContaining("node.n1.ipc-port");
  }

  @Test
  void currentIsNotRepointedWhileNSOStillRunsInTheRunDirectory() {
    RecordingRunner r = new RecordingRunner();
    r.processes = new Result(1, " 4242(java)\n");
    assertThatThrownBy(() -> host(r, Sudo.NONE).start(NEW, false))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("NSO still runs in " + ROOT.resolve("var/opt/ncs"))
        .hasMessageContaining("is left as it is");
    assertThat(r.calls).extracting(Call::line).noneMatch(l -> l.contains("ln -s"));
    assertThat(r.calls).extracting(Call::line).noneMatch(l -> l.contains("systemctl start"));
  }

  @Test
  void preflightRefusesSystemdOnAHostWithoutIt() {
    RecordingRunner r =
        new RecordingRunner() {
          @Override
          public synchronized Result run(
              String what,
              List<String> command,
              Path dir,
              Map<String, String> env,
              byte[] stdin,
              Duration timeout) {
            if (command.contains("is-active")) {
              super.run(what, command, dir, env, stdin, timeout);
              return new Result(
                  1,
                  "System has not been booted with systemd as init system (PID 1). Can't"
                      + " operate.\nFailed to connect to bus: Host is down\n");
            }
            if (command.contains("-sm")) {
              super.run(what, command, dir, env, stdin, timeout);
              return new Result(0, "Linux x86_64\n");
            }
            if (command.contains("df") || String.join(" ", command).contains("df -P")) {
              super.run(what, command, dir, env, stdin, timeout);
              return new Result(0, "10000000\n");
            }
            return super.run(what, command, dir, env, stdin, timeout);
          }
        };
    List<HostCheck> checks = host(r, Sudo.NONE).preflight(Optional.empty(), true);
    assertThat(checks)
        .filteredOn(c -> c.check().equals("service"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.outcome()).isEqualTo(HostCheck.Outcome.BAD_INPUT);
              assertThat(c.detail())
                  .contains("node.n1.service=systemd")
                  .contains("has not been booted with systemd");
            });
    assertThat(r.calls)
        .extracting(Call::line)
        .noneMatch(l -> l.contains("systemctl stop") || l.contains("systemctl start"));
  }

  @Test
  void startWithPackageReloadSetsTheEnvFileForTheStartAndPutsItBack() {
    RecordingRunner r = new RecordingRunner();
    host(r, Sudo.NONE).start(NEW, true);

    List<String> lines = r.calls.stream().map(Call::line).toList();
    String envFile = ROOT.resolve("etc/ncs/ncs.systemd.conf").toString();
    int set = indexOf(lines, "NCS_RELOAD_PACKAGES=true", envFile);
    int start = lines.indexOf("systemctl start ncs");
    int reset = indexOf(lines, "mv -f", envFile);
    int link = indexOf(lines, "ln -s", "ncs-6.5.1");
    assertThat(link).as("current repointed first: %s", lines).isNotNegative().isLessThan(set);
    assertThat(set)
        .as("env file set before the start: %s", lines)
        .isNotNegative()
        .isLessThan(start);
    assertThat(reset).as("env file put back after the start: %s", lines).isGreaterThan(start);
    assertThat(lines.get(lines.size() - 1))
        .startsWith(ROOT.resolve("opt/ncs/current/bin/ncs") + " --wait-started");
    Call wait = r.calls.get(r.calls.size() - 1);
    assertThat(wait.env())
        .containsEntry("NCS_CONFIG_DIR", ROOT.resolve("etc/ncs").toString())
        .containsEntry("NCS_RUN_DIR", ROOT.resolve("var/opt/ncs").toString())
        .containsEntry("NCS_LOG_DIR", ROOT.resolve("var/log/ncs").toString());
  }

  @Test
  void startWithoutReloadLeavesTheEnvFileAlone() {
    RecordingRunner r = new RecordingRunner();
    host(r, Sudo.NONE).start(NEW, false);
    assertThat(r.calls).extracting(Call::line).contains("systemctl start ncs");
    assertThat(r.calls).extracting(Call::line).noneMatch(l -> l.contains("ncs.systemd.conf"));
  }

  @Test
  void sudoGetsThePasswordOnStandardInputNeverInArguments() {
    RecordingRunner r = new RecordingRunner();
    host(r, Sudo.withPassword(() -> "s3cret-pw")).stop();
    Call c = r.calls.get(0);
    assertThat(r.calls)
        .as("the proof of the stop runs under sudo too (root's processes)")
        .anyMatch(call -> call.line().startsWith("sudo -S -p  -- env sh -c"));
    assertThat(c.command())
        .containsExactly("sudo", "-S", "-p", "", "--", "env", "systemctl", "stop", "ncs");
    assertThat(c.stdin()).isEqualTo("s3cret-pw\n");
    assertThat(r.calls).allSatisfy(call -> assertThat(call.line()).doesNotContain("s3cret-pw"));
    assertThat(Sudo.withPassword(() -> "s3cret-pw").toString()).doesNotContain("s3cret-pw");
  }

  @Test
  void passwordlessSudoUsesSudoN() {
    RecordingRunner r = new RecordingRunner();
    host(r, Sudo.passwordless()).stop();
    assertThat(r.calls.get(0).command()).startsWith("sudo", "-n", "--");
    assertThat(r.calls.get(0).stdin()).isNull();
  }

  private static int indexOf(List<String> lines, String... parts) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      boolean all = true;
      for (String p : parts) {
        all &= l.contains(p);
      }
      if (all) {
        return i;
      }
    }
    return -1;
  }
}
