package dev.nsoha.core.yang;

import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaNodeConfig;
import dev.nsoha.core.model.HaSettings;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one mapping from NSO's data, shaped as RFC 7951 JSON in a {@link DataTree}, to core's
 * records. Both transports read what the node sends into a tree (RESTCONF bodies; the CLI's {@code
 * | display json} output and its action output blocks) and hand it to these functions, so that the
 * two transports cannot disagree on a leaf or a default.
 *
 * <p>Every default of the {@code tailf-ncs} model lives here, as NSO's YANG gives it
 * (docs/nso-interface.md, "HA status and actions", "Packages"); see {@link Defaults}.
 *
 * <p>Lenient where NSO releases and interfaces differ: a member may carry a module prefix or not
 * ({@code tailf-ncs:status} or {@code status}), a boolean may arrive as {@code "true"}, a number as
 * a string, an {@code empty} leaf as {@code [null]} or {@code ""}, and a list with one entry as an
 * object.
 *
 * <p>Stateless and thread-safe. Every function returns a record or throws {@link ProtocolException}
 * without a node (the transport adds which node and operation); nothing else escapes, whatever the
 * tree holds.
 */
public final class NsoJson {
  /** Deeper than any NSO action output nests {@code reload-result}. */
  private static final int MAX_SEARCH_DEPTH = 32;

  private NsoJson() {}

  /** The defaults of the {@code /high-availability} model that NSO does not print when unset. */
  public static final class Defaults {
    /** {@code ha-node/failover-primary}. */
    public static final boolean FAILOVER_PRIMARY = false;

    /**
     * {@code ha-node/nominal-role} has no YANG default; an entry without one takes part as none.
     */
    public static final HaMode NOMINAL_ROLE = HaMode.NONE;

    /** {@code settings/enable-failover}. */
    public static final boolean ENABLE_FAILOVER = false;

    /** {@code settings/start-up/assume-nominal-role}. */
    public static final boolean ASSUME_NOMINAL_ROLE = false;

    /** {@code settings/start-up/join-ha}. */
    public static final boolean JOIN_HA = false;

    /** {@code settings/reconnect-interval}, seconds. */
    public static final int RECONNECT_INTERVAL = 10;

    /** {@code settings/reconnect-attempts}. */
    public static final int RECONNECT_ATTEMPTS = 3;

    /** {@code settings/reconnect-secondaries}. */
    public static final boolean RECONNECT_SECONDARIES = true;

    /** {@code settings/consensus/enabled}. */
    public static final boolean CONSENSUS_ENABLED = true;

    private Defaults() {}
  }

  // ---- high availability
  // ------------------------------------------------------------------------------------

  /**
   * The HA state in {@code {"tailf-ncs:high-availability":{"enabled":[null],"status":{...}}}}; a
   * tree without {@code high-availability} is a node whose HA is disabled and reports nothing.
   */
  public static HaStatus haStatus(DataTree data) {
    return guard(
        "HA status",
        () -> {
          Object ha = member(data.asMap(), "high-availability");
          if (ha == null) {
            return HaStatus.disabled(Optional.empty(), false);
          }
          object(ha, "high-availability");
          Object en = member(ha, "enabled");
          boolean enabled = en != null && !Boolean.FALSE.equals(en) && !"false".equals(en);
          Object st = member(ha, "status");
          if (st == null) {
            return new HaStatus(
                enabled,
                HaMode.NONE,
                Optional.empty(),
                HaMode.NONE,
                Optional.empty(),
                Optional.empty(),
                false,
                List.of());
          }
          object(st, "status");
          HaMode mode = text(st, "mode").map(NsoJson::role).orElse(HaMode.NONE);
          HaMode assigned = text(st, "assigned-role").map(NsoJson::role).orElse(mode);
          List<ConnectedSecondary> secondaries = new ArrayList<>();
          for (Object cs : list(st, "connected-secondary")) {
            secondaries.add(
                new ConnectedSecondary(
                    nodeId(required(cs, "id", "a connected-secondary")),
                    text(cs, "address").orElse("")));
          }
          return new HaStatus(
              enabled,
              mode,
              text(st, "current-id").map(NsoJson::nodeId),
              assigned,
              text(st, "be-secondary-result"),
              text(st, "primary-id").map(NsoJson::nodeId),
              bool(st, "read-only-mode", false),
              secondaries);
        });
  }

