package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's installers ({@code target/package-store/nso-VERSION.linux.x86_64.installer.bin})
 * run for real with ncs-installer(1)'s flags, every directory under a temporary root.
 */
class InstallerIT {
  private static final Path STORE = Path.of("target/package-store").toAbsolutePath();
  private static final Path OLD = STORE.resolve("nso-6.4.4.linux.x86_64.installer.bin");
  private static final Path NEW = STORE.resolve("nso-6.5.1.linux.x86_64.installer.bin");

  @TempDir Path tmp;

  record Run(int code, String output) {}

  private Run sh(Path installer, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sh", installer.toString()));
    cmd.addAll(Arrays.asList(args));
    Path out = tmp.resolve("out.txt");
    Process p =
        new ProcessBuilder(cmd)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("installer finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out));
  }

  private String[] systemFlags(Path root, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--system-install",
                "--install-dir",
                root.resolve("opt/ncs").toString(),
                "--config-dir",
                root.resolve("etc/ncs").toString(),
                "--run-dir",
                root.resolve("var/opt/ncs").toString(),
                "--log-dir",
                root.resolve("var/log/ncs").toString(),
                "--non-interactive"));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aLocalInstallIsAnNcsDirThatReportsItsVersion() throws Exception {
    Path dir = tmp.resolve("nso-6.5.1");
    Run r = sh(NEW, "--local-install", dir.toString());
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).contains("INFO  NCS installation complete");
    assertThat(dir.resolve("bin/ncs")).isExecutable();
    assertThat(dir.resolve("bin/ncs-setup")).isExecutable();
    assertThat(dir.resolve("VERSION")).hasContent("6.5.1");
    assertThat(Files.readString(dir.resolve("ncsrc"))).contains(dir + "/ncsrc");
  }

  @Test
  void systemInstallsOfTwoVersionsSitSideBySideAndTheFirstOwnsCurrent() throws Exception {
    Path root = tmp.resolve("root");
    Run first = sh(OLD, systemFlags(root));
    assertThat(first.code()).as(first.output()).isZero();
    Files.writeString(root.resolve("etc/ncs/ncs.conf"), "edited\n", StandardCharsets.UTF_8);
    Run second = sh(NEW, systemFlags(root));
    assertThat(second.code()).as(second.output()).isZero();

    Path opt = root.resolve("opt/ncs");
    assertThat(opt.resolve("ncs-6.4.4/bin/ncs")).isExecutable();
    assertThat(opt.resolve("ncs-6.5.1/bin/ncs")).isExecutable();
    assertThat(opt.resolve("ncs-6.5.1/bin/ncs-setup"))
        .as("omitted without --keep-ncs-setup")
        .doesNotExist();
    assertThat(Files.readSymbolicLink(opt.resolve("current"))).isEqualTo(Path.of("ncs-6.4.4"));
    assertThat(second.output()).contains("Kept " + opt.resolve("current") + " -> ncs-6.4.4");
    assertThat(opt.resolve("packages")).isDirectory();
    assertThat(Files.readString(opt.resolve("installdirs")))
        .contains("NCS_CONFIG_DIR=" + root.resolve("etc/ncs"))
        .contains("NCS_RUN_DIR=" + root.resolve("var/opt/ncs"))
        .contains("NCS_LOG_DIR=" + root.resolve("var/log/ncs"));
    assertThat(root.resolve("etc/ncs/ncs.conf"))
        .as("a later install keeps ncs.conf")
        .hasContent("edited");
    assertThat(root.resolve("etc/ncs/ssh/ssh_host_ecdsa_key")).isRegularFile();
    for (String d : List.of("cdb", "packages", "state", "rollbacks", "backups", "scripts")) {
      assertThat(root.resolve("var/opt/ncs").resolve(d)).isDirectory();
    }
    assertThat(root.resolve("var/log/ncs")).isDirectory();
    assertThat(Files.readString(root.resolve("etc/profile.d/ncs.sh")))
        .contains(". " + opt.resolve("current/ncsrc"));
    Path unit = root.resolve("etc/systemd/system/ncs.service");
    assertThat(Files.readString(unit))
        .contains("EnvironmentFile=-" + root.resolve("etc/ncs/ncs.systemd.conf"))
        .contains(
            "ExecStart=" + opt.resolve("current/bin/ncs") + " --cd " + root.resolve("var/opt/ncs"))
        .contains("ExecStop=" + opt.resolve("current/bin/ncs") + " --stop");
    assertThat(root.resolve("etc/ncs/ncs.systemd.conf")).isRegularFile();
    assertThat(root.resolve("etc/init.d/ncs")).doesNotExist();
  }

  @Test
  void aFreshSystemInstallWritesNcsConfForTheSystemDirectories() throws Exception {
    Path root = tmp.resolve("root");
    Run r = sh(OLD, systemFlags(root, "--ignore-init-scripts"));
    assertThat(r.code()).as(r.output()).isZero();
    String conf = Files.readString(root.resolve("etc/ncs/ncs.conf"));
    assertThat(conf)
        .contains("<db-dir>" + root.resolve("var/opt/ncs/cdb") + "</db-dir>")
        .contains("<dir>" + root.resolve("var/opt/ncs/packages") + "</dir>")
        .contains("<ssh-server-key-dir>" + root.resolve("etc/ncs/ssh") + "</ssh-server-key-dir>")
        .contains(root.resolve("var/log/ncs") + "/ncs.log")
        .doesNotContain("./");
    assertThat(root.resolve("etc/systemd/system/ncs.service")).doesNotExist();
    assertThat(root.resolve("etc/init.d/ncs")).doesNotExist();
  }

  @Test
  void ignoreSystemdScriptInstallsTheSysvScriptWithTheReloadVerbs() throws Exception {
    Path root = tmp.resolve("root");
    Run r = sh(OLD, systemFlags(root, "--ignore-systemd-script"));
    assertThat(r.code()).as(r.output()).isZero();
    Path init = root.resolve("etc/init.d/ncs");
    assertThat(init).isExecutable();
    assertThat(Files.readString(init))
        .contains("start-with-package-reload)", "restart-with-package-reload)", "stop)", "status)")
        .contains("ncsdir=" + root.resolve("opt/ncs/current"));
    assertThat(root.resolve("etc/systemd/system/ncs.service")).doesNotExist();
  }

  @Test
  void anInstallerForAnotherArchitectureRefusesBeforeUnpackingAnything() throws Exception {
    byte[] bytes = Files.readAllBytes(OLD);
    String head = new String(bytes, 0, 4096, StandardCharsets.ISO_8859_1);
    int at = head.indexOf("ARCH='x86_64'");
    assertThat(at).isPositive();
    byte[] other = "ARCH='aarch64'".getBytes(StandardCharsets.ISO_8859_1);
    byte[] patched = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, patched, 0, at);
    System.arraycopy(other, 0, patched, at, other.length);
    int rest = at + "ARCH='x86_64'".length();
    System.arraycopy(bytes, rest, patched, at + other.length, bytes.length - rest);
    Path wrong = tmp.resolve("nso-6.4.4.linux.aarch64.installer.bin");
    Files.write(wrong, patched);

    Path root = tmp.resolve("root");
    Run r = sh(wrong, systemFlags(root));
    assertThat(r.code()).isNotZero();
    assertThat(r.output())
        .contains("nso-6.4.4.linux.aarch64.installer.bin is for linux.aarch64")
        .contains("this host is linux.x86_64")
        .contains("use nso-6.4.4.linux.x86_64.installer.bin");
    assertThat(root).doesNotExist();
  }

  @Test
  void anUnknownFlagIsRefused() throws Exception {
    Run r = sh(OLD, "--system-install", "--frobnicate");
    assertThat(r.code()).isNotZero();
    assertThat(r.output()).contains("unknown option --frobnicate").contains("--run-as-user");
  }
}
