package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.io.PrivateFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Secrets never leave (issue 16, item 5): a whole {@code example upgrade-nso} as its own JVM, over
 * each transport, with a distinctive password and HA token given through the environment or a
 * private file, and every record on: {@code --log-file}, {@code --report}, {@code --html}, {@code
 * --events}, the journal and the backups. While it runs, a sampler reads the command line of every
 * process on the machine ({@code /proc/<pid>/cmdline}, what {@code ps -ef} shows). Afterwards
 * neither secret, nor the password's base64 or URL-encoded forms, appears in any file the run wrote
 * (backup tarballs unpacked), in any sampled command line, or in the console output. The run must
 * verify, and the nodes must accept the new password and refuse NSO's example's, so the test cannot
 * pass without the secrets in use.
 */
@Timeout(300)
class SecretsIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "over {0}, user {1}")
  @CsvSource({"cli, admin, file, env", "restconf, upgrader, env, file"})
  void noPasswordOrTokenLeavesTheRun(
      String transport, String user, String passwordFrom, String tokenFrom) throws Exception {
    String password = "pw-" + UUID.randomUUID();
    String token = "tok-" + UUID.randomUUID();
    Path runRoot = dir.resolve("run");
    Path records = dir.resolve("records");
    Path inputs = dir.resolve("inputs"); // the secrets as the operator gives them: not searched
    Files.createDirectories(records);
    ExampleCluster cluster = new ExampleCluster();
    List<String> args =
        new ArrayList<>(
            List.of(
                "example",
                "upgrade-nso",
                "--transport",
                transport,
                // The whole example, in the CI budget: secondaries upgraded with the primary.
                "--strategy",
                "fast",
                "--user",
                user,
                "--log-file",
                records.resolve("debug.log").toString(),
                "--report",
                records.resolve("report.json").toString(),
                "--html",
                records.resolve("report.html").toString(),
                "--events",
                records.resolve("events.ndjson").toString(),
                "--journal",
                records.resolve("journal.json").toString()));
    Map<String, String> env = new LinkedHashMap<>();
    if (passwordFrom.equals("file")) {
      PrivateFiles.writeString(inputs.resolve("password"), password + "\n");
      args.addAll(List.of("--password-file", inputs.resolve("password").toString()));
    } else {
      env.put("NSO_PASSWORD", password);
    }
    if (tokenFrom.equals("file")) {
      PrivateFiles.writeString(inputs.resolve("token"), token + "\n");
      args.addAll(List.of("--ha-token-file", inputs.resolve("token").toString()));
    } else {
      env.put("NSO_HA_TOKEN", token);
    }
    args.addAll(cluster.nodeArgs(runRoot));

    ProcessSampler sampler = new ProcessSampler();
    try {
      Path out = dir.resolve("stdout.txt");
      Path err = dir.resolve("stderr.txt");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
      cmd.addAll(args);
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(Path.of("").toAbsolutePath().toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().remove("NSO_PASSWORD");
      pb.environment().remove("NSO_HA_TOKEN");
      pb.environment().putAll(env);
      sampler.start();
      long t0 = System.nanoTime();
      Process p = pb.start();
      boolean ended = p.waitFor(240, TimeUnit.SECONDS);
      sampler.stop();
      if (!ended) {
        p.destroyForcibly();
      }
      String stdout = Files.readString(out);
      String stderr = Files.readString(err);
      assertThat(ended)
          .as("the run ended within 240 s; stdout:%n%s%nstderr:%n%s", stdout, stderr)
          .isTrue();
      System.out.printf(
          "secrets run over %s took %.1f s, %d process samples, %d distinct command lines%n",
          transport,
          (System.nanoTime() - t0) / 1e9,
          sampler.samples(),
          sampler.commandLines().size());
      assertThat(p.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr).isZero();
      assertThat(stdout).contains("Verified:").contains("##### Done!");

      // The sampler saw the run: the orchestrator's JVM and the nodes' daemons.
      assertThat(sampler.commandLines())
          .as("sampled command lines")
          .anySatisfy(c -> assertThat(c).contains(Main.class.getName()).contains("upgrade-nso"))
          .anySatisfy(
              c ->
                  assertThat(c)
                      .contains("dev.nsoha.sim.node.NcsDaemon")
                      .contains(runRoot.toString()));

      // The nodes took the new password, and NSO's example's no longer works.
      assertThat(restconf(cluster.a, user, password)).isEqualTo(200);
      assertThat(restconf(cluster.a, "admin", "admin")).isEqualTo(401);

      Map<String, String> forms = new LinkedHashMap<>();
      forms.put("password", password);
      forms.put("HA token", token);
      forms.put("base64 password", b64(password));
      forms.put("base64 user:password", b64(user + ":" + password));
      forms.put("URL-encoded password", URLEncoder.encode(password, StandardCharsets.UTF_8));
      forms.put("base64 token", b64(token));

      List<Path> searched = new ArrayList<>();
      searchTree(runRoot, forms, searched);
      searchTree(records, forms, searched);
      assertThat(searched)
          .as("the run's records and backups were searched")
          .anySatisfy(f -> assertThat(f.toString()).endsWith("debug.log"))
          .anySatisfy(f -> assertThat(f.toString()).endsWith("report.html"))
          .anySatisfy(f -> assertThat(f.toString()).endsWith("events.ndjson"))
          .anySatisfy(f -> assertThat(f.toString()).endsWith("journal.json"))
          .anySatisfy(f -> assertThat(f.toString()).endsWith("sim-cdb.json"))
          .anySatisfy(
              f ->
                  assertThat(f.toString())
                      .as("a node's database inside a backup")
                      .contains("/backups/")
                      .contains(".unpacked/")
                      .endsWith("sim-cdb.json"));
      assertThat(Files.size(records.resolve("debug.log"))).isPositive();
      for (Map.Entry<String, String> e : forms.entrySet()) {
        assertThat(stdout).as("stdout holds the %s", e.getKey()).doesNotContain(e.getValue());
        assertThat(stderr).as("stderr holds the %s", e.getKey()).doesNotContain(e.getValue());
        for (String c : sampler.commandLines()) {
          assertThat(c)
              .as("a process's command line holds the %s", e.getKey())
              .doesNotContain(e.getValue());
        }
      }
    } finally {
      sampler.stop();
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Searches every regular file below {@code root} (links not followed) for each form, unpacking
   * tarballs (backups, packages) next to themselves and searching their content too.
   */
  private void searchTree(Path root, Map<String, String> forms, List<Path> searched)
      throws IOException, InterruptedException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (Map.Entry<String, String> e : forms.entrySet()) {
        assertThat(text).as("%s holds the %s", f, e.getKey()).doesNotContain(e.getValue());
      }
      String name = f.getFileName().toString();
      if (name.equals("sim-cdb.json")) {
        // The database holds both secrets, in the forms NSO stores them: its base file and its
        // commit journal (commits since the last fold) together.
        Path journal = f.resolveSibling("sim-cdb.journal");
        String cdb =
            Files.exists(journal)
                ? text + new String(Files.readAllBytes(journal), StandardCharsets.ISO_8859_1)
                : text;
        assertThat(cdb)
            .as("%s and its journal: the password hashed, the token encrypted", f)
            .contains("\"password\":\"$6$")
            .contains("\"token\":\"$9$");
      }
      searched.add(f);
      boolean gzip =
          name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".backup.gz");
      if (gzip || name.endsWith(".backup")) {
        Path into = dir.resolve("unpacked").resolve(root.relativize(f).toString() + ".unpacked");
        Files.createDirectories(into);
        Process tar =
            new ProcessBuilder("tar", gzip ? "-xzf" : "-xf", f.toString(), "-C", into.toString())
                .redirectErrorStream(true)
                .start();
        String msg = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar -x %s: %s", f, msg).isZero();
        searchTree(into, forms, searched);
      }
    }
  }

  private static int restconf(String address, String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    "http://" + address + ":8080/restconf/data/tailf-ncs-monitoring:ncs-state"))
            .header("Authorization", "Basic " + b64(user + ":" + password))
            .header("Accept", "application/yang-data+json")
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build();
    return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Reads the command line of every process ({@code /proc/<pid>/cmdline}, as {@code ps -ef} shows
   * it) every 50 ms on a thread of its own, until stopped; keeps each distinct line.
   */
  static final class ProcessSampler {
    private final Set<String> lines = ConcurrentHashMap.newKeySet();
    private final AtomicInteger samples = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;

    void start() {
      running = true;
      thread = new Thread(this::loop, "process-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      while (running) {
        sampleOnce();
        samples.incrementAndGet();
        // The sampling interval of a poll loop, not a wait for a condition.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }

    private void sampleOnce() {
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path p : procs.toList()) {
          if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
            continue;
          }
          try {
            byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
            if (raw.length > 0) {
              lines.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
            }
          } catch (IOException e) {
            // the process ended between the listing and the read
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
      }
    }

    void stop() throws InterruptedException {
      running = false;
      if (thread != null) {
        thread.join(10_000);
        thread = null;
      }
    }

    int samples() {
      return samples.get();
    }

    Set<String> commandLines() {
      return Set.copyOf(lines);
    }
  }
}