  /**
   * The replicated HA configuration in {@code {"tailf-ncs:high-availability":{"ha-node":[...],
   * "settings":{...}}}}, with the YANG's {@link Defaults} for every leaf the tree leaves out.
   */
  public static HaConfig haConfig(DataTree data) {
    return guard(
        "HA configuration",
        () -> {
          Object ha = member(data.asMap(), "high-availability");
          if (ha != null) {
            object(ha, "high-availability");
          }
          List<HaNodeConfig> nodes = new ArrayList<>();
          for (Object n : list(ha, "ha-node")) {
            nodes.add(
                new HaNodeConfig(
                    nodeId(required(n, "id", "an ha-node")),
                    text(n, "address").orElse(""),
                    text(n, "nominal-role").map(NsoJson::role).orElse(Defaults.NOMINAL_ROLE),
                    bool(n, "failover-primary", Defaults.FAILOVER_PRIMARY)));
          }
          Object s = optionalObject(ha, "settings");
          Object startUp = optionalObject(s, "start-up");
          Object consensus = optionalObject(s, "consensus");
          HaSettings settings =
              new HaSettings(
                  bool(s, "enable-failover", Defaults.ENABLE_FAILOVER),
                  bool(startUp, "assume-nominal-role", Defaults.ASSUME_NOMINAL_ROLE),
                  bool(startUp, "join-ha", Defaults.JOIN_HA),
                  integer(s, "reconnect-interval", Defaults.RECONNECT_INTERVAL),
                  integer(s, "reconnect-attempts", Defaults.RECONNECT_ATTEMPTS),
                  bool(s, "reconnect-secondaries", Defaults.RECONNECT_SECONDARIES),
                  bool(consensus, "enabled", Defaults.CONSENSUS_ENABLED));
          return new HaConfig(nodes, settings);
        });
  }

  // ---- HA Raft
  // ---------------------------------------------------------------------------------------------

  /**
   * The HA Raft state in {@code {"tailf-ncs-high-availability-raft:ha-raft":{"status":{...}}}};
   * empty when the tree has no {@code ha-raft/status}, which is a node without HA Raft enabled.
   * Indices are {@code uint64}, which RFC 7951 writes as strings; numbers are taken too.
   */
  public static Optional<RaftStatus> raftStatus(DataTree data) {
    return guard(
        "HA Raft status",
        () -> {
          Object raft = member(data.asMap(), "ha-raft");
          if (raft == null) {
            return Optional.empty();
          }
          object(raft, "ha-raft");
          Object st = optionalObject(raft, "status");
          if (st == null) {
            return Optional.empty();
          }
          Object log = optionalObject(st, "log");
          List<RaftStatus.Replication> replications = new ArrayList<>();
          for (Object r : list(log, "replications")) {
            String node = required(r, "node", "a replication");
            replications.add(
                new RaftStatus.Replication(
                    node,
                    text(r, "state").map(NsoJson::localName).orElse(""),
                    longInteger(r, "index", 0),
                    longInteger(r, "lag", 0)));
          }
          List<RaftStatus.Certificate> certificates = new ArrayList<>();
          Object certs = optionalObject(st, "certificates");
          for (String kind : List.of("certificate", "certificate-authority")) {
            for (Object c : list(certs, kind)) {
              certificates.add(
                  new RaftStatus.Certificate(
                      kind.equals("certificate-authority"),
                      required(c, "serial-number", "a certificate"),
                      text(c, "expiration-date"),
                      text(c, "file-path").orElse("")));
            }
          }
          return Optional.of(
              new RaftStatus(
                  raftRole(required(st, "role", "HA Raft status")),
                  text(st, "leader").filter(l -> !l.isEmpty()),
                  leafList(st, "member"),
                  leafList(st, "connected-node"),
                  text(st, "local-node").orElse(""),
                  text(st, "disable-reason").or(() -> text(st, "disabled-reason")),
                  longInteger(log, "current-index", 0),
                  longInteger(log, "applied-index", 0),
                  longInteger(log, "num-entries", 0),
                  replications,
                  bool(st, "passive", false),
                  certificates));
        });
  }

