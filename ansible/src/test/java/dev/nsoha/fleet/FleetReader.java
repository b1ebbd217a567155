package dev.nsoha.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The fleet tests' own judge of a cluster: reads each node over RESTCONF with plain HTTP ({@link
 * HttpClient}) and Jackson, sharing no code with the program or the collection. Per node it reads
 * the HA status, the NSO version, the packages and the whole running configuration.
 */
final class FleetReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String authorization;

  FleetReader(String user, String password) {
    authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** One node as read: {@code error} set (and the rest empty) when it could not be read. */
  record Node(
      String mode,
      boolean readOnly,
      List<String> connected,
      String version,
      Map<String, String> packages,
      JsonNode config,
      String error) {
    static Node unreadable(String error) {
      return new Node("", false, List.of(), "", Map.of(), null, error);
    }

    String summary() {
      return error != null
          ? "unreadable (" + error + ")"
          : version
              + " "
              + mode
              + (readOnly ? " ro" : " rw")
              + " connected="
              + connected
              + " "
              + packages;
    }
  }

  /** Every node of a cluster (id to address), in order. */
  Map<String, Node> read(Map<String, String> nodes) {
    Map<String, Node> out = new LinkedHashMap<>();
    nodes.forEach((id, address) -> out.put(id, read(address)));
    return out;
  }

  Node read(String address) {
    // a client of its own for each read: no pooled connection outlives a node that was stopped
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      JsonNode status =
          member(
              member(
                  get(
                      http,
                      address,
                      "/restconf/data/tailf-ncs:high-availability?content=nonconfig"),
                  "high-availability"),
              "status");
      String mode = text(member(status, "mode"), "none");
      boolean readOnly = "true".equals(text(member(status, "read-only-mode"), "false"));
      List<String> connected = new ArrayList<>();
      JsonNode cs = member(status, "connected-secondary");
      if (cs != null && cs.isArray()) {
        cs.forEach(s -> connected.add(text(member(s, "id"), "?")));
      }
      connected.sort(null);
      String version =
          text(
              member(
                  member(
                      get(http, address, "/restconf/data/tailf-ncs-monitoring:ncs-state"),
                      "ncs-state"),
                  "version"),
              "?");
      Map<String, String> packages = new TreeMap<>();
      JsonNode list =
          member(
              member(get(http, address, "/restconf/data/tailf-ncs:packages"), "packages"),
              "package");
      if (list != null && list.isArray()) {
        for (JsonNode p : list) {
          packages.put(
              text(member(p, "name"), "?"),
              text(member(p, "package-version"), "?")
                  + (up(member(p, "oper-status")) ? "" : " down"));
        }
      }
      JsonNode root = get(http, address, "/restconf/data?content=config");
      JsonNode data = member(root, "data");
      return new Node(
          mode,
          readOnly,
          List.copyOf(connected),
          version,
          packages,
          data == null ? root : data,
          null);
    } catch (IOException e) {
      return Node.unreadable(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Node.unreadable("interrupted");
    }
  }

  /**
   * Reads the cluster until {@code problems} finds none, up to {@code within}; fails naming {@code
   * what} and the last problems and node states.
   */
  Map<String, Node> await(
      String what,
      Map<String, String> nodes,
      Function<Map<String, Node>, List<String>> problems,
      Duration within) {
    long end = System.nanoTime() + within.toNanos();
    while (true) {
      Map<String, Node> seen = read(nodes);
      List<String> p = problems.apply(seen);
      if (p.isEmpty()) {
        return seen;
      }
      if (System.nanoTime() > end) {
        StringBuilder b = new StringBuilder(what + ": not so after " + within.toSeconds() + " s:");
        p.forEach(x -> b.append("\n  - ").append(x));
        seen.forEach((id, n) -> b.append("\n  ").append(id).append(": ").append(n.summary()));
        throw new AssertionError(b.toString());
      }
      // a condition poll between two reads of the cluster, not a fixed delay
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
  }

  /**
   * The problems that keep {@code seen} from being the cluster in its nominal roles (n1 writable
   * primary, every other node its connected secondary) on {@code version}, with every package up
   * and every node's configuration holding {@code before}'s.
   */
  static List<String> nominal(Map<String, Node> seen, String version, Map<String, Node> before) {
    List<String> out = new ArrayList<>();
    List<String> secondaries = new ArrayList<>(seen.keySet());
    secondaries.remove("n1");
    secondaries.sort(null);
    seen.forEach(
        (id, n) -> {
          if (n.error() != null) {
            out.add(id + " unreadable: " + n.error());
            return;
          }
          if (!n.version().equals(version)) {
            out.add(id + " on NSO " + n.version() + ", expected " + version);
          }
          String role = id.equals("n1") ? "primary" : "secondary";
          if (!n.mode().equals(role)) {
            out.add(id + " is " + n.mode() + ", expected " + role);
          }
          if (id.equals("n1") && (n.readOnly() || !n.connected().equals(secondaries))) {
            out.add("n1 read-only=" + n.readOnly() + " connected=" + n.connected());
          }
          n.packages()
              .forEach(
                  (p, v) -> {
                    if (v.endsWith(" down")) {
                      out.add(id + " package " + p + " " + v);
                    }
                  });
          Node was = before.get(id);
          if (was != null && !was.packages().keySet().equals(n.packages().keySet())) {
            out.add(id + " packages " + n.packages() + ", before " + was.packages());
          }
          if (was != null && was.config() != null) {
            List<String> missing = new ArrayList<>();
            contained(was.config(), n.config(), "", missing);
            missing.forEach(m -> out.add(id + ": " + m));
          }
        });
    return out;
  }

  /** The differences between two reads of the same cluster, node by node (none: unchanged). */
  static List<String> differences(Map<String, Node> before, Map<String, Node> after) {
    List<String> out = new ArrayList<>();
    before.forEach(
        (id, b) -> {
          Node a = after.get(id);
          if (a == null) {
            out.add(id + " not read");
          } else if (!b.equals(a)) {
            out.add(id + " was " + b.summary() + ", is " + a.summary());
            if (b.config() != null && a.config() != null && !b.config().equals(a.config())) {
              out.add(id + ": its configuration changed");
            }
          }
        });
    return out;
  }

  /** What of {@code want} is missing or different in {@code have}, by path. */
  static void contained(JsonNode want, JsonNode have, String path, List<String> out) {
    if (have == null) {
      out.add((path.isEmpty() ? "/" : path) + " missing");
    } else if (want.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = want.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        contained(e.getValue(), have.get(e.getKey()), path + "/" + e.getKey(), out);
      }
    } else if (want.isArray()) {
      for (JsonNode w : want) {
        boolean found = false;
        for (JsonNode h : have) {
          List<String> sub = new ArrayList<>();
          contained(w, h, path, sub);
          if (sub.isEmpty()) {
            found = true;
            break;
          }
        }
        if (!found) {
          out.add(path + " entry " + w + " missing or changed");
        }
      }
    } else if (!want.equals(have)) {
      out.add(path + " is " + have + ", was " + want);
    }
  }

  private JsonNode get(HttpClient http, String address, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://" + address + ":8080" + path);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/yang-data+json")
                .header("Authorization", authorization)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + uri + ": HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  /** The member {@code name}, with or without a module prefix. */
  private static JsonNode member(JsonNode obj, String name) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.equals(name) || k.endsWith(":" + name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String text(JsonNode n, String otherwise) {
    if (n == null || n.isNull()) {
      return otherwise;
    }
    String t = n.isValueNode() ? n.asText() : n.toString();
    int colon = t.indexOf(':');
    return colon >= 0 && !t.contains(" ") && !t.contains(".") ? t.substring(colon + 1) : t;
  }

  private static boolean up(JsonNode operStatus) {
    if (operStatus == null) {
      return false;
    }
    if (operStatus.isObject()) {
      for (Map.Entry<String, JsonNode> e : operStatus.properties()) {
        if (e.getKey().equals("up") || e.getKey().endsWith(":up")) {
          return true;
        }
      }
      return false;
    }
    return operStatus.asText().endsWith("up");
  }
}
