package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.nsoha.container.DockerEngine;
import dev.nsoha.container.NodeContainer;
import dev.nsoha.container.NsoSimImages;
import dev.nsoha.host.install.ProcessRunner;
import dev.nsoha.host.ssh.OpenSshd;
import dev.nsoha.scenarios.flow.ExampleFlow;
import dev.nsoha.sim.testkit.Loopback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows docs/deploy-by-hand.md literally: its shell blocks, chosen by their {@code <!-- by-hand:
 * TAG -->} markers, are run with bash as they are written, with only the variables the recipe asks
 * the reader to set given this test's values. The SSH hosts are three loopback addresses served by
 * a real OpenSSH sshd, each node under its own root; the containers run on the real Docker engine.
 * After the set-up, the upgrade and the rollback, the nodes are read by the test itself, with NSO's
 * tools over each node's IPC port (in the container, for containers), never through the program.
 */
class DeployByHandIT {
  private static final String OLD = "6.4.4";
  private static final String NEW = "6.5.1";
  private static final Duration STAGE = Duration.ofMinutes(10);

  @TempDir Path dir;

  private final ExampleCluster cluster = new ExampleCluster();
  private OpenSshd sshd;
  private DockerClient docker;
  private String prefix;

  @AfterEach
  void tearDown() throws IOException {
    for (int n = 1; n <= 3; n++) {
      Path ncs = root(n).resolve("opt/ncs/current/bin/ncs");
      if (Files.isExecutable(ncs)) {
        ProcessRunner.run("test", "stop", List.of(ncs.toString(), "--stop"), dir, ipcEnv(n), STAGE);
      }
    }
    if (sshd != null) {
      sshd.close();
    }
    if (docker != null) {
      for (int n = 1; n <= 3; n++) {
        NodeContainer.remove(docker, prefix + "node" + n);
      }
      docker.close();
    }
    ExampleFlow.deleteTree(dir.resolve("hosts"));
    // The launcher's links into the build, removed here so that the clean-up never follows them.
    Files.deleteIfExists(dir.resolve("dist/installs"));
    Files.deleteIfExists(dir.resolve("dist/package-store"));
  }

  @Test
  void systemInstallsOverSsh() throws Exception {
    sshd = OpenSshd.start(dir.resolve("sshd"), List.of(cluster.a, cluster.b, cluster.c));
    Map<String, String> env = commonEnv();
    env.put("SSH_USER", sshd.user());
    env.put("SSH_PORT", Integer.toString(sshd.port()));
    env.put("SSH_KEY", sshd.clientKey().toString());
    // A directory that does not exist yet: the recipe creates it.
    env.put("SSH_KNOWN_HOSTS", dir.resolve("home/.ssh/known_hosts").toString());
    env.put("SERVICE", "sysv");
    env.put("SUDO", "");
    env.put("ROOT", dir.resolve("hosts").toString());

    String setup = stage(env, "ssh-setup", "vars", "ssh-vars", "ssh");
    assertThat(setup).contains("connected-secondary n2").contains("connected-secondary n3");
    assertSshCluster(OLD);
    assertThat(root(1).resolve("etc/init.d/ncs")).isExecutable();

    String up = stage(env, "ssh-upgrade", "vars", "ssh-vars", "ssh-upgrade");
    assertThat(up).contains("NSO " + NEW + " from installer ");
    assertSshCluster(NEW);
    for (int n = 1; n <= 3; n++) {
      Path opt = root(n).resolve("opt/ncs");
      assertThat(Files.readSymbolicLink(opt.resolve("current"))).isEqualTo(Path.of("ncs-" + NEW));
    }
    Path clusters = dir.resolve("state/nso-ha-upgrade/clusters");
    try (var s = Files.list(clusters)) {
      Path own = s.findFirst().orElseThrow();
      assertThat(own.resolve("journal.json")).isRegularFile();
      assertThat(Files.readString(own.resolve("journal.json")))
          .contains("nso-" + NEW + ".linux.x86_64.installer.bin");
      try (var b = Files.list(own.resolve("backups"))) {
        assertThat(b.map(p -> p.getFileName().toString()).toList())
            .anyMatch(f -> f.startsWith("n1-ncs-" + OLD + "@"))
            .anyMatch(f -> f.startsWith("n3-ncs-" + OLD + "@"));
      }
    }
    assertThat(dir.resolve("shell/nso-run"))
        .as("no run root in the working directory")
        .doesNotExist();

    stage(env, "ssh-rollback", "vars", "ssh-vars", "ssh-rollback");
    assertSshCluster(OLD);
  }

