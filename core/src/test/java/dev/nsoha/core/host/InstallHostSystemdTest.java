package dev.nsoha.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.host.ProcessRunner.Result;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Install;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  static final class RecordingRunner implements CommandRunner {
    final List<Call> calls = new ArrayList<>();

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
      String out = command.contains("--version") ? "6.5.1\n" : "";
      return new Result(0, out);
    }

    @Override
    public void upload(Path local, Path remote) {
      throw new AssertionError("no upload expected");
    }

    @Override
    public void download(Path remote, Path local) {
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
    assertThat(r.calls).extracting(Call::line).containsExactly("systemctl stop ncs");
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
