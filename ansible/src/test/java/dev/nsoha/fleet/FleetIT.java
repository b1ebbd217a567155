package dev.nsoha.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nsoha.fleet.FleetReader.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fleet as {@code make upgrade-fleet} runs it: three simulated three-node clusters, the
 * collection built and installed from the distribution, and real {@code ansible-playbook} with the
 * fleet playbook (a canary wave, then the other two clusters; forks 1, so that the clusters of a
 * wave run one after another and the two cores never carry two upgrades or two preflights' package
 * builds at once; only the second run, which restarts no node and builds nothing, takes forks 3).
 * Every judgement of a cluster is this test's own read of its nodes over RESTCONF ({@link
 * FleetReader}).
 *
 * <p>One fleet serves the four tests, in order: the broken canary stops the rollout at preflight
 * (then the stopped node is started again), check mode changes nothing, the real run upgrades every
 * cluster canary first with no secret in any command line or in Ansible's output, and a second run
 * reports {@code ok}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {
  private static final Path DIST = Path.of(System.getProperty("nsoha.dist", "missing"));
  private static final Path SCRIPT =
      Path.of(System.getProperty("nsoha.scripts", "missing")).resolve("fleet-demo.sh");
  private static final List<String> CLUSTERS = List.of("fleet-canary", "fleet-b", "fleet-c");
  private static final Duration RUN_DEADLINE = Duration.ofMinutes(8);
  private static final Duration READ_DEADLINE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern RECAP =
      Pattern.compile(
          "^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)",
          Pattern.MULTILINE);

  static Ansible ansible;
  static Path root;
  static String password;
  static int block;
  static int ipcBase;
  static int cliPort;
  static FleetReader reader;
  static final Map<String, Map<String, String>> NODES = new LinkedHashMap<>();
  static final Map<String, Map<String, Node>> BEFORE = new LinkedHashMap<>();
  static final List<Path> OUTPUTS = new ArrayList<>();
  static final Map<String, Duration> TIMES = new LinkedHashMap<>();

  @BeforeAll
  static void setUpFleet() throws Exception {
    ansible = Ansible.require();
    assertThat(DIST.resolve("bin/nso-ha-upgrade")).isExecutable();
    assertThat(DIST.resolve("ansible/upgrade-fleet.yml")).isRegularFile();
    root = Path.of("target").toAbsolutePath().resolve("fleet-it-" + System.nanoTime());
    Files.createDirectories(root);
    byte[] secret = new byte[12];
    RANDOM.nextBytes(secret);
    password = "Fl-" + HexFormat.of().formatHex(secret);
    block = 100 + RANDOM.nextInt(151);
    ipcBase = freeIpcBase();
    cliPort = freePort();
    reader = new FleetReader("admin", password);
    for (int k = 0; k < CLUSTERS.size(); k++) {
      Map<String, String> nodes = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        nodes.put("n" + (i + 1), "127." + block + "." + (1 + 3 * k + i) + ".1");
      }
      NODES.put(CLUSTERS.get(k), nodes);
    }
    script("setup", List.of("--no-play")).expect(0);
    for (String c : CLUSTERS) {
      Map<String, Node> seen =
          reader.await(
              c + " set up in its nominal roles on NSO 6.4.4",
              NODES.get(c),
              s -> FleetReader.nominal(s, "6.4.4", Map.of()),
              READ_DEADLINE);
      BEFORE.put(c, seen);
    }
  }

  @AfterAll
  static void stopFleet() throws Exception {
    if (root != null) {
      script("stop", List.of("--stop"));
    }
    StringBuilder b = new StringBuilder("FleetIT phases:");
    TIMES.forEach((k, v) -> b.append(String.format(" %s %.1f s;", k, v.toMillis() / 1000.0)));
    System.out.println(b);
  }

  @Test
  @Order(1)
  void brokenCanaryStopsTheRolloutAtPreflightAndNothingChanges() throws Exception {
    Run run = script("broken", List.of("--no-setup", "--broken")).expect(0);
    assertThat(run.output()).contains("fatal: [fleet-canary]");
    Map<String, int[]> recap = recap(run.output());
    assertThat(recap).containsOnlyKeys("fleet-canary");
    assertThat(recap.get("fleet-canary")[3]).as("fleet-canary failed").isEqualTo(1);
    assertThat(recap.get("fleet-canary")[1]).as("fleet-canary changed").isZero();

    JsonNode summary = JSON.readTree(root.resolve("reports/fleet-summary.json").toFile());
    assertThat(summary).hasSize(1);
    JsonNode canary = summary.get(0);
    assertThat(canary.get("name").asText()).isEqualTo("fleet-canary");
    assertThat(canary.get("failed").asBoolean()).isTrue();
    assertThat(canary.get("stopped_at").asText()).isEqualTo("preflight");
    assertThat(canary.get("rc").asInt()).isEqualTo(3);
    String text = Files.readString(root.resolve("reports/fleet-summary.txt"));
    assertThat(text)
        .containsPattern("fleet-canary +wave 1 +failed .*FAILED at preflight, exit 3")
        .containsPattern("fleet-b +- +not started: the rollout stopped at fleet-canary")
        .containsPattern("fleet-c +- +not started: the rollout stopped at fleet-canary");

    // the clusters not started are exactly as before; on the canary, nothing changed either
    for (String c : List.of("fleet-b", "fleet-c")) {
      assertThat(FleetReader.differences(BEFORE.get(c), reader.read(NODES.get(c))))
          .as(c + " read back after the stopped rollout")
          .isEmpty();
    }
    try {
      Map<String, Node> canaryNow = reader.read(NODES.get("fleet-canary"));
      assertThat(canaryNow.get("n3").error())
          .as("n3 of the canary is stopped, but reads " + canaryNow.get("n3").summary())
          .isNotNull();
      for (String id : List.of("n1", "n2")) {
        Node was = BEFORE.get("fleet-canary").get(id);
        Node is = canaryNow.get(id);
        assertThat(is.error()).isNull();
        assertThat(List.of(is.version(), is.mode(), is.readOnly(), is.packages()))
            .as("fleet-canary " + id)
            .isEqualTo(List.of(was.version(), was.mode(), was.readOnly(), was.packages()));
        assertThat(is.config()).as("fleet-canary " + id + " configuration").isEqualTo(was.config());
      }
    } finally {
      // the way out: start the node again; it rejoins as the canary's secondary
      Path runDir = root.resolve("clusters/fleet-canary/nso-node3");
      Run.of(
              List.of(
                  DIST.resolve("installs/nso-6.4.4/bin/ncs").toString(),
                  "--cd",
                  runDir.toString(),
                  "-c",
                  runDir.resolve("ncs.conf").toString()),
              runDir,
              Map.of("NCS_IPC_ADDR", "127.0.0.1", "NCS_IPC_PORT", Integer.toString(ipcBase + 2)),
              root.resolve("restart-n3.log"),
              Duration.ofMinutes(2))
          .expect(0);
      reader.await(
          "fleet-canary with n3 started again",
          NODES.get("fleet-canary"),
          s -> FleetReader.differences(BEFORE.get("fleet-canary"), s),
          READ_DEADLINE);
    }
  }

  @Test
  @Order(2)
  void checkModeChangesNothing() throws Exception {
    Run run = script("check", List.of("--no-setup", "--check")).expect(0);
    Map<String, int[]> recap = recap(run.output());
    assertThat(recap).containsOnlyKeys(CLUSTERS);
    for (String c : CLUSTERS) {
      assertThat(recap.get(c)[3]).as(c + " failed").isZero();
    }
    JsonNode summary = JSON.readTree(root.resolve("reports/fleet-summary.json").toFile());
    assertThat(summary).hasSize(3);
    for (JsonNode c : summary) {
      assertThat(c.get("outcome").asText()).as(c.get("name").asText()).isEqualTo("checked");
      assertThat(c.get("changed").asBoolean()).as("would change " + c.get("name")).isTrue();
      assertThat(c.get("check_mode").asBoolean()).isTrue();
    }
    for (String c : CLUSTERS) {
      assertThat(FleetReader.differences(BEFORE.get(c), reader.read(NODES.get(c))))
          .as(c + " read back after check mode")
          .isEmpty();
    }
  }

  @Test
  @Order(3)
  void fleetUpgradesInWavesCanaryFirstWithNoSecretInArgvOrOutput() throws Exception {
    Set<String> leaks = new TreeSet<>();
    int[] samples = {0, 0};
    Map<String, String> env = new HashMap<>();
    // -vvv: Ansible prints each module's invocation and result, where no_log must hide the password
    env.put("ANSIBLE_VERBOSITY", "3");
    Run run =
        script(
                "upgrade",
                List.of("--no-setup"),
                1,
                env,
                p -> {
                  samples[0]++;
                  for (String cmdline : commandLines()) {
                    if (cmdline.contains("nso-ha-upgrade") && cmdline.contains(" upgrade-nso ")) {
                      samples[1]++;
                    }
                    if (cmdline.contains(password)) {
                      leaks.add(cmdline);
                    }
                  }
                })
            .expect(0);
    assertThat(samples[1])
        .as("command-line samples that caught the program at work (of %d)", samples[0])
        .isGreaterThan(3);
    assertThat(leaks).as("command lines holding the password").isEmpty();
    assertThat(run.output()).contains("VALUE_SPECIFIED_IN_NO_LOG_PARAMETER");

    Map<String, int[]> recap = recap(run.output());
    assertThat(recap).containsOnlyKeys(CLUSTERS);
    for (String c : CLUSTERS) {
      assertThat(recap.get(c)[1]).as(c + " changed").isEqualTo(1);
      assertThat(recap.get(c)[3]).as(c + " failed").isZero();
    }

    // judged from the nodes: every cluster in its nominal roles on 6.5.1 with its configuration
    for (String c : CLUSTERS) {
      reader.await(
          c + " upgraded",
          NODES.get(c),
          s -> FleetReader.nominal(s, "6.5.1", BEFORE.get(c)),
          READ_DEADLINE);
    }

    // the waves: the canary ran alone and first, then the other two, one after the other (forks 1)
    Map<String, Instant[]> spans = new TreeMap<>();
    for (String c : CLUSTERS) {
      JsonNode report = JSON.readTree(latest(root.resolve("reports/" + c), ".json").toFile());
      spans.put(
          c,
          new Instant[] {
            Instant.parse(report.get("started").asText()),
            Instant.parse(report.get("finished").asText())
          });
    }
    assertThat(spans.get("fleet-canary")[1]).isBefore(spans.get("fleet-b")[0]);
    assertThat(spans.get("fleet-canary")[1]).isBefore(spans.get("fleet-c")[0]);
    assertThat(spans.get("fleet-b")[1]).isBefore(spans.get("fleet-c")[0]);

    JsonNode summary = JSON.readTree(root.resolve("reports/fleet-summary.json").toFile());
    assertThat(summary).hasSize(3);
    for (JsonNode c : summary) {
      String name = c.get("name").asText();
      assertThat(c.get("outcome").asText()).as(name).isEqualTo("upgraded");
      assertThat(c.get("verified").asBoolean()).as(name).isTrue();
      assertThat(c.get("window_seconds").asDouble()).as(name + " window").isPositive();
      assertThat(c.get("versions_before").toString())
          .as(name)
          .contains("6.4.4")
          .doesNotContain("6.5.1");
      assertThat(c.get("versions_after").toString())
          .as(name)
          .contains("6.5.1")
          .doesNotContain("6.4.4");
      assertThat(c.get("cost").get("max_rss_mib").asDouble()).as(name).isPositive();
    }
    assertThat(Files.readString(root.resolve("reports/fleet-summary.txt")))
        .containsPattern("fleet-canary +wave 1 +upgraded .*NSO 6.4.4 -> 6.5.1 +verified")
        .containsPattern("fleet-b +wave 2 +upgraded .*NSO 6.4.4 -> 6.5.1 +verified")
        .containsPattern("fleet-c +wave 2 +upgraded .*NSO 6.4.4 -> 6.5.1 +verified");

    // the HTML index links every cluster's report, and every link resolves
    String index = Files.readString(root.resolve("reports/index.html"));
    Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(index);
    List<String> links = new ArrayList<>();
    while (href.find()) {
      links.add(href.group(1));
      assertThat(root.resolve("reports").resolve(href.group(1))).isRegularFile();
    }
    for (String c : CLUSTERS) {
      assertThat(links).anyMatch(l -> l.startsWith(c + "/") && l.endsWith(".html"));
    }

    // no password in anything the runs printed or wrote
    List<Path> written;
    try (Stream<Path> files = Files.walk(root.resolve("reports"))) {
      written = files.filter(Files::isRegularFile).toList();
    }
    List<Path> all = new ArrayList<>(OUTPUTS);
    all.addAll(written);
    for (Path f : all) {
      assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
          .as("%s holds no password", f)
          .doesNotContain(password);
    }
  }

  @Test
  @Order(4)
  void secondRunIsOkNotChanged() throws Exception {
    Run run = script("rerun", List.of("--no-setup"), 3).expect(0);
    Map<String, int[]> recap = recap(run.output());
    assertThat(recap).containsOnlyKeys(CLUSTERS);
    for (String c : CLUSTERS) {
      assertThat(recap.get(c)[1]).as(c + " changed on the second run").isZero();
      assertThat(recap.get(c)[3]).as(c + " failed").isZero();
    }
    JsonNode summary = JSON.readTree(root.resolve("reports/fleet-summary.json").toFile());
    for (JsonNode c : summary) {
      assertThat(c.get("outcome").asText()).as(c.get("name").asText()).isEqualTo("unchanged");
      assertThat(c.get("window_seconds").asDouble()).isZero();
    }
    for (String c : CLUSTERS) {
      reader.await(
          c + " still upgraded",
          NODES.get(c),
          s -> FleetReader.nominal(s, "6.5.1", BEFORE.get(c)),
          READ_DEADLINE);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Run script(String phase, List<String> args) throws Exception {
    return script(phase, args, 1);
  }

  /** With {@code forks} clusters of a wave at once (only for a run that restarts no node). */
  private static Run script(String phase, List<String> args, int forks) throws Exception {
    return script(phase, args, forks, Map.of(), p -> {});
  }

  private static Run script(
      String phase,
      List<String> args,
      int forks,
      Map<String, String> extraEnv,
      Consumer<Process> whileRunning)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "bash",
                SCRIPT.toString(),
                DIST.toString(),
                root.toString(),
                "--block",
                Integer.toString(block),
                "--net",
                "1",
                "--ipc-port",
                Integer.toString(ipcBase),
                "--cli-port",
                Integer.toString(cliPort),
                "--forks",
                Integer.toString(forks)));
    cmd.addAll(args);
    Map<String, String> env = new HashMap<>(Ansible.env(root));
    env.put("FLEET_NSO_PASSWORD", password);
    env.putAll(extraEnv);
    Path log = root.resolve(phase + ".log");
    long t0 = System.nanoTime();
    Run run = Run.of(cmd, root, env, log, RUN_DEADLINE, whileRunning);
    TIMES.put(phase, Duration.ofNanos(System.nanoTime() - t0));
    OUTPUTS.add(log);
    return run;
  }

  /** Per host in the PLAY RECAP: ok, changed, unreachable, failed. */
  private static Map<String, int[]> recap(String output) {
    String tail = output.substring(Math.max(0, output.lastIndexOf("PLAY RECAP")));
    Map<String, int[]> out = new TreeMap<>();
    Matcher m = RECAP.matcher(tail);
    while (m.find()) {
      out.put(
          m.group(1),
          new int[] {
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5))
          });
    }
    assertThat(out).as("PLAY RECAP in:\n" + Run.tail(output)).isNotEmpty();
    return out;
  }

  /** Every process's command line, from /proc, as ps shows it to every user. */
  private static List<String> commandLines() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
          out.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException gone) {
          // the process ended between the listing and the read
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot list /proc: " + e, e);
    }
    return out;
  }

  private static Path latest(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .max(Path::compareTo)
          .orElseThrow(() -> new AssertionError("no *" + suffix + " in " + dir));
    }
  }

  /** A base P with P+0..2, P+10..12 and P+20..22 free on 127.0.0.1 (the fleet's IPC ports). */
  private static int freeIpcBase() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20000 + RANDOM.nextInt(20000);
      boolean free = true;
      for (int k = 0; k < 3 && free; k++) {
        for (int i = 0; i < 3 && free; i++) {
          free = isFree(base + 10 * k + i);
        }
      }
      if (free) {
        return base;
      }
    }
    throw new AssertionError("no free IPC ports for the fleet on 127.0.0.1");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }
}
