package dev.nsoha.scenarios;

import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ClusterSpec.NodeSpec;
import dev.nsoha.core.model.HaFlavour;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.Parallel;
import dev.nsoha.core.plans.PackageFile;
import dev.nsoha.core.preflight.HaAlarmCheck;
import dev.nsoha.core.preflight.PreflightCheck;
import dev.nsoha.core.preflight.PreflightItem;
import dev.nsoha.core.preflight.PreflightItem.Kind;
import dev.nsoha.core.preflight.PreflightRequest;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The go/no-go checks before a run, which read and change nothing: every node reachable with the
 * credentials, in HA in its nominal role with every secondary connected, every node on one version,
 * no HA alarm raised on any node; the target install newer than what runs (or {@code
 * --allow-downgrade}); the host checks each {@link NodeHost#preflight} adds (room for backups, the
 * packages built with the target in a scratch directory); and for a package upgrade, each file a
 * package archive of the name and version its file name says, for the NSO release that runs.
 */
public final class Preflight {
  private final ClusterRuntime cluster;
  private final List<PreflightCheck> checks = new ArrayList<>();
  private final List<PreflightItem> items = new ArrayList<>();
  private NsoVersion running;

  public Preflight(ClusterRuntime cluster) {
    this.cluster = cluster;
  }

  /** Adds a check, e.g. a host-kind's own; it runs after the built-in ones. */
  public Preflight add(PreflightCheck check) {
    checks.add(check);
    return this;
  }

  /** The rows so far. */
  public List<PreflightItem> items() {
    return List.copyOf(items);
  }

  /** The checks of the cluster itself: reachable, HA roles, one version, no HA alarm. */
  public Preflight cluster() {
    ClusterSpec spec = cluster.spec();
    if (spec.raft().isPresent()) {
      return raftCluster();
    }
    Map<NodeId, HaStatus> ha = new LinkedHashMap<>();
    Map<NodeId, NsoVersion> versions = new LinkedHashMap<>();
    Map<NodeId, List<PreflightItem>> alarms = new LinkedHashMap<>();
    for (NodeSpec n : spec.nodes()) {
      String subject = n.id() + " " + n.address();
      try {
        NsoVersion v = cluster.client(n.id()).version();
        HaStatus st = cluster.client(n.id()).haStatus();
        if (!st.enabled() && cluster.client(n.id()).raftStatus().isPresent()) {
          items.add(wrongMode(n, HaFlavour.RAFT, HaFlavour.RULE_BASED));
          continue;
        }
        List<PreflightItem> alarmRows = alarmRows(n.id());
        versions.put(n.id(), v);
        ha.put(n.id(), st);
        alarms.put(n.id(), alarmRows);
        items.add(PreflightItem.go("reachable", subject, "NSO " + v + ", " + st.summary()));
      } catch (UnreachableException | AuthenticationException e) {
        items.add(
            PreflightItem.noGo(
                "reachable",
                subject,
                e.getMessage(),
                "start the node or fix its address, port or credentials",
                Kind.UNREACHABLE));
      } catch (NsoException e) {
        items.add(
            PreflightItem.noGo(
                "reachable",
                subject,
                e.getMessage(),
                "check the node's northbound interface",
                Kind.NOT_READY));
      }
    }
    NodeId p = spec.primary().id();
    for (NodeSpec n : spec.nodes()) {
      HaStatus st = ha.get(n.id());
      if (st == null) {
        continue;
      }
      String want = n.nominalRole() == HaMode.PRIMARY ? "primary" : "secondary";
      boolean roleOk = st.enabled() && st.mode() == n.nominalRole();
      List<String> missing = new ArrayList<>();
      if (roleOk && n.nominalRole() == HaMode.PRIMARY) {
        for (NodeSpec s : spec.secondaries()) {
          if (!st.hasConnectedSecondary(s.id())) {
            missing.add(s.id().value());
          }
        }
      }
      if (!roleOk) {
        items.add(
            PreflightItem.noGo(
                "ha-role",
                n.id().value(),
                "expected HA enabled in its nominal role " + want + ", found " + st.summary(),
                "restore the nominal roles (enable HA on "
                    + p
                    + " as primary, then on the secondaries), or finish or roll back an"
                    + " interrupted run",
                Kind.NOT_READY));
      } else if (!missing.isEmpty()) {
        items.add(
            PreflightItem.noGo(
                "ha-role",
                n.id().value(),
                "primary, but secondaries " + missing + " are not connected",
                "enable HA on " + String.join(", ", missing) + " so that they join " + p,
                Kind.NOT_READY));
      } else {
        items.add(PreflightItem.go("ha-role", n.id().value(), st.summary()));
      }
    }
    if (!versions.isEmpty()) {
      NsoVersion first = versions.values().iterator().next();
      if (versions.values().stream().allMatch(v -> v.sameRelease(first))) {
        running = first;
        items.add(PreflightItem.go("same-version", "cluster", "every node on NSO " + running));
      } else {
        items.add(
            PreflightItem.noGo(
                "same-version",
                "cluster",
                "nodes run different versions: " + versions,
                "finish or roll back the interrupted upgrade first",
                Kind.NOT_READY));
      }
    }
    alarms.values().forEach(items::addAll);
    return this;
  }

