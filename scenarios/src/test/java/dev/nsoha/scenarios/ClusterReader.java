package dev.nsoha.scenarios;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The fault suite's independent judge of a cluster: reads every node over RESTCONF with plain HTTP
 * ({@link HttpClient}) and Jackson, and shares no code with the program (not its verification, its
 * JSON mapping, its transports or its model), so that a fault in the program's own reading cannot
 * hide a fault in the cluster.
 *
 * <p>Per node it reads the HA status (mode, read-only flag, connected secondaries), the NSO
 * version, the loaded packages with their oper-status and the full running configuration. It
 * judges:
 *
 * <ul>
 *   <li>{@link #converged}: the nominal roles (the expected primary, every other node its connected
 *       secondary), the primary writable and no node in read-only mode, every node on the expected
 *       version with exactly the expected packages up, and every node's configuration containing
 *       the original one (taken by this reader before the first fault) and every acknowledged write
 *       of the write probe;
 *   <li>{@link #nothingLost}: what must hold at any moment, also in the middle of an interrupted
 *       upgrade: every node that answers still contains the original configuration, and the primary
 *       and every secondary connected to it hold every acknowledged write.
 * </ul>
 *
 * Both wait, up to a deadline, for the condition to hold (replication and a rejoining secondary
 * take a moment) and fail with the last observed problems. Not thread-safe: one test thread uses
 * it.
 */
final class ClusterReader implements AutoCloseable {
  /** How the suite's figures name this judge. */
  static final String NAME = "ClusterReader (RESTCONF over java.net.http + Jackson, test-side)";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, String> nodes;
  private final HttpClient http;
  private final String authorization;
  private int judgements;

  /**
   * @param nodes node id to address, in cluster order; RESTCONF on port 8080 with the example's
   *     admin user, as every example node serves it
   */
  ClusterReader(Map<String, String> nodes) {
    this.nodes = new LinkedHashMap<>(nodes);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.authorization =
        "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
  }

  /** The example cluster's nodes, n1 to n{@code count}. */
  static ClusterReader of(ExampleCluster cluster) {
    Map<String, String> nodes = new LinkedHashMap<>();
    for (int k = 1; k <= cluster.count; k++) {
      nodes.put("n" + k, cluster.address(k));
    }
    return new ClusterReader(nodes);
  }

  /**
   * The configuration the example seeds before an NSO version upgrade ({@code upgrade-nso}): dummy
   * entry d1 with 1.2.3.4.
   */
  static final String EXAMPLE_CONFIG =
      "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}";

  /**
   * The configuration after the example's package upgrade ({@code upgrade-pkgs-sys}): d1 with the
   * description dummy 1.1 adds, and inert entry i1 with 4.3.2.1.
   */
  static final String EXAMPLE_PACKAGES_CONFIG =
      "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\","
          + "\"description\":\"hello world\"}]},"
          + "\"inert:inerts\":{\"inert\":[{\"name\":\"i1\",\"dummy\":\"4.3.2.1\"}]}}";

  /**
   * The configuration {@code json} (RFC 7951, module-qualified top-level names) expected on every
   * node, for a run that sets the cluster up itself, so that there is no moment to read {@link
   * #original()} before it.
   */
  Original onEveryNode(String json) {
    JsonNode config;
    try {
      config = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (String id : nodes.keySet()) {
      m.put(id, config);
    }
    return new Original(m);
  }

  /** How many judgements ({@link #converged} and {@link #nothingLost}) passed so far. */
  int judgements() {
    return judgements;
  }

  // ---- what the cluster must look like ---------------------------------------------------------

  /**
   * The expected end state: {@code primary} primary, every other node its secondary, every node on
   * {@code version} with {@code packages} (name to version) loaded and up.
   */
  record Expected(String primary, String version, Map<String, String> packages) {
    Expected {
      Objects.requireNonNull(primary, "primary");
      Objects.requireNonNull(version, "version");
      packages = Map.copyOf(packages);
    }
  }

  /** One acknowledged write of the probe: the entry's name and the value it was written with. */
  record Write(String name, String value) {}

  /** Every node's configuration, read before the first fault. */
  record Original(Map<String, JsonNode> configs) {
    Original {
      configs = Map.copyOf(configs);
    }
  }

  /** Reads every node's full configuration: the original the later judgements compare with. */
  Original original() {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (String id : nodes.keySet()) {
      m.put(id, config(id));
    }
    return new Original(m);
  }

  // ---- judgements ------------------------------------------------------------------------------

  /**
   * Waits up to {@code within} until the cluster is in {@code expected}'s state with nothing lost;
   * throws {@link AssertionError} naming {@code what} and every problem last seen.
   */
  void converged(
      String what, Expected expected, Original original, Collection<Write> acked, Duration within) {
    await(what, () -> convergedProblems(expected, original, acked), within);
  }

  /**
   * Waits up to {@code within} until every node that answers contains its original configuration
   * and the primary and its connected secondaries hold every acknowledged write.
   */
  void nothingLost(String what, Original original, Collection<Write> acked, Duration within) {
    await(what, () -> safetyProblems(original, acked), within);
  }

  /**
   * The acknowledged writes missing (or holding another value) on each node, after waiting up to
   * {@code within} for them to arrive; a node that cannot be read misses every one.
   */
  Map<String, Integer> missingWrites(Collection<Write> acked, Duration within) {
    Map<String, Integer> last = new TreeMap<>();
    long end = System.nanoTime() + within.toNanos();
    while (true) {
      last.clear();
      for (String id : nodes.keySet()) {
        int missing;
        try {
          missing = missing(config(id), acked).size();
        } catch (ReadFailure e) {
          missing = acked.size();
        }
        if (missing > 0) {
          last.put(id, missing);
        }
      }
      if (last.isEmpty() || System.nanoTime() > end) {
        return last;
      }
      pause();
    }
  }

  private void await(String what, Supplier<List<String>> problems, Duration within) {
    long end = System.nanoTime() + within.toNanos();
    List<String> last;
    while (true) {
      last = problems.get();
      if (last.isEmpty()) {
        judgements++;
        return;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            NAME
                + ": "
                + what
                + ": still not so after "
                + within.toSeconds()
                + " s; last seen:\n  - "
                + String.join("\n  - ", last));
      }
      pause();
    }
  }

  /** Waits a moment between two reads of the cluster (a condition poll, not a fixed delay). */
  private static void pause() {
    LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    if (Thread.currentThread().isInterrupted()) {
      throw new AssertionError("interrupted while reading the cluster");
    }
  }

  List<String> convergedProblems(Expected expected, Original original, Collection<Write> acked) {
    List<String> problems = new ArrayList<>();
    Map<String, View> views = new LinkedHashMap<>();
    for (String id : nodes.keySet()) {
      try {
        views.put(id, view(id));
      } catch (ReadFailure e) {
        problems.add(id + ": cannot be read: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Set<String> secondaries = new TreeSet<>(nodes.keySet());
    secondaries.remove(expected.primary());
    for (Map.Entry<String, View> e : views.entrySet()) {
      String id = e.getKey();
      View v = e.getValue();
      String role = id.equals(expected.primary()) ? "primary" : "secondary";
      if (!role.equals(v.mode())) {
        problems.add(id + ": HA mode " + v.mode() + ", expected " + role);
      }
      // A secondary is read-only by its HA role (NSO's overall flag says so); what must be off
      // everywhere is the read-only mode an administrator or the upgrade turned on, and the
      // primary must take writes.
      if (v.adminReadOnly()) {
        problems.add(id + ": read-only mode on (/ncs-state/admin-configured-read-only-mode)");
      }
      if (id.equals(expected.primary()) && v.readOnly()) {
        problems.add(id + ": read-only (high-availability status read-only-mode true)");
      }
      if (id.equals(expected.primary()) && !new TreeSet<>(v.connected()).equals(secondaries)) {
        problems.add(id + ": connected secondaries " + v.connected() + ", expected " + secondaries);
      }
      if (!expected.version().equals(v.version())) {
        problems.add(id + ": NSO " + v.version() + ", expected " + expected.version());
      }
      if (!v.packages().equals(expected.packages())) {
        problems.add(id + ": packages " + v.packages() + ", expected " + expected.packages());
      }
      if (!v.packagesDown().isEmpty()) {
        problems.add(id + ": packages not up: " + v.packagesDown());
      }
      problems.addAll(prefixed(id, contained(original.configs().get(id), v.config(), "")));
      problems.addAll(prefixed(id, missingDescribed(v.config(), acked)));
    }
    return problems;
  }

  List<String> safetyProblems(Original original, Collection<Write> acked) {
    List<String> problems = new ArrayList<>();
    Map<String, View> views = new LinkedHashMap<>();
    for (String id : nodes.keySet()) {
      try {
        views.put(id, view(id));
      } catch (ReadFailure e) {
        // A node the interrupted run stopped (its upgrade step) does not answer; that is allowed
        // here, and the rerun's judgement reads it again.
      }
    }
    List<String> primaries =
        views.entrySet().stream()
            .filter(e -> "primary".equals(e.getValue().mode()))
            .map(Map.Entry::getKey)
            .toList();
    if (primaries.size() > 1) {
      problems.add("more than one primary: " + primaries);
    }
    Set<String> mustHold = new TreeSet<>(primaries);
    for (String p : primaries) {
      mustHold.addAll(views.get(p).connected());
    }
    for (Map.Entry<String, View> e : views.entrySet()) {
      String id = e.getKey();
      problems.addAll(
          prefixed(id, contained(original.configs().get(id), e.getValue().config(), "")));
      if (mustHold.contains(id)) {
        problems.addAll(prefixed(id, missingDescribed(e.getValue().config(), acked)));
      }
    }
    if (views.isEmpty()) {
      problems.add("no node answers");
    }
    return problems;
  }

  private static List<String> prefixed(String id, List<String> problems) {
    List<String> out = new ArrayList<>();
    int shown = 0;
    for (String p : problems) {
      if (shown++ == 10) {
        out.add(id + ": ... and " + (problems.size() - 10) + " more");
        break;
      }
      out.add(id + ": " + p);
    }
    return out;
  }

  // ---- configuration containment ---------------------------------------------------------------

  /**
   * Where {@code want} is not contained in {@code have}: every member of an object, every entry of
   * a list (found as an entry of the other list that contains it) and every leaf value.
   */
  static List<String> contained(JsonNode want, JsonNode have, String path) {
    List<String> out = new ArrayList<>();
    if (want == null) {
      return out;
    }
    if (have == null || have.isMissingNode() || have.isNull() && !want.isNull()) {
      out.add(path.isEmpty() ? "/" : path + " missing (present in the original)");
      return out;
    }
    if (want.isObject()) {
      if (!have.isObject()) {
        out.add(path + " is no longer a container");
        return out;
      }
      Iterator<Map.Entry<String, JsonNode>> it = want.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> m = it.next();
        out.addAll(contained(m.getValue(), have.get(m.getKey()), path + "/" + m.getKey()));
      }
    } else if (want.isArray()) {
      if (!have.isArray()) {
        out.add(path + " is no longer a list");
        return out;
      }
      for (JsonNode entry : want) {
        boolean found = false;
        for (JsonNode h : have) {
          if (contained(entry, h, "").isEmpty()) {
            found = true;
            break;
          }
        }
        if (!found) {
          out.add(path + entryLabel(entry) + " missing or changed (present in the original)");
        }
      }
    } else if (!want.asText().equals(have.asText())) {
      out.add(path + " is " + have.asText() + ", was " + want.asText() + " in the original");
    }
    return out;
  }

  /** {@code {d1}}: an entry's first leaf, which is its key in NSO's JSON; the leaf itself else. */
  private static String entryLabel(JsonNode entry) {
    if (entry.isObject()) {
      Iterator<JsonNode> values = entry.elements();
      while (values.hasNext()) {
        JsonNode v = values.next();
        if (v.isValueNode()) {
          return "{" + v.asText() + "}";
        }
      }
      return "{...}";
    }
    return "{" + entry.asText() + "}";
  }

  // ---- the probe's writes ----------------------------------------------------------------------

  /** The probe's entries present in a configuration: name to value. */
  static Map<String, String> dummies(JsonNode config) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode dummies = member(config, "dummies");
    JsonNode list = dummies == null ? null : member(dummies, "dummy");
    if (list != null && list.isArray()) {
      for (JsonNode e : list) {
        JsonNode name = member(e, "name");
        JsonNode value = member(e, "dummy");
        if (name != null) {
          out.put(name.asText(), value == null ? "" : value.asText());
        }
      }
    }
    return out;
  }

  private static List<Write> missing(JsonNode config, Collection<Write> acked) {
    Map<String, String> present = dummies(config);
    return acked.stream().filter(w -> !w.value().equals(present.get(w.name()))).toList();
  }

  private static List<String> missingDescribed(JsonNode config, Collection<Write> acked) {
    List<Write> m = missing(config, acked);
    if (m.isEmpty()) {
      return List.of();
    }
    return List.of(
        m.size()
            + " of "
            + acked.size()
            + " acknowledged writes missing or changed, e.g. /dummy:dummies/dummy{"
            + m.get(0).name()
            + "}");
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** One node as read: HA status, version, packages and the full configuration. */
  record View(
      String mode,
      boolean readOnly,
      boolean adminReadOnly,
      List<String> connected,
      String version,
      Map<String, String> packages,
      List<String> packagesDown,
      JsonNode config) {}

  /** A node that did not answer, or answered something that is not what RESTCONF sends. */
  static final class ReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  View view(String id) {
    return view(id, true);
  }

  /**
   * As {@link #view(String)}; without {@code withConfig} the configuration is not read (an empty
   * object stands for it), for a node whose configuration is judged by streaming ({@link
   * #dummiesStreamed}).
   */
  View view(String id, boolean withConfig) {
    JsonNode ha = get(id, "/restconf/data/tailf-ncs:high-availability?content=nonconfig");
    JsonNode status = member(member(ha, "high-availability"), "status");
    String mode = "none";
    boolean readOnly = false;
    List<String> connected = new ArrayList<>();
    if (status != null) {
      JsonNode m = member(status, "mode");
      mode = m == null ? "none" : localName(m.asText());
      JsonNode ro = member(status, "read-only-mode");
      readOnly = ro != null && (ro.asBoolean(false) || "true".equals(ro.asText()));
      JsonNode cs = member(status, "connected-secondary");
      if (cs != null && cs.isArray()) {
        for (JsonNode s : cs) {
          JsonNode sid = member(s, "id");
          if (sid != null) {
            connected.add(sid.asText());
          }
        }
      }
    }
    JsonNode state = member(get(id, "/restconf/data/tailf-ncs-monitoring:ncs-state"), "ncs-state");
    JsonNode v = member(state, "version");
    JsonNode admin = member(state, "admin-configured-read-only-mode");
    boolean adminReadOnly = admin != null && !"false".equals(admin.asText());
    Map<String, String> packages = new TreeMap<>();
    List<String> down = new ArrayList<>();
    JsonNode pkgs = member(get(id, "/restconf/data/tailf-ncs:packages"), "packages");
    JsonNode list = pkgs == null ? null : member(pkgs, "package");
    if (list != null && list.isArray()) {
      for (JsonNode p : list) {
        String name = text(member(p, "name"));
        packages.put(name, text(member(p, "package-version")));
        if (!up(member(p, "oper-status"))) {
          down.add(name + " " + member(p, "oper-status"));
        }
      }
    }
    return new View(
        mode,
        readOnly,
        adminReadOnly,
        connected,
        text(v),
        packages,
        down,
        withConfig ? config(id) : JSON.createObjectNode());
  }

  /**
   * Streams node {@code id}'s dummy list ({@code GET /restconf/data/dummy:dummies}, read with
   * Jackson's streaming parser as it arrives, never held whole) and hands each entry's name and
   * {@code dummy} value to {@code entry}; returns how many entries there were. No deadline for the
   * whole reply: only the request timeout between two reads.
   */
  long dummiesStreamed(String id, BiConsumer<String, String> entry) {
    URI uri = URI.create("http://" + nodes.get(id) + ":8080/restconf/data/dummy:dummies");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "application/yang-data+json")
            .header("Authorization", authorization)
            .GET()
            .build();
    try {
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body();
          JsonParser p = JSON.getFactory().createParser(in)) {
        if (r.statusCode() != 200) {
          throw new ReadFailure("GET " + uri + ": HTTP " + r.statusCode(), null);
        }
        long n = 0;
        int depth = 0;
        String name = null;
        String value = null;
        String field = null;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          switch (t) {
            case START_OBJECT, START_ARRAY -> {
              depth++;
              if (t == JsonToken.START_OBJECT && depth == 4) {
                name = null;
                value = null;
              }
            }
            case END_OBJECT, END_ARRAY -> {
              if (t == JsonToken.END_OBJECT && depth == 4) {
                entry.accept(name, value);
                n++;
              }
              depth--;
            }
            case FIELD_NAME -> field = p.currentName();
            default -> {
              if (depth == 4 && "name".equals(field)) {
                name = p.getText();
              } else if (depth == 4 && "dummy".equals(field)) {
                value = p.getText();
              }
            }
          }
        }
        return n;
      }
    } catch (IOException e) {
      throw new ReadFailure("GET " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReadFailure("interrupted", e);
    }
  }

  /** The node's full running configuration (the members inside {@code ietf-restconf:data}). */
  JsonNode config(String id) {
    JsonNode root = get(id, "/restconf/data?content=config");
    JsonNode data = member(root, "data");
    return data == null ? root : data;
  }

  private static boolean up(JsonNode operStatus) {
    if (operStatus == null) {
      return false;
    }
    if (operStatus.isObject()) {
      Iterator<String> names = operStatus.fieldNames();
      while (names.hasNext()) {
        if (localName(names.next()).equals("up")) {
          return true;
        }
      }
      return false;
    }
    return localName(operStatus.asText()).equals("up");
  }

  private JsonNode get(String id, String path) {
    String address = nodes.get(id);
    if (address == null) {
      throw new IllegalArgumentException("no node " + id);
    }
    URI uri = URI.create("http://" + address + ":8080" + path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/yang-data+json")
            .header("Authorization", authorization)
            .GET()
            .build();
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ReadFailure("GET " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReadFailure("interrupted", e);
    }
    if (r.statusCode() != 200) {
      throw new ReadFailure(
          "GET " + uri + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()), null);
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new ReadFailure("GET " + uri + ": not JSON: " + abbreviate(r.body()), e);
    }
  }

  /** The member named {@code name} with or without a module prefix. */
  private static JsonNode member(JsonNode obj, String name) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (localName(e.getKey()).equals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String localName(String s) {
    return s.substring(s.indexOf(':') + 1);
  }

  private static String text(JsonNode n) {
    return n == null ? "(none)" : n.asText();
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  @Override
  public void close() {
    // HttpClient of Java 17 has no close(); its threads end with the JVM's clean-up.
  }
}