  // ---- packages
  // ---------------------------------------------------------------------------------------------

  /** The loaded packages in {@code {"tailf-ncs:packages":{"package":[...]}}}; none when absent. */
  public static List<PackageStatus> packages(DataTree data) {
    return guard(
        "packages",
        () -> {
          Object pkgs = member(data.asMap(), "packages");
          List<PackageStatus> out = new ArrayList<>();
          for (Object p : list(pkgs, "package")) {
            String name = required(p, "name", "a package");
            Object os = member(p, "oper-status");
            String status = "unknown";
            Optional<String> errorInfo = Optional.empty();
            if (os instanceof Map<?, ?> om) {
              errorInfo = text(om, "error-info");
              for (Map.Entry<?, ?> e : om.entrySet()) {
                String bare = localName(String.valueOf(e.getKey()));
                if (!bare.equals("error-info")) {
                  status = bare;
                  break;
                }
              }
            } else if (os != null) {
              status = localName(scalar(os, "oper-status"));
            }
            if (errorInfo.isEmpty()) {
              errorInfo = text(p, "error-info");
            }
            out.add(
                new PackageStatus(
                    name,
                    text(p, "package-version").orElse(""),
                    status,
                    errorInfo.filter(s -> !s.isEmpty())));
          }
          return out;
        });
  }

  /**
   * The entries of the output of {@code software packages list}: {@code {"package":[{"name":
   * "dummy-1.0.tar.gz","loaded":[null]}]}}, the state as an empty leaf or as {@code state}.
   */
  public static List<SoftwarePackage> softwarePackages(DataTree output) {
    return guard(
        "software packages",
        () -> {
          List<SoftwarePackage> out = new ArrayList<>();
          for (Object p : list(output.asMap(), "package")) {
            String name = required(p, "name", "a software package");
            SoftwarePackage.State state = null;
            Optional<String> explicit = text(p, "state");
            if (explicit.isPresent()) {
              state = state(explicit.get());
            } else {
              for (SoftwarePackage.State s : SoftwarePackage.State.values()) {
                if (member(p, s.nsoName()) != null) {
                  state = s;
                  break;
                }
              }
            }
            if (state == null) {
              throw bad("software package " + name + " has no state");
            }
            out.add(new SoftwarePackage(name, state));
          }
          return out;
        });
  }

  /**
   * Every {@code reload-result} entry of the output of {@code packages reload} or {@code packages
   * ha sync}, at any depth, in order.
   */
  public static List<PackageReloadResult> reloadResults(DataTree output) {
    return guard(
        "reload results",
        () -> {
          List<PackageReloadResult> out = new ArrayList<>();
          collectReloadResults(output.asMap(), out, 0);
          return out;
        });
  }

  /**
   * The output of {@code packages ha sync and-reload}: its {@code sync-result} entries ({@code
   * node}, {@code result}, {@code info}) and its {@code reload-result}s.
   */
  public static SyncResult syncResult(DataTree output) {
    List<PackageReloadResult> reloads = reloadResults(output);
    return guard(
        "sync results",
        () -> {
          List<SyncResult.SecondarySync> secondaries = new ArrayList<>();
          for (Object r : list(output.asMap(), "sync-result")) {
            String node = required(r, "node", "a sync-result");
            secondaries.add(
                new SyncResult.SecondarySync(
                    node,
                    requiredBool(r, "result", "the sync-result of " + node),
                    text(r, "info").filter(s -> !s.isEmpty())));
          }
          return new SyncResult(secondaries, reloads);
        });
  }

  // ---- node facts
  // -------------------------------------------------------------------------------------------

  /** The version in {@code {"tailf-ncs-monitoring:version":"6.4.4"}} or under {@code ncs-state}. */
  public static NsoVersion version(DataTree data) {
    return guard(
        "NSO version",
        () -> {
          Object state = member(data.asMap(), "ncs-state");
          Optional<String> v =
              state instanceof Map<?, ?> ? text(state, "version") : text(data.asMap(), "version");
          String text = v.orElseThrow(() -> bad("no 'version'"));
          return NsoVersion.parse(text);
        });
  }

