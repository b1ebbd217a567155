package dev.nsoha.sim.node;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.ha.HaService;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.ha.PeerResult;
import dev.nsoha.sim.ha.RuleBasedHa;
import dev.nsoha.sim.pkg.PackageManager;
import dev.nsoha.sim.pkg.SoftwarePackages;
import dev.nsoha.sim.raft.HaRaft;
import dev.nsoha.sim.schema.SchemaNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's built-in actions: {@code /high-availability/*} (rule-based HA), {@code
 * /ncs-state/set-read-only}, {@code packages reload}, {@code packages ha sync}, the {@code software
 * packages} actions, and the service actions of the example packages.
 */
final class NodeActions {
  /** Reloads the packages of this node (and swaps its schema). */
  interface Reloader {
    PackageManager.ReloadOutcome reload(boolean force, boolean dryRun);

    /** Loads package archives without writing them to the load path. */
    PackageManager.ReloadOutcome reloadFrom(
        Map<String, byte[]> archives, boolean force, boolean dryRun);
  }

  private final RuleBasedHa ha;
  private final HaRaft raft;
  private final PackageManager packages;
  private final Reloader reloader;

  NodeActions(RuleBasedHa ha, HaRaft raft, PackageManager packages, Reloader reloader) {
    this.ha = ha;
    this.raft = raft;
    this.packages = packages;
    this.reloader = reloader;
  }

  /** Runs a built-in action; fills {@code c.output()}. */
  void dispatch(ActionCall c) {
    String key = c.action().module().name() + ":" + c.action().path();
    DataNode out = c.output();
    if (key.startsWith("tailf-ncs-high-availability-raft:")) {
      raftAction(c, key.substring(key.indexOf(':') + 1));
      return;
    }
    if (raft != null && key.equals("tailf-ncs-monitoring:/ncs-state/set-read-only")) {
      raft.setReadOnly(!"false".equals(c.in("mode")));
      return;
    }
    switch (key) {
      case "tailf-ncs:/high-availability/enable" -> out.setLeaf("result", ha.enable());
      case "tailf-ncs:/high-availability/disable" -> out.setLeaf("result", ha.disable());
      case "tailf-ncs:/high-availability/be-primary" -> out.setLeaf("result", ha.bePrimary());
      case "tailf-ncs:/high-availability/be-none" -> out.setLeaf("result", ha.beNone());
      case "tailf-ncs:/high-availability/be-secondary-to" ->
          out.setLeaf("result", ha.beSecondaryTo(c.in("node")));
      case "tailf-ncs:/high-availability/local-node-id" -> out.setLeaf("id", ha.localNodeId());
      case "tailf-ncs:/high-availability/read-only",
          "tailf-ncs-monitoring:/ncs-state/set-read-only" ->
          ha.setReadOnly(!"false".equals(c.in("mode")));
      case "tailf-ncs:/packages/reload" -> {
        PackageManager.ReloadOutcome o = reloader.reload(c.flag("force"), c.flag("dry-run"));
        results(out, o.results());
        if (raft != null && raft.isLeader() && o.applied()) {
          reloadRaftFollowers(c.flag("force"));
        }
      }
      case "tailf-ncs:/packages/package/redeploy" -> out.setLeaf("result", "true");
      case "tailf-ncs:/packages/ha/sync" -> haSync(c);
      case "tailf-ncs:/software/packages/list" -> {
        SchemaNode ls = out.schema().child("package");
        List<SoftwarePackages.SoftwarePackage> l = packages.software().list();
        if (!l.isEmpty()) {
          DataNode list = out.getOrCreate(ls);
          for (SoftwarePackages.SoftwarePackage p : l) {
            list.getOrCreateEntry(List.of(p.name())).setLeaf(p.state(), "");
          }
        }
      }
      case "tailf-ncs:/software/packages/fetch" ->
          packages.software().fetch(c.in("package-from-file"));
      case "tailf-ncs:/software/packages/install" ->
          out.setLeaf(
              "installed",
              packages.software().install(c.in("package"), c.flag("replace-existing")));
      case "tailf-ncs:/software/packages/deinstall" ->
          packages.software().deinstall(c.in("package"));
      default -> {
        if (c.action().name().equals("check-sync")) {
          out.setLeaf("in-sync", "true");
        } else if (!c.action().name().equals("re-deploy")) {
          throw new NodeRefusal(
              NodeRefusal.Kind.OPERATION_FAILED, "no registration found for action " + key);
        }
      }
    }
  }

