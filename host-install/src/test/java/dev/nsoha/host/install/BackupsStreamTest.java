package dev.nsoha.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups stream: the checksum of a backup is computed while it is written and while it is copied,
 * the copy is checked against the original without reading either back, and a copy that differs is
 * refused.
 */
class BackupsStreamTest {
  private static final NodeId N1 = NodeId.of("n1");

  @TempDir Path tmp;

  /**
   * A host reached as if remote: commands run as local processes and copies are local copies (so
   * the real scripts run), but every command and copy is recorded, and a copy's checksum can be
   * falsified.
   */
  static class RemoteLike implements CommandRunner {
    final List<String> commands = new ArrayList<>();
    final List<String> downloads = new ArrayList<>();
    String falseSum;
    String ncsBackupFile;
    long statSize = -1;

    @Override
    public String where() {
      return "remote-like";
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
      commands.add(String.join(" ", command));
      if (ncsBackupFile != null && command.get(0).endsWith("bin/ncs-backup")) {
        return new Result(0, "INFO  Backup " + ncsBackupFile + " created successfully\n");
      }
      if (statSize >= 0 && command.get(0).equals("stat")) {
        return new Result(0, statSize + "\n");
      }
      return LocalRunner.INSTANCE.run(what, command, dir, env, stdin, timeout);
    }

    @Override
    public void upload(Path local, Path remote) {
      LocalRunner.INSTANCE.upload(local, remote);
    }

    @Override
    public String download(Path remote, Path local) {
      downloads.add(remote.toString());
      String sum = LocalRunner.INSTANCE.download(remote, local);
      return falseSum != null ? falseSum : sum;
    }
  }

  private Path runDir() throws IOException {
    Path run = tmp.resolve("host/nso-n1");
    Files.createDirectories(run.resolve("cdb"));
    Files.writeString(run.resolve("cdb/A.cdb"), "config ".repeat(1000));
    return run;
  }

  private InstallHost localInstallHost(RemoteLike r) throws IOException {
    HostLayout layout =
        HostLayout.local(N1, runDir(), "127.0.0.1", 4561, tmp.resolve("backups"), Map.of());
    Install current = new Install(tmp.resolve("nso-6.4.4"), NsoVersion.parse("6.4.4"));
    return new InstallHost(r, layout, current, Duration.ofSeconds(30));
  }

  @Test
  void theChecksumIsComputedOnTheStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String sum =
        Checksums.copyWithSha256(
            new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), out);
    assertThat(sum).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");

    Path from = tmp.resolve("from");
    Files.writeString(from, "backup bytes");
    Path to = tmp.resolve("to");
    assertThat(LocalRunner.INSTANCE.download(from, to)).isEqualTo(Checksums.sha256(from));
    assertThat(to).hasSameTextualContentAs(from);
    assertThat(tmp.resolve("to.part")).doesNotExist();
  }

  @Test
  void aRunDirectoryArchiveOnAnotherHostIsCheckedWithTheChecksumsTakenOnTheWay()
      throws IOException {
    RemoteLike r = new RemoteLike();
    Backup b = localInstallHost(r).backup();
    assertThat(b.sha256()).isEqualTo(Checksums.sha256(b.file()));
    assertThat(r.downloads).hasSize(1);
    assertThat(r.commands)
        .as("no command reads the archive back on the host")
        .noneMatch(c -> c.startsWith("sha256sum") || c.startsWith("cat"));
  }

  @Test
  void aCopyWhoseChecksumDiffersFromTheArchiveIsRefused() throws IOException {
    RemoteLike r = new RemoteLike();
    r.falseSum = "0".repeat(64);
    assertThatThrownBy(() -> localInstallHost(r).backup())
        .isInstanceOf(HostException.class)
        .hasMessageContaining("differs from the original (sha256 " + "0".repeat(64) + " here");
  }

  @Test
  void anNcsBackupFileIsCopiedWithItsChecksumAndCheckedBySize() throws IOException {
    Path onHost = tmp.resolve("host/var/opt/ncs/backups/ncs-6.4.4@2026-12-08T04:00:00.backup.gz");
    Files.createDirectories(onHost.getParent());
    Files.writeString(onHost, "ncs-backup archive");
    RemoteLike r = new RemoteLike();
    r.ncsBackupFile = onHost.toString();
    r.statSize = Files.size(onHost);
    HostLayout layout =
        HostLayout.system(N1, tmp.resolve("host"), ServiceManager.SYSTEMD, tmp.resolve("backups"));
    Install current = new Install(Path.of("ncs-6.4.4"), NsoVersion.parse("6.4.4"));
    InstallHost host = new InstallHost(r, layout, current, Duration.ofSeconds(30));

    Backup b = host.backup();
    assertThat(b.file()).hasFileName("n1-" + onHost.getFileName());
    assertThat(b.sha256()).isEqualTo(Checksums.sha256(onHost));
    assertThat(r.commands).noneMatch(c -> c.startsWith("sha256sum"));

    r.statSize = Files.size(onHost) + 1;
    assertThatThrownBy(host::backup)
        .isInstanceOf(HostException.class)
        .hasMessageContaining("differs from the original")
        .hasMessageContaining("bytes here");
  }
}
