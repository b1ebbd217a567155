package dev.nsoha.sim.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nsoha.sim.node.Http;
import dev.nsoha.sim.testkit.Loopback;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Real simulator nodes with HA Raft, one daemon JVM each (as the install's {@code ncs} starts
 * them), on their own loopback addresses, with certificates made by {@code openssl} the way NSO's
 * examples make them: a CA, then a key and a certificate per node naming the node's address.
 */
final class RaftNodes implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path INSTALLS = Path.of("target/installs").toAbsolutePath();
  static final Duration WAIT = Duration.ofSeconds(60);

  /** One node's settings; change before {@link #start}. */
  static final class Node {
    final String id;
    final String ip;
    final Path dir;
    String version = "6.4.4";
    String cluster = "stockholm";
    String seed;
    boolean passive;

    /** Whether the ha-raft section goes to {@code ncs.conf.d/raft.conf} instead of ncs.conf. */
    boolean fragment;

    /** Whether ncs.conf has a rule-based {@code ha} section instead of {@code ha-raft}. */
    boolean ruleBased;

    int ipcPort;
    int cliPort;
    String certIp;
    Path caDir;
    Process process;

    Node(String id, String ip, Path dir) {
      this.id = id;
      this.ip = ip;
      this.dir = dir;
      this.certIp = ip;
    }

    String name() {
      return "ncsd@" + ip;
    }

    Http http() {
      return new Http("http://" + ip + ":8080/restconf");
    }
  }

  final Path base;
  final Map<String, Node> nodes = new LinkedHashMap<>();
  final String tick;

  RaftNodes(Path base, int n, String tick) throws Exception {
    this.base = base;
    this.tick = tick;
    int octet = Loopback.randomOctet();
    int[] ipc = Loopback.freePorts(2 * n);
    Path ca = Files.createDirectories(base.resolve("ca"));
    makeCa(ca);
    for (int k = 1; k <= n; k++) {
      Node x =
          new Node("n" + k, "127." + octet + "." + (200 + k) + ".1", base.resolve("nso-node" + k));
      x.ipcPort = ipc[2 * k - 2];
      x.cliPort = ipc[2 * k - 1];
      x.caDir = ca;
      x.seed = "ncsd@127." + octet + ".201.1";
      nodes.put(x.id, x);
    }
  }

  Node node(String id) {
    return nodes.get(id);
  }

  static void openssl(Path cwd, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }

  static void makeCa(Path dir) throws Exception {
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "30",
        "-subj",
        "/CN=HA Raft test CA");
  }

  /** A key and certificate for {@code ip}, signed by the CA in {@code ca}, in {@code dir}. */
  static void makeCert(Path ca, Path dir, String name, String ip) throws Exception {
    Files.createDirectories(dir);
    openssl(
        dir,
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=" + ip);
    Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=IP:" + ip + "\n");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        ca.resolve("ca.crt").toString(),
        "-CAkey",
        ca.resolve("ca.key").toString(),
        "-CAcreateserial",
        "-out",
        name + ".crt",
        "-days",
        "30",
        "-extfile",
        name + ".ext");
  }

  private String conf(Node x) {
    return "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">\n"
        + "  <ncs-ipc-address><ip>127.0.0.1</ip><port>"
        + x.ipcPort
        + "</port></ncs-ipc-address>\n"
        + "  <load-path><dir>./packages</dir></load-path>\n"
        + "  <state-dir>./state</state-dir>\n"
        + "  <cdb><db-dir>./ncs-cdb</db-dir></cdb>\n"
        + "  <logs><raft-log><enabled>true</enabled><file><name>./logs/raft.log</name>"
        + "<enabled>true</enabled></file></raft-log></logs>\n"
        + "  <cli><ssh><enabled>true</enabled><ip>"
        + x.ip
        + "</ip><port>"
        + x.cliPort
        + "</port></ssh></cli>\n"
        + "  <webui><transport><tcp><enabled>true</enabled><ip>"
        + x.ip
        + "</ip><port>8080</port></tcp></transport></webui>\n"
        + (x.ruleBased
            ? "  <ha><enabled>true</enabled><ip>" + x.ip + "</ip></ha>\n"
            : x.fragment ? "" : haRaft(x))
        + "</ncs-config>\n";
  }

  private String haRaft(Node x) {
    return ""
        + "  <ha-raft>\n"
        + "    <enabled>true</enabled>\n"
        + "    <cluster-name>"
        + x.cluster
        + "</cluster-name>\n"
        + "    <listen><node-address>"
        + x.name()
        + "</node-address></listen>\n"
        + "    <seed-nodes><seed-node>"
        + x.seed
        + "</seed-node></seed-nodes>\n"
        + "    <ssl>\n"
        + "      <ca-cert-file>ca.crt</ca-cert-file>\n"
        + "      <cert-file>ha-tls/"
        + x.id
        + ".crt</cert-file>\n"
        + "      <key-file>ha-tls/"
        + x.id
        + ".key</key-file>\n"
        + "    </ssl>\n"
        + "    <tick-timeout>"
        + tick
        + "</tick-timeout>\n"
        + "    <follower-max-lag>20</follower-max-lag>\n"
        + (x.passive ? "    <passive>true</passive>\n" : "")
        + "  </ha-raft>\n";
  }

  /** Writes the node's files (first time) and starts its daemon. */
  void start(String id) throws Exception {
    Node x = nodes.get(id);
    if (!Files.exists(x.dir.resolve("ncs.conf"))) {
      Files.createDirectories(x.dir.resolve("packages"));
      Files.createDirectories(x.dir.resolve("logs"));
      Files.copy(x.caDir.resolve("ca.crt"), x.dir.resolve("ca.crt"));
      makeCert(x.caDir, x.dir.resolve("ha-tls"), x.id, x.certIp);
    }
    Files.writeString(x.dir.resolve("ncs.conf"), conf(x));
    if (x.fragment) {
      Files.createDirectories(x.dir.resolve("ncs.conf.d"));
      Files.writeString(
          x.dir.resolve("ncs.conf.d/raft.conf"),
          "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">\n"
              + haRaft(x)
              + "</ncs-config>\n");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.nsoha.sim.node.NcsDaemon",
            "--ncs-dir",
            INSTALLS.resolve("nso-" + x.version).toString(),
            "--conf",
            "ncs.conf",
            "--cd",
            x.dir.toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(x.dir.resolve("stderr.txt").toFile());
    x.process = pb.start();
    await(
        "RESTCONF of " + id,
        () -> {
          if (!x.process.isAlive()) {
            throw new IllegalStateException(id + " died: " + read(x.dir.resolve("stderr.txt")));
          }
          try {
            return x.http().get("/data/tailf-ncs-monitoring:ncs-state/version").statusCode();
          } catch (RuntimeException e) {
            return -1;
          }
        },
        c -> c == 200);
    await(
        "IPC port of " + id,
        () -> {
          try (Socket s = new Socket("127.0.0.1", x.ipcPort)) {
            return s.isConnected();
          } catch (IOException e) {
            return false;
          }
        },
        ok -> ok);
  }

  void startAll() throws Exception {
    for (String id : nodes.keySet()) {
      start(id);
    }
  }

  /** SIGKILL. */
  void kill(String id) throws InterruptedException {
    Process p = nodes.get(id).process;
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, waits for the exit. */
  void stop(String id) throws InterruptedException {
    Process p = nodes.get(id).process;
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** {@code /ha-raft/status} over RESTCONF (an empty object when unreadable). */
  JsonNode status(String id) {
    try {
      HttpResponse<String> r =
          node(id)
              .http()
              .get("/data/tailf-ncs-high-availability-raft:ha-raft/status?content=nonconfig");
      if (r.statusCode() != 200) {
        return JSON.createObjectNode();
      }
      return JSON.readTree(r.body()).path("tailf-ncs-high-availability-raft:status");
    } catch (IOException | RuntimeException e) {
      return JSON.createObjectNode();
    }
  }

  static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** Invokes a /ha-raft action over RESTCONF. */
  HttpResponse<String> action(String id, String action, String inputJson) {
    return node(id)
        .http()
        .post(
            "/operations/tailf-ncs-high-availability-raft:ha-raft/" + action,
            inputJson == null ? "" : "{\"input\":" + inputJson + "}");
  }

  /** Writes device {@code name} with {@code address}; returns the HTTP status (-1: no answer). */
  int write(String id, String name, String address) {
    try {
      return node(id)
          .http()
          .patch(
              "/data",
              "{\"tailf-ncs:devices\":{\"device\":[{\"name\":\""
                  + name
                  + "\",\"address\":\""
                  + address
                  + "\"}]}}")
          .statusCode();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The device names in a node's running config. */
  List<String> devices(String id) {
    try {
      HttpResponse<String> r = node(id).http().get("/data/tailf-ncs:devices?content=config");
      List<String> out = new ArrayList<>();
      if (r.statusCode() == 200) {
        JSON.readTree(r.body())
            .path("tailf-ncs:devices")
            .path("device")
            .forEach(d -> out.add(d.path("name").asText()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  String leaderOf(String... ids) {
    for (String id : ids) {
      if ("leader".equals(status(id).path("role").asText())) {
        return id;
      }
    }
    return null;
  }

  /** Polls {@code get} until {@code ok}; fails with the last value seen. */
  static <T> T await(String what, Supplier<T> get, Predicate<T> ok) {
    long end = System.nanoTime() + WAIT.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = get.get();
      if (ok.test(last)) {
        return last;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // poll interval
    }
    throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
  }

  @Override
  public void close() {
    for (Node x : nodes.values()) {
      try {
        stop(x.id);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