  // ---- alarms
  // -----------------------------------------------------------------------------------------------

  /**
   * The entries of NSO's alarm list, in {@code {"tailf-ncs-alarms:alarm-list":{"alarm":[...]}}}, or
   * under {@code alarms}, cleared ones included; none when the list is absent or empty. The type,
   * an identityref, is returned without its module ({@code tailf-ncs-alarms:ha-primary-down} gives
   * {@code ha-primary-down}).
   */
  public static List<Alarm> alarms(DataTree data) {
    return guard(
        "alarms",
        () -> {
          Object root = data.asMap();
          Object alarms = member(root, "alarms");
          if (alarms != null) {
            object(alarms, "alarms");
            root = alarms;
          }
          Object alarmList = member(root, "alarm-list");
          if (alarmList != null) {
            object(alarmList, "alarm-list");
          } else {
            alarmList = root; // {"tailf-ncs-alarms:alarm":[...]}
          }
          List<Alarm> out = new ArrayList<>();
          for (Object a : list(alarmList, "alarm")) {
            String type = localName(required(a, "type", "an alarm"));
            out.add(
                new Alarm(
                    text(a, "device").orElse(""),
                    type,
                    text(a, "managed-object").orElse(""),
                    text(a, "specific-problem").orElse(""),
                    text(a, "last-perceived-severity").map(NsoJson::localName).orElse(""),
                    requiredBool(a, "is-cleared", "the alarm " + type),
                    text(a, "last-status-change"),
                    text(a, "last-alarm-text").orElse("")));
          }
          return out;
        });
  }

  // ---- plumbing
  // ---------------------------------------------------------------------------------------------

  private static <T> T guard(String what, Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (ProtocolException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // a record or NodeId/HaMode/NsoVersion refused a value
      throw new ProtocolException("", "", what + ": " + e.getMessage(), e);
    }
  }

  private static ProtocolException bad(String detail) {
    return new ProtocolException("", "", detail);
  }