  /** A node that runs the other HA mechanism than the command was told: bad input, exit 2. */
  private static PreflightItem wrongMode(NodeSpec n, HaFlavour found, HaFlavour expected) {
    return PreflightItem.noGo(
        "ha-mode",
        n.id() + " " + n.address(),
        "the node runs "
            + (found == HaFlavour.RAFT ? "HA Raft" : found.label() + " HA")
            + ", but the command was given a "
            + (expected == HaFlavour.RAFT ? "HA Raft" : "rule-based HA")
            + " cluster",
        found == HaFlavour.RAFT
            ? "run the command with --ha raft"
            : "run the command without --ha raft (or with --ha rule)",
        Kind.INPUT);
  }

  /** Raft alarm types that stop an upgrade: quorum lost, or a member down. */
  private static final Set<String> RAFT_ALARMS =
      Set.of("ha-raft-quorum-lost", "ha-primary-down", "ha-secondary-down");

  /** How long the members' certificates must still be valid: longer than any run takes. */
  static final Duration CERTIFICATE_MARGIN = Duration.ofDays(1);

  /**
   * The checks of an HA Raft cluster: every member reachable and running HA Raft, one leader with
   * every other member connected and its replication in-sync, one version, no Raft alarm raised,
   * every certificate valid for at least {@link #CERTIFICATE_MARGIN}.
   */
  private Preflight raftCluster() {
    ClusterSpec spec = cluster.spec();
    Map<NodeId, NsoVersion> versions = new LinkedHashMap<>();
    Map<NodeId, RaftStatus> raft = new LinkedHashMap<>();
    for (NodeSpec n : spec.nodes()) {
      String subject = n.id() + " " + n.address();
      try {
        NodeClient c = cluster.client(n.id());
        NsoVersion v = c.version();
        versions.put(n.id(), v);
        Optional<RaftStatus> r = c.raftStatus();
        if (r.isEmpty()) {
          HaFlavour found = c.haStatus().enabled() ? HaFlavour.RULE_BASED : HaFlavour.NONE;
          items.add(wrongMode(n, found, HaFlavour.RAFT));
          continue;
        }
        raft.put(n.id(), r.get());
        items.add(PreflightItem.go("reachable", subject, "NSO " + v + ", " + r.get().summary()));
        List<Alarm> raised =
            c.alarms().stream().filter(a -> a.raised() && RAFT_ALARMS.contains(a.type())).toList();
        if (raised.isEmpty()) {
          items.add(PreflightItem.go("raft-alarms", n.id().value(), "no HA Raft alarm raised"));
        }
        for (Alarm a : raised) {
          items.add(
              PreflightItem.noGo(
                  "raft-alarms",
                  n.id().value(),
                  a.summary(),
                  "bring every member back and clear the alarm (NSO never clears"
                      + " ha-raft-quorum-lost by itself) before the upgrade",
                  Kind.NOT_READY));
        }
        Instant until = Instant.now().plus(CERTIFICATE_MARGIN);
        for (RaftStatus.Certificate cert : r.get().certificates()) {
          Optional<OffsetDateTime> exp = cert.expires();
          if (exp.isPresent() && exp.get().toInstant().isBefore(until)) {
            items.add(
                PreflightItem.noGo(
                    "certificates",
                    n.id().value(),
                    cert.filePath() + " expires " + cert.expirationDate().orElse("?"),
                    "renew the member's HA Raft certificates before the upgrade",
                    Kind.NOT_READY));
          }
        }
      } catch (UnreachableException | AuthenticationException e) {
        items.add(
            PreflightItem.noGo(
                "reachable",
                subject,
                e.getMessage(),
                "start the node or fix its address, port or credentials",
                Kind.UNREACHABLE));
      } catch (NsoException e) {
        items.add(
            PreflightItem.noGo(
                "reachable",
                subject,
                e.getMessage(),
                "check the node's northbound interface",
                Kind.NOT_READY));
      }
    }
    List<NodeId> leaders =
        raft.entrySet().stream()
            .filter(e -> e.getValue().isLeader())
            .map(Map.Entry::getKey)
            .toList();
    if (raft.size() == spec.nodes().size()) {
      if (leaders.size() != 1) {
        items.add(
            PreflightItem.noGo(
                "raft-leader",
                "cluster",
                "expected one leader, found " + leaders,
                "wait for an election, or form the cluster (ha-raft create-cluster)",
                Kind.NOT_READY));
      } else {
        RaftStatus l = raft.get(leaders.get(0));
        List<String> problems = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
          String name = spec.memberName(n.id());
          if (n.id().equals(leaders.get(0))) {
            continue;
          }
          if (l.connectedNodes().stream().noneMatch(x -> RaftStatus.sameMember(x, name))) {
            problems.add(name + " not connected");
          } else if (l.replications().stream()
              .noneMatch(x -> RaftStatus.sameMember(x.node(), name) && x.inSync())) {
            problems.add(name + " not in-sync");
          }
        }
        if (problems.isEmpty()) {
          items.add(
              PreflightItem.go("raft-leader", leaders.get(0).value(), "leader; " + l.summary()));
        } else {
          items.add(
              PreflightItem.noGo(
                  "raft-leader",
                  leaders.get(0).value(),
                  String.join(", ", problems) + " (" + l.summary() + ")",
                  "bring every member back into the cluster before the upgrade",
                  Kind.NOT_READY));
        }
      }
    }
    if (!versions.isEmpty()) {
      NsoVersion first = versions.values().iterator().next();
      if (versions.values().stream().allMatch(v -> v.sameRelease(first))) {
        running = first;
        items.add(PreflightItem.go("same-version", "cluster", "every member on NSO " + running));
      } else {
        items.add(
            PreflightItem.noGo(
                "same-version",
                "cluster",
                "members run different versions: " + versions,
                "finish or roll back the interrupted upgrade first",
                Kind.NOT_READY));
      }
    }
    return this;
  }

  /** The alarm rows of a reachable node: a raised HA alarm is no-go, other alarms warn. */
  private List<PreflightItem> alarmRows(NodeId id) {
    try {
      return HaAlarmCheck.rows(id.value(), cluster.client(id).alarms());
    } catch (UnreachableException | AuthenticationException e) {
      throw e;
    } catch (NsoException e) {
      return List.of(HaAlarmCheck.unreadable(id.value(), e.getMessage()));
    }
  }

  /** The target install must be newer than what runs, unless a downgrade is allowed. */
  public Preflight target(Install target, boolean allowDowngrade) {
    if (running == null) {
      return this;
    }
    int c = target.version().compareTo(running);
    String subject = target.ncsDir().toString();
    if (c > 0) {
      items.add(
          PreflightItem.go(
              "target", subject, "NSO " + target.version() + " is newer than NSO " + running));
    } else if (target.version().sameRelease(running)) {
      items.add(
          PreflightItem.noGo(
              "target",
              subject,
              "NSO " + target.version() + " is what the cluster runs",
              "give the newer install with -n",
              Kind.INPUT));
    } else if (allowDowngrade) {
      items.add(
          PreflightItem.go(
              "target",
              subject,
              "NSO "
                  + target.version()
                  + " is older than NSO "
                  + running
                  + " (--allow-downgrade)"));
    } else {
      items.add(
          PreflightItem.noGo(
              "target",
              subject,
              "NSO " + target.version() + " is older than NSO " + running,
              "give a newer install with -n, or --allow-downgrade if you mean it",
              Kind.INPUT));
    }
    return this;
  }

  /** Every host's own checks for {@code request}, on all hosts at once, listed in node order. */
  public Preflight hosts(PreflightRequest request) {
    List<NodeHost> hosts = new ArrayList<>();
    for (NodeSpec n : cluster.spec().nodes()) {
      try {
        hosts.add(cluster.host(n.id()));
      } catch (IllegalStateException e) {
        // not managed on this machine: nothing to check here
      }
    }
    Map<NodeHost, List<PreflightItem>> found = new ConcurrentHashMap<>();
    Parallel.forEach(hosts, 0, h -> found.put(h, h.preflight(request)));
    hosts.forEach(h -> items.addAll(found.get(h)));
    return this;
  }

  /** Each package file: a package archive of the name and version its name says, for NSO here. */
  public Preflight packageFiles(List<PackageFile> files) {
    for (PackageFile f : files) {
      items.add(packageFile(f, running));
    }
    return this;
  }

  private static final Pattern NAME = Pattern.compile("<name>\\s*([^<\\s]+)\\s*</name>");
  private static final Pattern VERSION =
      Pattern.compile("<package-version>\\s*([^<\\s]+)\\s*</package-version>");
  private static final Pattern MIN =
      Pattern.compile("<ncs-min-version>\\s*([^<\\s]+)\\s*</ncs-min-version>");
  private static final Pattern FXS_VERSION =
      Pattern.compile("(?m)^#nso-sim-fxs \\d+\\s*\\nncs-version: (\\S+)");

  static PreflightItem packageFile(PackageFile f, NsoVersion running) {
    String check = "package-file";
    String subject = f.file().toString();
    if (!Files.isRegularFile(f.file())) {
      return PreflightItem.noGo(
          check, subject, "no such file", "give the path of the package archive", Kind.INPUT);
    }
    Map<String, byte[]> entries;
    try {
      entries = readTarGz(f.file());
    } catch (IOException e) {
      return PreflightItem.noGo(
          check,
          subject,
          "not a gzipped tar archive: " + e.getMessage(),
          "give a package archive as ncs-make-package or 'make' in the package builds it",
          Kind.INPUT);
    }
    Optional<Map.Entry<String, byte[]>> meta =
        entries.entrySet().stream()
            .filter(e -> e.getKey().matches("[^/]+/package-meta-data\\.xml"))
            .findFirst();
    if (meta.isEmpty()) {
      return PreflightItem.noGo(
          check,
          subject,
          "no <package>/package-meta-data.xml in the archive",
          "give an NSO package archive",
          Kind.INPUT);
    }
    String xml = new String(meta.get().getValue(), StandardCharsets.UTF_8);
    String name = group(NAME, xml).orElse("?");
    String version = group(VERSION, xml).orElse("?");
    if (!name.equals(f.packageName()) || !version.equals(f.version())) {
      return PreflightItem.noGo(
          check,
          subject,
          "the archive holds package "
              + name
              + " version "
              + version
              + ", its file name says "
              + f.packageName()
              + " "
              + f.version(),
          "rename the file to " + name + "-" + version + ".tar.gz or give the right archive",
          Kind.INPUT);
    }
    if (running != null) {
      Optional<String> min = group(MIN, xml);
      if (min.isPresent() && NsoVersion.parse(min.get()).compareTo(running) > 0) {
        return PreflightItem.noGo(
            check,
            subject,
            "needs NSO " + min.get() + " or later (ncs-min-version), the cluster runs " + running,
            "give a version of the package for NSO " + running,
            Kind.INPUT);
      }
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        if (!e.getKey().endsWith(".fxs")) {
          continue;
        }
        Matcher m =
            FXS_VERSION.matcher(
                new String(
                    e.getValue(), 0, Math.min(e.getValue().length, 200), StandardCharsets.UTF_8));
        if (m.find() && !NsoVersion.parse(m.group(1)).majorMinor().equals(running.majorMinor())) {
          return PreflightItem.noGo(
              check,
              subject,
              e.getKey() + " is compiled for NSO " + m.group(1) + ", the cluster runs " + running,
              "rebuild the package with NSO " + running.majorMinor(),
              Kind.INPUT);
        }
      }
    }
    return PreflightItem.go(check, subject, "package " + name + " " + version);
  }

  private static Optional<String> group(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The regular files of a {@code .tar.gz}, by path (ustar, GNU and pax archives, read with Apache
   * Commons Compress); a file over 1 MiB is listed with no content, since the checks read only the
   * small metadata files.
   */
  static Map<String, byte[]> readTarGz(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream gz = new GZIPInputStream(Files.newInputStream(file));
        TarArchiveInputStream in = new TarArchiveInputStream(gz, StandardCharsets.UTF_8.name())) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte type = e.getLinkFlag();
        if (type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM) {
          continue;
        }
        String path = e.getName();
        if (path.startsWith("./")) {
          path = path.substring(2);
        }
        out.put(path, e.getSize() <= 1 << 20 ? in.readAllBytes() : new byte[0]);
      }
    }
    return out;
  }

  /** Runs the added checks; returns whether every row may go. */
  public boolean runExtra() {
    for (PreflightCheck c : checks) {
      items.addAll(c.run());
    }
    return go();
  }

  public boolean go() {
    return items.stream().allMatch(PreflightItem::ok);
  }

  /** The exit code of a no-go: 3 unreachable, 2 bad input, 5 not ready; 0 when everything goes. */
  public int exitCode() {
    if (go()) {
      return ExitCodes.OK;
    }
    if (items.stream().anyMatch(i -> !i.ok() && i.kind() == Kind.UNREACHABLE)) {
      return ExitCodes.UNREACHABLE;
    }
    if (items.stream().anyMatch(i -> !i.ok() && i.kind() == Kind.INPUT)) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.NOT_READY;
  }

  /** Prints the go/no-go table and its verdict. */
  public void print(String what, PrintWriter out) {
    out.println("Preflight for " + what + ":");
    for (PreflightItem i : items) {
      out.printf(
          "  %-6s %-15s %-12s %s%n",
          i.warning() ? "WARN" : i.ok() ? "GO" : "NO-GO", i.check(), i.subject(), i.detail());
      String label = i.warning() ? "note:" : "fix:";
      i.fix().ifPresent(f -> out.printf("  %-6s %-15s %-12s %s %s%n", "", "", "", label, f));
    }
    long bad = items.stream().filter(i -> !i.ok()).count();
    out.println(
        bad == 0
            ? "Preflight: go (" + items.size() + " checks)"
            : "Preflight: no-go, "
                + bad
                + " of "
                + items.size()
                + " checks failed; nothing was changed.");
    out.flush();
  }
}