  @Test
  void containersStartedWithDockerRun() throws Exception {
    docker = DockerEngine.connect();
    Optional<String> problem = DockerEngine.problem(docker);
    if (problem.isPresent()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("container tests need a Docker engine in CI: " + problem.get());
      }
      Assumptions.abort("container tests skipped: " + problem.get());
    }
    NsoSimImages images =
        NsoSimImages.locate(docker).orElseThrow(() -> new AssertionError("no simulator installs"));
    images.ensure(OLD);
    images.ensure(NEW);
    prefix = "byhand-doc-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
    Map<String, String> env = commonEnv();
    env.put("PREFIX", prefix);
    env.put("RESTCONF_PORT", Integer.toString(Loopback.freePorts(1)[0]));

    String setup = stage(env, "containers-setup", "vars", "containers-vars", "containers");
    assertThat(setup).contains("connected-secondary n2").contains("connected-secondary n3");
    assertContainers(OLD);

    String up = stage(env, "containers-upgrade", "vars", "containers-vars", "containers-upgrade");
    assertThat(up).contains("/" + prefix + "node1 nso-sim:" + NEW + " " + NEW);
    assertContainers(NEW);

    stage(env, "containers-rollback", "vars", "containers-vars", "containers-rollback");
    assertContainers(OLD);
  }

  // ---- the recipe's blocks
  // ----------------------------------------------------------------------------------

  private Map<String, String> commonEnv() throws IOException {
    Bundle bundle = Bundle.require();
    Path home = dir.resolve("dist");
    Files.createDirectories(home.resolve("bin"));
    Files.createSymbolicLink(home.resolve("installs"), bundle.installs().toAbsolutePath());
    Files.createSymbolicLink(home.resolve("package-store"), bundle.packageStore().toAbsolutePath());
    // The distribution's launcher, on this test's class path.
    Path launcher = home.resolve("bin/nso-ha-upgrade");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -D"
            + Bundle.HOME_PROPERTY
            + "='"
            + home
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + Main.class.getName()
            + " \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>();
    env.put("NSOHA_HOME", home.toString());
    env.put("N1", cluster.a);
    env.put("N2", cluster.b);
    env.put("N3", cluster.c);
    for (int n = 1; n <= 3; n++) {
      env.put("IPC" + n, Integer.toString(cluster.ipcBase + n - 1));
    }
    env.put("CLI_PORT", Integer.toString(cluster.cliPort));
    env.put("WORK", dir.resolve("work").toString());
    env.put("XDG_STATE_HOME", dir.resolve("state").toString());
    return env;
  }

  /**
   * Runs, in one bash, the blocks of docs/deploy-by-hand.md tagged with one of {@code tags}, in the
   * document's order, and returns what they printed.
   */
  private String stage(Map<String, String> env, String name, String... tags) throws Exception {
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    for (Block b : blocks()) {
      if (b.tags().stream().anyMatch(Arrays.asList(tags)::contains)) {
        script.append(b.text()).append('\n');
      }
    }
    Path file = dir.resolve(name + ".sh");
    Files.writeString(file, script);
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder("bash", file.toString())
            .directory(Files.createDirectories(dir.resolve("shell")).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(STAGE.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          name + " did not end within " + STAGE + "; its output:\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    assertThat(p.exitValue()).as("%s of docs/deploy-by-hand.md:\n%s", name, out).isZero();
    return out;
  }

  record Block(List<String> tags, String text) {}

  /** The recipe's shell blocks with their tags, in order. */
  static List<Block> blocks() throws IOException {
    Path doc = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/deploy-by-hand.md"))) {
        doc = d.resolve("docs/deploy-by-hand.md");
        break;
      }
    }
    assertThat(doc).as("docs/deploy-by-hand.md").isNotNull();
    List<Block> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(doc);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("<!-- by-hand: ") && l.endsWith(" -->")) {
        List<String> tags =
            List.of(l.substring("<!-- by-hand: ".length(), l.length() - 4).strip().split("\\s+"));
        assertThat(lines.get(i + 1)).as("the block after line %d", i + 1).isEqualTo("```bash");
        StringBuilder text = new StringBuilder();
        int j = i + 2;
        while (!lines.get(j).equals("```")) {
          text.append(lines.get(j)).append('\n');
          j++;
        }
        out.add(new Block(tags, text.toString()));
        i = j;
      }
    }
    return out;
  }

  // ---- reading the nodes
  // ------------------------------------------------------------------------------------

  private Path root(int n) {
    return dir.resolve("hosts/n" + n);
  }

  private Map<String, String> ipcEnv(int n) {
    return Map.of(
        "NCS_IPC_ADDR", "127.0.0.1", "NCS_IPC_PORT", Integer.toString(cluster.ipcBase + n - 1));
  }

  /** Node {@code n} asked with its current release's tools over its IPC port. */
  private String onNode(int n, String tool, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(root(n).resolve("opt/ncs/current/bin/" + tool).toString()));
    cmd.addAll(Arrays.asList(args));
    ProcessRunner.Result r =
        ProcessRunner.run("n" + n, tool, cmd, root(n), ipcEnv(n), Duration.ofSeconds(60));
    assertThat(r.ok()).as("%s %s on n%d: %s", tool, List.of(args), n, r.output()).isTrue();
    return r.output().strip();
  }

  /** Node {@code n} asked inside its container, with the image's tools. */
  private String inContainer(int n, String tool, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of("docker", "exec", prefix + "node" + n, "/opt/ncs/current/bin/" + tool));
    cmd.addAll(Arrays.asList(args));
    ProcessRunner.Result r =
        ProcessRunner.run("n" + n, tool, cmd, dir, Map.of(), Duration.ofSeconds(60));
    assertThat(r.ok()).as("%s %s in n%d: %s", tool, List.of(args), n, r.output()).isTrue();
    return r.output().strip();
  }

  private void assertSshCluster(String version) {
    for (int n = 1; n <= 3; n++) {
      int k = n;
      assertNode(n, version, (tool, args) -> onNode(k, tool, args));
    }
    assertThat(onNode(1, "ncs_cmd", "-c", "mexists /ncs-state/read-only-mode")).isEqualTo("no");
  }

  private void assertContainers(String version) {
    for (int n = 1; n <= 3; n++) {
      int k = n;
      assertNode(n, version, (tool, args) -> inContainer(k, tool, args));
      assertThat(docker.inspectContainerCmd(prefix + "node" + n).exec().getConfig().getLabels())
          .containsEntry(NsoSimImages.VERSION_LABEL, version);
    }
  }

  interface Tool {
    String run(String tool, String... args);
  }

  /** Version, role in HA, the dummy package and the HA connections, read from node {@code n}. */
  private static void assertNode(int n, String version, Tool t) {
    assertThat(t.run("ncs", "--status")).contains("vsn: " + version).contains("status: started");
    assertThat(t.run("ncs_cmd", "-c", "mget /high-availability/status/mode"))
        .as("HA mode of n%d", n)
        .isEqualTo(n == 1 ? "primary" : "secondary");
    assertThat(t.run("ncs_cmd", "-c", "mget /packages/package{dummy}/oper-status/up"))
        .as("dummy package on n%d", n)
        .isNotEqualTo("false");
  }
}
