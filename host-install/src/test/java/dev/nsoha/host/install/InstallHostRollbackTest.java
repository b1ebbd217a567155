package dev.nsoha.host.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way back on a systemd system install that runs the new release, checked by the exact commands
 * the host issues (this machine has no systemd): stop, {@code ncs-backup --restore} with the
 * release that took the backup (as NSO's recovery steps do, after {@code current} points back at
 * it), then {@code current} repointed at the old release and a start with {@code
 * NCS_RELOAD_PACKAGES=true} set in the environment file only for that start.
 */
class InstallHostRollbackTest {
  private static final Path ROOT = Path.of("/srv/nso");
  private static final Install OLD = new Install(Path.of("/srv/nso/opt/ncs/current"), v("6.4.4"));

  @TempDir Path tmp;

  private static NsoVersion v(String text) {
    return NsoVersion.parse(text);
  }

  /** A host where NSO is stopped and the backup copy on the host has {@code sum}. */
  static class StoppedHost implements CommandRunner {
    final List<String> lines = new ArrayList<>();
    final List<String> uploads = new ArrayList<>();
    private final String sum;

    StoppedHost(String sum) {
      this.sum = sum;
    }

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
      String line = String.join(" ", command);
      lines.add(line);
      if (command.contains("--status")) {
        return new Result(1, "connection refused (status)");
      }
      if (command.get(0).equals("sha256sum")) {
        return new Result(0, sum + "  " + command.get(1) + "\n");
      }
      if (command.contains("--version")) {
        return new Result(0, line.contains("ncs-6.4.4") ? "6.4.4\n" : "6.5.1\n");
      }
      return new Result(0, "");
    }

    @Override
    public void upload(Path local, Path remote) {
      uploads.add(remote.toString());
    }

    @Override
    public String download(Path remote, Path local) {
      throw new AssertionError("no download expected");
    }
  }

  @Test
  void restoreRunsTheBackupsOwnReleaseThenStartsTheOldReleaseThroughSystemd() throws IOException {
    Path file = tmp.resolve("n1-ncs-6.4.4@2026-11-27T19:00:00.backup.gz");
    Files.writeString(file, "backup");
    String sum = InstallHost.sha256(file);
    Backup backup = new Backup(NodeId.of("n1"), file, sum, Instant.now());
    StoppedHost r = new StoppedHost(sum);
    HostLayout layout =
        HostLayout.system(NodeId.of("n1"), ROOT, ServiceManager.SYSTEMD, tmp.resolve("b"));
    InstallHost host = new InstallHost(r, layout, OLD, Duration.ofSeconds(30));

    host.stop();
    host.restore(backup);
    host.start(OLD, true);

    List<String> lines = r.lines;
    String onHost =
        ROOT.resolve("var/opt/ncs/backups/ncs-6.4.4@2026-11-27T19:00:00.backup.gz").toString();
    int stop = lines.indexOf("systemctl stop ncs");
    int restore =
        lines.indexOf(
            ROOT.resolve("opt/ncs/ncs-6.4.4/bin/ncs-backup")
                + " --restore "
                + onHost
                + " --non-interactive");
    int link = indexOf(lines, "ln -s", "ncs-6.4.4");
    String envFile = ROOT.resolve("etc/ncs/ncs.systemd.conf").toString();
    int set = indexOf(lines, "NCS_RELOAD_PACKAGES=true", envFile);
    int start = lines.indexOf("systemctl start ncs");
    int reset = indexOf(lines, "mv -f", envFile);
    assertThat(stop).as("%s", lines).isNotNegative();
    assertThat(restore).as("restored with 6.4.4's ncs-backup: %s", lines).isGreaterThan(stop);
    assertThat(link)
        .as("current back on 6.4.4 after the restore: %s", lines)
        .isGreaterThan(restore);
    assertThat(set).as("%s", lines).isGreaterThan(link).isLessThan(start);
    assertThat(reset).as("env file put back: %s", lines).isGreaterThan(start);
    assertThat(r.uploads).as("the host's copy matched: nothing uploaded").isEmpty();
  }

  @Test
  void aBackupWhoseCopyOnTheHostDiffersIsUploadedAgain() throws IOException {
    Path file = tmp.resolve("n1-ncs-6.4.4@2026-11-27T19:00:00.backup.gz");
    Files.writeString(file, "backup");
    String sum = InstallHost.sha256(file);
    StoppedHost r =
        new StoppedHost("0".repeat(64)) {
          private int sums;

          @Override
          public synchronized Result run(
              String what,
              List<String> command,
              Path dir,
              Map<String, String> env,
              byte[] stdin,
              Duration timeout) {
            if (command.get(0).equals("sha256sum") && sums++ > 0) {
              lines.add(String.join(" ", command));
              return new Result(0, sum + "  " + command.get(1) + "\n");
            }
            return super.run(what, command, dir, env, stdin, timeout);
          }
        };
    HostLayout layout =
        HostLayout.system(NodeId.of("n1"), ROOT, ServiceManager.SYSTEMD, tmp.resolve("b"));
    new InstallHost(r, layout, OLD, Duration.ofSeconds(30))
        .restore(new Backup(NodeId.of("n1"), file, sum, Instant.now()));
    assertThat(r.uploads)
        .containsExactly(
            ROOT.resolve("var/opt/ncs/backups/ncs-6.4.4@2026-11-27T19:00:00.backup.gz").toString());
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
