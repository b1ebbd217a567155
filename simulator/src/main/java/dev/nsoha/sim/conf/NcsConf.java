package dev.nsoha.sim.conf;

import dev.nsoha.sim.util.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The parts of an NSO {@code ncs.conf} that the simulator honours, with NSO's element names and
 * man-page defaults. Immutable and thread-safe.
 *
 * <p>{@code ${VAR}} references in values expand from the given environment; relative paths are
 * resolved against the run directory. Any other element can be read with {@link #value(String)}.
 */
public final class NcsConf {
  /** An address/port listener ({@code webui/transport/tcp}, {@code cli/ssh}, ...). */
  public record Listener(boolean enabled, String ip, int port) {
    public Listener {
      Objects.requireNonNull(ip, "ip");
    }
  }

  /**
   * {@code /ncs-config/webui/transport/ssl}: RESTCONF over TLS. NSO's defaults: disabled, 0.0.0.0,
   * port 8888. The key and certificate are PEM files; {@code ca-cert-file} holds the certificates
   * used to build the chain sent to clients.
   */
  public record SslListener(
      boolean enabled,
      String ip,
      int port,
      Optional<Path> keyFile,
      Optional<Path> certFile,
      Optional<Path> caCertFile) {
    public SslListener {
      Objects.requireNonNull(ip, "ip");
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(caCertFile, "caCertFile");
    }
  }

  /** {@code /ncs-config/ha}. */
  public record Ha(boolean enabled, String ip, int port, Duration tickTimeout) {
    public Ha {
      Objects.requireNonNull(ip, "ip");
      Objects.requireNonNull(tickTimeout, "tickTimeout");
    }
  }

  /**
   * {@code /ncs-config/ha-raft}. {@code nodeAddress} is the full {@code ID@ADDRESS} ({@code ncsd@}
   * prepended when the configured value has no id). {@code port} is the 6.7 {@code listen/port} (0
   * when absent: the pre-6.7 {@code min-port}..{@code max-port} range is used). Seeds are node
   * names, with {@code :PORT} appended for the 6.7 {@code seed-node{address,port}} form.
   */
  public record HaRaft(
      boolean enabled,
      String clusterName,
      String nodeAddress,
      int port,
      int minPort,
      int maxPort,
      List<String> seedNodes,
      boolean sslEnabled,
      Optional<Path> keyFile,
      Optional<Path> certFile,
      Optional<Path> caCertFile,
      Duration tickTimeout,
      long followerMaxLag,
      long logMaxEntries,
      boolean passive,
      Optional<Path> raftLogFile) {
    public HaRaft {
      Objects.requireNonNull(clusterName, "clusterName");
      Objects.requireNonNull(nodeAddress, "nodeAddress");
      seedNodes = List.copyOf(seedNodes);
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(caCertFile, "caCertFile");
      Objects.requireNonNull(tickTimeout, "tickTimeout");
      Objects.requireNonNull(raftLogFile, "raftLogFile");
    }
  }

  private final Path file;
  private final Path runDir;
  private final Map<String, String> env;
  private final Element root;
  private final String ipcAddress;
  private final int ipcPort;
  private final List<Path> loadPath;
  private final Path stateDir;
  private final Path cdbDir;
  private final Listener webui;
  private final Listener cliSsh;
  private final SslListener webuiSsl;
  private final Ha ha;
  private final HaRaft haRaft;

  private NcsConf(Path file, Path runDir, Map<String, String> env, Element root)
      throws NcsConfException {
    this.file = file;
    this.runDir = runDir;
    this.env = Map.copyOf(env);
    this.root = root;
    this.ipcAddress = trimmed("/ncs-config/ncs-ipc-address/ip").orElse("127.0.0.1");
    this.ipcPort = intValue("/ncs-config/ncs-ipc-address/port", 4569);
    List<Path> lp = new ArrayList<>();
    Element lpe = element("/ncs-config/load-path");
    if (lpe != null) {
      for (Element d : Xml.children(lpe)) {
        if ("dir".equals(Xml.localName(d))) {
          lp.add(path(expand(d.getTextContent().trim())));
        }
      }
    }
    this.loadPath = List.copyOf(lp);
    this.stateDir = path(trimmed("/ncs-config/state-dir").orElse("./state"));
    this.cdbDir = path(trimmed("/ncs-config/cdb/db-dir").orElse("./ncs-cdb"));
    this.webui =
        listener(
            "/ncs-config/webui/transport/tcp",
            trimmed("/ncs-config/webui/enabled").map(Boolean::parseBoolean).orElse(true),
            "0.0.0.0",
            8080);
    this.webuiSsl =
        new SslListener(
            trimmed("/ncs-config/webui/enabled").map(Boolean::parseBoolean).orElse(true)
                && boolValue("/ncs-config/webui/transport/ssl/enabled", false),
            trimmed("/ncs-config/webui/transport/ssl/ip").orElse("0.0.0.0"),
            intValue("/ncs-config/webui/transport/ssl/port", 8888),
            optionalPath("/ncs-config/webui/transport/ssl/key-file"),
            optionalPath("/ncs-config/webui/transport/ssl/cert-file"),
            optionalPath("/ncs-config/webui/transport/ssl/ca-cert-file"));
    this.cliSsh =
        listener(
            "/ncs-config/cli/ssh",
            trimmed("/ncs-config/cli/enabled").map(Boolean::parseBoolean).orElse(true),
            "0.0.0.0",
            2024);
    this.ha =
        new Ha(
            boolValue("/ncs-config/ha/enabled", false),
            trimmed("/ncs-config/ha/ip").orElse("0.0.0.0"),
            intValue("/ncs-config/ha/port", 4570),
            duration("/ncs-config/ha/tick-timeout", Duration.ofSeconds(20)));
    this.haRaft = parseHaRaft();
    if (ha.enabled() && haRaft.enabled()) {
      throw new NcsConfException(
          file
              + ": Bad configuration: /ncs-config/ha/enabled and /ncs-config/ha-raft/enabled"
              + " cannot both be true; only one HA mode can be enabled");
    }
  }

  private HaRaft parseHaRaft() throws NcsConfException {
    String base = "/ncs-config/ha-raft";
    boolean enabled = boolValue(base + "/enabled", false);
    String addr = trimmed(base + "/listen/node-address").orElse("");
    if (enabled) {
      String host = addr.substring(addr.indexOf('@') + 1);
      if (addr.isEmpty()) {
        throw new NcsConfException(
            file + ": Bad configuration: " + base + "/listen/node-address is mandatory");
      }
      if (!host.contains(".") && !host.contains(":") || host.equals("0.0.0.0")) {
        throw new NcsConfException(
            file
                + ": Bad configuration: "
                + base
                + "/listen/node-address: '"
                + addr
                + "' must be a fully qualified name or an IP address (no wildcard)");
      }
    }
    if (!addr.isEmpty() && !addr.contains("@")) {
      addr = "ncsd@" + addr;
    }
    List<String> seeds = new ArrayList<>();
    Element sn = element(base + "/seed-nodes");
    if (sn != null) {
      for (Element s : Xml.children(sn)) {
        if (!"seed-node".equals(Xml.localName(s))) {
          continue;
        }
        if (Xml.hasElementChildren(s)) {
          Element a = Xml.child(s, "address");
          Element p = Xml.child(s, "port");
          if (a == null) {
            throw new NcsConfException(file + ": " + base + "/seed-nodes/seed-node: no address");
          }
          String name = a.getTextContent().trim();
          seeds.add(name + (p == null ? "" : ":" + p.getTextContent().trim()));
        } else if (!s.getTextContent().isBlank()) {
          seeds.add(s.getTextContent().trim());
        }
      }
    }
    boolean logOn =
        boolValue("/ncs-config/logs/raft-log/enabled", true)
            && boolValue("/ncs-config/logs/raft-log/file/enabled", false);
    Optional<Path> raftLog =
        logOn
            ? Optional.of(
                path(
                    expand(trimmed("/ncs-config/logs/raft-log/file/name").orElse("logs/raft.log"))))
            : Optional.empty();
    return new HaRaft(
        enabled,
        trimmed(base + "/cluster-name").orElse(""),
        addr,
        intValue(base + "/listen/port", 0),
        intValue(base + "/listen/min-port", 4370),
        intValue(base + "/listen/max-port", 4399),
        seeds,
        boolValue(base + "/ssl/enabled", true),
        optionalPath(base + "/ssl/key-file"),
        optionalPath(base + "/ssl/cert-file"),
        optionalPath(base + "/ssl/ca-cert-file"),
        duration(base + "/tick-timeout", Duration.ofSeconds(1)),
        intValue(base + "/follower-max-lag", 50000),
        longValue(base + "/log-max-entries", 200000),
        boolValue(base + "/passive", false),
        raftLog);
  }

  private long longValue(String path, long def) throws NcsConfException {
    Optional<String> v = trimmed(path);
    if (v.isEmpty()) {
      return def;
    }
    try {
      return Long.parseLong(v.get());
    } catch (NumberFormatException e) {
      throw new NcsConfException(file + ": " + path + ": bad integer '" + v.get() + "'");
    }
  }

  /**
   * Parses an ncs.conf file.
   *
   * @param file the ncs.conf
   * @param runDir the directory relative paths are resolved against
   * @param env the environment for {@code ${VAR}} expansion
   * @throws NcsConfException with a one-line reason when the file is missing or malformed
   */
  public static NcsConf load(Path file, Path runDir, Map<String, String> env)
      throws NcsConfException {
    Element root = root(file);
    for (Path fragment : fragments(file)) {
      merge(root, root(fragment));
    }
    return new NcsConf(file, runDir.toAbsolutePath().normalize(), env, root);
  }

  /** Parses ncs.conf content; {@code file} is only used in messages. */
  public static NcsConf parse(InputStream in, Path file, Path runDir, Map<String, String> env)
      throws NcsConfException {
    return new NcsConf(file, runDir.toAbsolutePath().normalize(), env, root(in, file));
  }

  /**
   * Elements of ncs.conf that are lists or leaf-lists ({@code load-path/dir}, the seed nodes in
   * both forms): a fragment adds its entries to them.
   */
  private static final Set<String> LISTS = Set.of("dir", "seed-node");

  /**
   * The {@code ncs.conf.d/*.conf} files next to {@code file}, in name order (other names are
   * ignored, as NSO ignores them).
   */
  static List<Path> fragments(Path file) throws NcsConfException {
    Path parent = file.toAbsolutePath().getParent();
    Path dir = parent == null ? null : parent.resolve("ncs.conf.d");
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".conf"))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new NcsConfException(dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Merges a fragment's {@code ncs-config} into the configuration read so far: an element with
   * child elements merges into the one element of the same name (or is added when there is none or
   * several); a leaf replaces the value of the leaf of the same name; the entries of lists and
   * leaf-lists ({@code load-path/dir}, {@code seed-nodes/seed-node}) are added unless already
   * there.
   */
  static void merge(Element into, Element from) {
    for (Element e : Xml.children(from)) {
      String name = Xml.localName(e);
      List<Element> same = new ArrayList<>();
      for (Element c : Xml.children(into)) {
        if (name.equals(Xml.localName(c))) {
          same.add(c);
        }
      }
      if (LISTS.contains(name)) {
        String v = text(e);
        if (same.stream().noneMatch(c -> text(c).equals(v))) {
          into.appendChild(into.getOwnerDocument().importNode(e, true));
        }
      } else if (Xml.hasElementChildren(e)) {
        if (same.size() == 1 && Xml.hasElementChildren(same.get(0))) {
          merge(same.get(0), e);
        } else {
          into.appendChild(into.getOwnerDocument().importNode(e, true));
        }
      } else if (same.size() == 1) {
        same.get(0).setTextContent(e.getTextContent());
      } else {
        for (Element c : same) {
          into.removeChild(c);
        }
        into.appendChild(into.getOwnerDocument().importNode(e, true));
      }
    }
  }

  private static String text(Element e) {
    StringBuilder b = new StringBuilder();
    for (Element c : Xml.children(e)) {
      b.append(Xml.localName(c)).append('=').append(text(c)).append(';');
    }
    return Xml.hasElementChildren(e) ? b.toString() : e.getTextContent().strip();
  }

  private static Element root(Path file) throws NcsConfException {
    try (InputStream in = Files.newInputStream(file)) {
      return root(in, file);
    } catch (IOException e) {
      throw new NcsConfException(file + ": " + e.getMessage(), e);
    }
  }

  private static Element root(InputStream in, Path file) throws NcsConfException {
    Document doc;
    try {
      doc = Xml.parse(in);
    } catch (IOException e) {
      throw new NcsConfException(file + ": " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    if (!"ncs-config".equals(Xml.localName(root))) {
      throw new NcsConfException(
          file + ": root element must be ncs-config, found " + Xml.localName(root));
    }
    return root;
  }

  /**
   * The text of the element at an absolute path such as {@code /ncs-config/cli/c-prompt1}, with
   * {@code ${VAR}} expanded; empty if the element is absent.
   */
  public Optional<String> value(String path) {
    Element e = element(path);
    if (e == null) {
      return Optional.empty();
    }
    String t = e.getTextContent();
    return Optional.of(expandLenient(t.contains("\n") || t.isBlank() ? t.trim() : t));
  }

  private Optional<String> trimmed(String path) {
    return value(path).map(String::trim);
  }

  /** The element at an absolute path, or null. */
  private Element element(String path) {
    String[] steps = path.replaceFirst("^/", "").split("/");
    if (!steps[0].equals(Xml.localName(root))) {
      return null;
    }
    Element cur = root;
    for (int i = 1; i < steps.length && cur != null; i++) {
      cur = Xml.child(cur, steps[i]);
    }
    return cur;
  }

  private Listener listener(String base, boolean parentEnabled, String defIp, int defPort)
      throws NcsConfException {
    boolean en = parentEnabled && boolValue(base + "/enabled", true);
    return new Listener(en, trimmed(base + "/ip").orElse(defIp), intValue(base + "/port", defPort));
  }

  private int intValue(String path, int def) throws NcsConfException {
    Optional<String> v = trimmed(path);
    if (v.isEmpty()) {
      return def;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw new NcsConfException(file + ": " + path + ": bad integer '" + v.get() + "'");
    }
  }

  private boolean boolValue(String path, boolean def) throws NcsConfException {
    Optional<String> v = trimmed(path);
    if (v.isEmpty()) {
      return def;
    }
    if (!v.get().equals("true") && !v.get().equals("false")) {
      throw new NcsConfException(file + ": " + path + ": bad boolean '" + v.get() + "'");
    }
    return Boolean.parseBoolean(v.get());
  }

  private Duration duration(String path, Duration def) throws NcsConfException {
    Optional<String> v = trimmed(path);
    if (v.isEmpty()) {
      return def;
    }
    try {
      return Duration.parse(v.get());
    } catch (DateTimeParseException e) {
      throw new NcsConfException(
          file + ": " + path + ": bad duration '" + v.get() + "' (expected e.g. PT20S)");
    }
  }

  private Optional<Path> optionalPath(String element) throws NcsConfException {
    Optional<String> v = trimmed(element);
    if (v.isEmpty() || v.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(path(expand(v.get())));
  }

  private Path path(String p) {
    return runDir.resolve(p).normalize();
  }

  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private String expand(String s) throws NcsConfException {
    Matcher m = VAR.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        throw new NcsConfException(
            file + ": environment variable " + m.group(1) + " is not set (used in '" + s + "')");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String expandLenient(String s) {
    Matcher m = VAR.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The ncs.conf file this was read from. */
  public Path file() {
    return file;
  }

  /** The run directory (absolute). */
  public Path runDir() {
    return runDir;
  }

  /** {@code /ncs-config/ncs-ipc-address/ip}, default 127.0.0.1. */
  public String ipcAddress() {
    return ipcAddress;
  }

  /** {@code /ncs-config/ncs-ipc-address/port}, default 4569. */
  public int ipcPort() {
    return ipcPort;
  }

  /** {@code /ncs-config/load-path/dir}, absolute, in order. */
  public List<Path> loadPath() {
    return loadPath;
  }

  /** {@code /ncs-config/state-dir}, absolute (default ./state). */
  public Path stateDir() {
    return stateDir;
  }

  /** {@code /ncs-config/cdb/db-dir}, absolute (default ./ncs-cdb). */
  public Path cdbDir() {
    return cdbDir;
  }

  /**
   * {@code /ncs-config/webui/transport/ssl} (RESTCONF over TLS), default disabled, 0.0.0.0:8888.
   */
  public SslListener webuiSsl() {
    return webuiSsl;
  }

  /** {@code /ncs-config/webui/transport/tcp} (RESTCONF), default 0.0.0.0:8080. */
  public Listener webui() {
    return webui;
  }

  /** {@code /ncs-config/cli/ssh}, default 0.0.0.0:2024. */
  public Listener cliSsh() {
    return cliSsh;
  }

  /** {@code /ncs-config/ha}: enabled (false), ip (0.0.0.0), port (4570), tick-timeout (PT20S). */
  public Ha ha() {
    return ha;
  }

  /**
   * {@code /ncs-config/ha-raft}: enabled (false), listen ports 4370..4399 (or the 6.7 {@code
   * listen/port}), ssl enabled (true), tick-timeout (PT1S), follower-max-lag (50000),
   * log-max-entries (200000), passive (false); the raft log file when {@code
   * /ncs-config/logs/raft-log/file/enabled}.
   */
  public HaRaft haRaft() {
    return haRaft;
  }
}