  private static void collectReloadResults(Object node, List<PackageReloadResult> into, int depth) {
    if (depth > MAX_SEARCH_DEPTH) {
      return;
    }
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (localName(String.valueOf(e.getKey())).equals("reload-result")) {
          for (Object r : asList(e.getValue(), "reload-result")) {
            String pkg =
                text(r, "package")
                    .or(() -> text(r, "name"))
                    .orElseThrow(() -> bad("a reload-result without a package: " + brief(r)));
            into.add(
                new PackageReloadResult(
                    pkg,
                    requiredBool(r, "result", "the reload-result of " + pkg),
                    text(r, "info").filter(s -> !s.isEmpty())));
          }
        } else {
          collectReloadResults(e.getValue(), into, depth + 1);
        }
      }
    } else if (node instanceof List<?> l) {
      for (Object x : l) {
        collectReloadResults(x, into, depth + 1);
      }
    }
  }

  /**
   * The member {@code name} of a JSON object, with or without a module prefix; null when absent or
   * when {@code obj} is not an object.
   */
  static Object member(Object obj, String name) {
    if (!(obj instanceof Map<?, ?> m)) {
      return null;
    }
    if (m.containsKey(name)) {
      return m.get(name);
    }
    String suffix = ":" + name;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (String.valueOf(e.getKey()).endsWith(suffix)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void object(Object v, String name) {
    if (!(v instanceof Map)) {
      throw bad("'" + name + "' is not an object: " + brief(v));
    }
  }

  private static Object optionalObject(Object parent, String name) {
    Object v = member(parent, name);
    if (v != null && !(v instanceof Map)) {
      throw bad("'" + name + "' is not an object: " + brief(v));
    }
    return v;
  }

  private static List<?> list(Object parent, String name) {
    Object v = member(parent, name);
    return v == null ? List.of() : asList(v, name);
  }

  private static List<?> asList(Object v, String name) {
    if (v instanceof List<?> l) {
      for (Object e : l) {
        if (!(e instanceof Map)) {
          throw bad("an entry of '" + name + "' is not an object: " + brief(e));
        }
      }
      return l;
    }
    if (v instanceof Map) {
      return List.of(v);
    }
    throw bad("'" + name + "' is not a list: " + brief(v));
  }

  /** A leaf's text; empty when absent. A container, list or empty leaf is not a text leaf. */
  private static Optional<String> text(Object parent, String name) {
    Object v = member(parent, name);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(scalar(v, name));
  }

  private static String scalar(Object v, String name) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Boolean || v instanceof Number) {
      return String.valueOf(v);
    }
    throw bad("'" + name + "' is not a leaf value: " + brief(v));
  }

  private static String required(Object obj, String name, String what) {
    return text(obj, name).orElseThrow(() -> bad(what + " without '" + name + "': " + brief(obj)));
  }

  private static boolean bool(Object parent, String name, boolean dflt) {
    Object v = member(parent, name);
    return v == null ? dflt : toBool(v, name);
  }

  private static boolean requiredBool(Object parent, String name, String what) {
    Object v = member(parent, name);
    if (v == null) {
      throw bad(what + " has no '" + name + "'");
    }
    return toBool(v, name);
  }

  private static boolean toBool(Object v, String name) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v == DataTree.EMPTY_LEAF) {
      return true;
    }
    if (v instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return t.equals("true");
      }
    }
    throw bad("'" + name + "' is not a boolean: " + brief(v));
  }

  private static int integer(Object parent, String name, int dflt) {
    Object v = member(parent, name);
    if (v == null) {
      return dflt;
    }
    try {
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        return Math.toIntExact(((Number) v).longValue());
      }
      if (v instanceof BigInteger b) {
        return b.intValueExact();
      }
      if (v instanceof BigDecimal d) {
        return d.intValueExact();
      }
      if (v instanceof String s) {
        return Integer.parseInt(s.trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ProtocolException("", "", "'" + name + "' is not a 32-bit integer: " + brief(v), e);
    }
    throw bad("'" + name + "' is not a number: " + brief(v));
  }

  private static long longInteger(Object parent, String name, long dflt) {
    Object v = member(parent, name);
    if (v == null) {
      return dflt;
    }
    try {
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        return ((Number) v).longValue();
      }
      if (v instanceof BigInteger b) {
        return b.longValueExact();
      }
      if (v instanceof BigDecimal d) {
        return d.longValueExact();
      }
      if (v instanceof String s) {
        return Long.parseLong(s.trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ProtocolException("", "", "'" + name + "' is not a 64-bit integer: " + brief(v), e);
    }
    throw bad("'" + name + "' is not a number: " + brief(v));
  }

  /** A leaf-list's values; a single value is taken as a list of one. */
  private static List<String> leafList(Object parent, String name) {
    Object v = member(parent, name);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object x : l) {
        out.add(scalar(x, name));
      }
    } else {
      out.add(scalar(v, name));
    }
    return out;
  }

  private static RaftStatus.Role raftRole(String text) {
    try {
      return RaftStatus.Role.fromNso(text);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("", "", e.getMessage(), e);
    }
  }

  private static NodeId nodeId(String text) {
    try {
      return NodeId.of(text);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("", "", e.getMessage(), e);
    }
  }

  private static HaMode role(String text) {
    try {
      return HaMode.fromNso(text);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("", "", e.getMessage(), e);
    }
  }

  private static SoftwarePackage.State state(String text) {
    try {
      return SoftwarePackage.State.fromNso(text);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("", "", "unknown software package state '" + text + "'", e);
    }
  }

  private static String localName(String qualified) {
    int colon = qualified.indexOf(':');
    return colon >= 0 ? qualified.substring(colon + 1) : qualified;
  }

  /** A short one-line rendering of a value for messages. */
  private static String brief(Object v) {
    String s =
        v instanceof Map || v instanceof List
            ? DataTree.of(Map.of("v", v)).toJson()
            : String.valueOf(v);
    s = s.replaceAll("\\s+", " ");
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