  private void raftAction(ActionCall c, String path) {
    if (raft == null) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "HA Raft is not enabled (/ncs-config/ha-raft)");
    }
    switch (path) {
      case "/ha-raft/create-cluster" -> {
        DataNode m = c.input().child("member");
        List<String> members = new ArrayList<>();
        if (m != null) {
          members.addAll(m.values());
        }
        raft.createCluster(members);
      }
      case "/ha-raft/adjust-membership" -> {
        String add = c.in("add-node");
        String remove = c.in("remove-node");
        if (add == null && remove == null) {
          throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "missing element: add-node");
        }
        raft.adjustMembership(add, remove);
      }
      case "/ha-raft/handover" -> raft.handover(c.in("to-member"));
      case "/ha-raft/reset" -> raft.reset();
      case "/ha-raft/disconnect" -> raft.disconnect(c.in("node"));
      case "/ha-raft/read-only" -> raft.setReadOnly(!"false".equals(c.in("mode")));
      case "/ha-raft/network/ping" ->
          c.output().setLeaf("result", raft.network().ping(c.in("node")));
      case "/ha-raft/network/resolve-address" ->
          c.output()
              .setLeaf("result", raft.network().resolveAddress(c.in("node"), c.in("ip-version")));
      case "/ha-raft/network/scan-ports" -> {
        DataNode p = c.input().child("port");
        List<Integer> ports = new ArrayList<>();
        if (p != null) {
          for (String v : p.values()) {
            ports.add(Integer.parseInt(v));
          }
        }
        Map<Integer, Boolean> open =
            raft.network().scanPorts(c.in("node"), ports, c.in("ip-version"));
        DataNode list = c.output().getOrCreate(c.output().schema().child("result"));
        for (Map.Entry<Integer, Boolean> e : open.entrySet()) {
          list.getOrCreateEntry(List.of(Integer.toString(e.getKey())))
              .setLeaf("status", e.getValue() ? "open" : "closed");
        }
      }
      default ->
          throw new NodeRefusal(
              NodeRefusal.Kind.OPERATION_FAILED, "no registration found for action " + path);
    }
  }

  private static void results(DataNode out, List<PackageManager.Result> rs) {
    if (rs.isEmpty()) {
      return;
    }
    DataNode list = out.getOrCreate(out.schema().child("reload-result"));
    for (PackageManager.Result r : rs) {
      DataNode e = list.getOrCreateEntry(List.of(r.pkg()));
      e.setLeaf("result", Boolean.toString(r.result()));
      if (r.info() != null) {
        e.setLeaf("info", r.info());
      }
    }
  }

  /**
   * {@code packages reload} on a HA Raft leader: the followers load the leader's packages too, but
   * their load paths keep the old ones (NSO's documented behaviour; {@code packages ha sync
   * and-reload} is the way to update them). A follower that fails is written to the raft log.
   */
  private void reloadRaftFollowers(boolean force) {
    try {
      raft.loadPackages(packages.archives().pack(), force, Duration.ofMinutes(2));
    } catch (IOException e) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "cannot pack the packages: " + e.getMessage());
    }
  }

  private void haSync(ActionCall c) {
    HaService svc;
    boolean prevRo;
    if (raft != null) {
      if (!raft.isLeader()) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED,
            "packages ha sync can only run on the HA Raft leader (role is "
                + raft.status().role()
                + ")");
      }
      svc = raft;
      prevRo = raft.adminReadOnly();
    } else {
      HaState st = ha.status();
      if (st.mode() != HaRole.PRIMARY) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED,
            "packages ha sync can only run on the HA primary (mode is " + st.mode() + ")");
      }
      svc = ha;
      prevRo = st.adminReadOnly();
    }
    DataNode reloadOpts = c.inContainer("and-reload");
    if (reloadOpts == null) {
      reloadOpts = c.inContainer("and-add");
    }
    boolean reload = reloadOpts != null;
    boolean force = reload && reloadOpts.child("force") != null;
    boolean dryRun = reload && reloadOpts.child("dry-run") != null;
    if (reload) {
      svc.setReadOnly(true);
    }
    boolean ok = false;
    try {
      Map<String, byte[]> archives;
      try {
        archives = packages.archives().pack();
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "cannot pack the packages: " + e.getMessage());
      }
      Map<String, PeerResult> synced = svc.syncPackages(archives, Duration.ofMinutes(2));
      Map<String, PeerResult> reloaded = new LinkedHashMap<>();
      if (reload) {
        reloaded = svc.reloadPackages(force, dryRun, Duration.ofMinutes(2));
      }
      ok = true;
      DataNode sr = null;
      for (Map.Entry<String, PeerResult> e : synced.entrySet()) {
        PeerResult r = e.getValue();
        PeerResult rr = reloaded.get(e.getKey());
        boolean good = r.ok() && (rr == null || rr.ok());
        String info = !r.ok() ? r.info() : rr != null && !rr.ok() ? rr.info() : null;
        ok &= good;
        if (sr == null) {
          sr = c.output().getOrCreate(c.output().schema().child("sync-result"));
        }
        DataNode en = sr.getOrCreateEntry(List.of(e.getKey()));
        en.setLeaf("result", Boolean.toString(good));
        if (info != null) {
          en.setLeaf("info", info);
        }
      }
      if (reload) {
        PackageManager.ReloadOutcome o = reloader.reload(force, dryRun);
        results(c.output(), o.results());
        ok &= o.results().stream().allMatch(PackageManager.Result::result);
      }
    } finally {
      if (reload) {
        svc.setReadOnly(ok && prevRo);
      }
    }
  }

  // ------------------------------------------------------------------ secondary side of ha sync

  /** Stores the package archives the primary sent. */
  PeerResult receiveSync(Map<String, byte[]> archives) {
    try {
      packages.archives().receive(archives);
      return PeerResult.success();
    } catch (IOException e) {
      return PeerResult.failure("cannot store the packages: " + e.getMessage());
    }
  }

  /** Reloads the packages as the primary asked; fails with the packages that did not load. */
  PeerResult reloadForPrimary(boolean force, boolean dryRun) {
    return reloadOutcome(() -> reloader.reload(force, dryRun));
  }

  /** Loads the HA Raft leader's archives, leaving the load path as it is. */
  PeerResult loadForLeader(Map<String, byte[]> archives, boolean force, boolean dryRun) {
    return reloadOutcome(() -> reloader.reloadFrom(archives, force, dryRun));
  }

  private static PeerResult reloadOutcome(Supplier<PackageManager.ReloadOutcome> run) {
    try {
      PackageManager.ReloadOutcome o = run.get();
      List<String> bad = new ArrayList<>();
      o.results().stream()
          .filter(x -> !x.result())
          .forEach(x -> bad.add(x.pkg() + ": " + x.info()));
      return bad.isEmpty() ? PeerResult.success() : PeerResult.failure(String.join("; ", bad));
    } catch (NodeRefusal e) {
      return PeerResult.failure(e.getMessage());
    }
  }
}
