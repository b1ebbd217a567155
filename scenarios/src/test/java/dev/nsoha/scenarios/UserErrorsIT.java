package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.host.install.ProcessRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures a user can cause, against a running example cluster (the package example's system
 * install): each ends with a specific message and a non-zero exit, and leaves the cluster whole and
 * writable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserErrorsIT {
  @TempDir static Path dir;

  private ExampleCluster cluster;
  private StringWriter out;
  private StringWriter err;

  @BeforeAll
  void startCluster() {
    cluster = new ExampleCluster();
    assertThat(run("example", "upgrade-pkgs-sys", "--transport", "restconf"))
        .as("%s%n%s", out, err)
        .isZero();
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(cluster.nodeArgs(dir.resolve("run")));
    return Main.run(
        new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  private NodeClient restconf(String address) {
    return Transports.create()
        .factory("restconf")
        .create(NodeEndpoint.example(NodeId.of("n1"), address));
  }

  /** n1 is still primary with both secondaries, not read-only, and takes writes. */
  private void assertClusterWhole() {
    try (NodeClient n1 = restconf(cluster.a)) {
      HaStatus st = n1.haStatus();
      assertThat(st.isPrimary()).as(st.summary()).isTrue();
      assertThat(st.readOnly()).as(st.summary()).isFalse();
      assertThat(st.connectedSecondaries()).hasSize(2);
      assertThat(n1.packages()).allSatisfy(p -> assertThat(p.isUp()).as(p.toString()).isTrue());
    }
  }

  @Test
  @Order(1)
  void wrongCredentialsStopBeforeAnyChange() throws IOException {
    Path pw =
        Files.writeString(
            Files.createFile(
                dir.resolve("pw"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
            "not-the-password\n");
    int code =
        run(
            "upgrade-pkgs-sys",
            "--transport",
            "cli",
            "--password-file",
            pw.toString(),
            "--package",
            dir.resolve("run/package-store/dummy-1.1.tar.gz").toString());
    assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .contains("n1 (" + cluster.a)
        .contains("nothing was changed")
        .doesNotContain("not-the-password");
    assertThat(out.toString()).doesNotContain("not-the-password");
    assertClusterWhole();
  }

  @Test
  @Order(1)
  void aPasswordFileOthersCanReadIsRefused() throws IOException {
    Path pw = Files.writeString(dir.resolve("loose-pw"), "admin\n");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
    int code =
        run(
            "upgrade-pkgs-sys",
            "--transport",
            "cli",
            "--password-file",
            pw.toString(),
            "--package",
            dir.resolve("run/package-store/dummy-1.1.tar.gz").toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("password file " + pw)
        .contains("rw-r--r--")
        .contains("chmod 600 " + pw);
  }

  private Path sshKey(String name, String passphrase) throws Exception {
    Path key = dir.resolve(name);
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                passphrase,
                "-C",
                name,
                "-f",
                key.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    return key;
  }

  private int status(String... extra) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all =
        new ArrayList<>(
            List.of(
                "status",
                "--transport",
                "cli",
                "-a",
                cluster.a,
                "-b",
                cluster.b,
                "-c",
                cluster.c,
                "--cli-port",
                Integer.toString(cluster.cliPort),
                "--known-hosts",
                dir.resolve("run/known_hosts").toString()));
    all.addAll(Arrays.asList(extra));
    return Main.run(
        new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void theCliTransportLogsInWithAnSshKeyAndRefusesAnUnknownOne() throws Exception {
    Path key = sshKey("admin-key", "a passphrase for the key");
    Path other = sshKey("other-key", "");
    for (int i = 1; i <= 3; i++) {
      Path ak = dir.resolve("run/nso-node" + i + "/homes/admin/.ssh/authorized_keys");
      Files.createDirectories(ak.getParent());
      Files.writeString(ak, Files.readString(Path.of(key + ".pub")));
    }
    Path passphrase =
        Files.writeString(
            Files.createFile(
                dir.resolve("passphrase"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
            "a passphrase for the key\n");
    Path noPassword = dir.resolve("no-such-password");
    Files.writeString(
        Files.createFile(
            noPassword,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
        "not-the-password\n");

    // Unknown host keys are refused with the fingerprint shown and how to add it.
    assertThat(
            status("--ssh-key", key.toString(), "--ssh-key-passphrase-file", passphrase.toString()))
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(out.toString() + err.toString())
        .contains("is not trusted by " + dir.resolve("run/known_hosts"))
        .containsPattern("it offered [a-z0-9-]+ SHA256:")
        .contains("ssh-keyscan -p " + cluster.cliPort + " " + cluster.a);

    // The key logs in; the password (wrong here) is not used.
    assertThat(
            status(
                "--accept-unknown-host-keys",
                "--ssh-key",
                key.toString(),
                "--ssh-key-passphrase-file",
                passphrase.toString(),
                "--password-file",
                noPassword.toString()))
        .as("%s%n%s", out, err)
        .isZero();
    assertThat(out.toString()).contains("n1 " + cluster.a + ": NSO");

    assertThat(status("--ssh-key", other.toString()))
        .as("%s%n%s", out, err)
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(out.toString() + err.toString()).contains("refused the key " + other);
  }

  @Test
  @Order(1)
  void aNodeThatIsDownIsNamed() {
    out = new StringWriter();
    err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "status",
            "--transport",
            "restconf",
            "-a",
            cluster.a,
            "-b",
            cluster.b,
            "-c",
            "127.254.254.1");
    assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(out.toString()).contains("n3 127.254.254.1").contains("127.254.254.1:8080");
    assertThat(out.toString()).contains("n1 " + cluster.a + ": NSO");
  }

  @Test
  @Order(1)
  void aNewInstallThatIsNotAnInstallIsRefused() {
    int code =
        run("upgrade-nso", "--transport", "restconf", "-n", dir.resolve("no-such-nso").toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("no-such-nso/bin/ncs").contains("NCS_DIR");
    assertClusterWhole();
  }

  @Test
  @Order(1)
  void aWrongOldInstallIsRefusedBeforeAnyChange() {
    Path newer = Bundle.require().newInstall().ncsDir();
    int code =
        run(
            "upgrade-nso",
            "--transport",
            "restconf",
            "-o",
            newer.toString(),
            "-n",
            newer.toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("runs NSO " + Bundle.require().oldInstall().version())
        .contains("pass the install it runs with -o");
    assertClusterWhole();
  }

  @Test
  @Order(2)
  void aPackageBuiltForAnotherNsoVersionIsRefusedByPreflight() throws IOException {
    // inert-2.0, built with the newer install: the nodes run the older one and must refuse it.
    Path src = dir.resolve("build/inert-2.0");
    Files.createDirectories(src.getParent());
    ProcessRunner.run(
        "test",
        "copy",
        List.of("cp", "-r", Bundle.require().packageSource("inert-1.0").toString(), src.toString()),
        dir,
        Map.of(),
        Duration.ofSeconds(30));
    Path meta = src.resolve("package-meta-data.xml");
    Files.writeString(
        meta,
        Files.readString(meta)
            .replace(
                "<package-version>1.0</package-version>",
                "<package-version>2.0</package-version>"));
    ProcessRunner.Result make =
        ProcessRunner.run(
            "test",
            "make",
            List.of("make", "-C", src.resolve("src").toString(), "clean", "all"),
            dir,
            Bundle.require().newInstall().environment(),
            Duration.ofSeconds(60));
    assertThat(make.ok()).as(make.output()).isTrue();
    Path archive = dir.resolve("inert-2.0.tar.gz");
    ProcessRunner.run(
        "test",
        "tar",
        List.of("tar", "-czf", archive.toString(), "-C", src.getParent().toString(), "inert-2.0"),
        dir,
        Map.of(),
        Duration.ofSeconds(30));

    int code = run("upgrade-pkgs-sys", "--transport", "restconf", "--package", archive.toString());

    // Preflight reads the archive: its schema is compiled for the newer NSO, which the nodes do
    // not run, so the run is refused before any change.
    assertThat(code).as("%s%n%s", out, err).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString())
        .contains("NO-GO  package-file")
        .contains(
            "inert-2.0/load-dir/inert.fxs is compiled for NSO "
                + Bundle.require().newInstall().version())
        .contains(
            "fix: rebuild the package with NSO "
                + Bundle.require().oldInstall().version().majorMinor())
        .contains("nothing was changed")
        .doesNotContain("[ 1/");
    assertClusterWhole();
  }

  @Test
  @Order(3)
  void aCorruptPackageFileIsRefusedByPreflightWithItsName() throws IOException {
    Path corrupt =
        Files.write(dir.resolve("dummy-1.2.tar.gz"), "this is not a tar archive".getBytes());
    int code = run("upgrade-pkgs-sys", "--transport", "restconf", "--package", corrupt.toString());
    assertThat(code).as("%s%n%s", out, err).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString())
        .contains("NO-GO  package-file")
        .contains("dummy-1.2.tar.gz")
        .contains("not a gzipped tar");
    assertClusterWhole();
  }
}
