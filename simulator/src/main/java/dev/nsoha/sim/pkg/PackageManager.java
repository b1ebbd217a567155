package dev.nsoha.sim.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.schema.BuiltinSchema;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.schema.YangException;
import dev.nsoha.sim.schema.YangModule;
import dev.nsoha.sim.schema.YangParser;
import dev.nsoha.sim.util.AtomicFiles;
import dev.nsoha.sim.util.Tar;
import dev.nsoha.sim.util.Versions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages per NSO's loading model: the load path (directories and {@code *.tar.gz}), the private
 * copy under {@code <state-dir>/packages-in-use/1}, {@code packages reload}, the fxs version check,
 * {@code ncs-min-version}, the system-install store and {@code software packages} actions, and the
 * archive exchange of {@code packages ha sync}. Thread-safe (synchronized).
 */
public final class PackageManager {
  private static final Logger log = LoggerFactory.getLogger(PackageManager.class);
  private static final String META_NS = "http://tail-f.com/ns/ncs-packages";

  /** One {@code reload-result} entry. */
  public record Result(String pkg, boolean result, String info) {}

  /** The outcome of a reload. */
  public record ReloadOutcome(
      List<Result> results, Schema schema, List<String> droppedModules, boolean applied) {}

  private final String label;
  private final String version;
  private final NcsConf conf;
  private final Path ncsDir;
  private final AlarmManager alarms;
  private final Path inUse;
  private final SoftwarePackages software;
  private final PackageArchives archives;
  private List<PackageInfo> packages = List.of();

  public PackageManager(
      String label, String version, NcsConf conf, Path ncsDir, AlarmManager alarms) {
    this.label = label;
    this.version = version;
    this.conf = conf;
    this.ncsDir = ncsDir;
    this.alarms = alarms;
    this.inUse = conf.stateDir().resolve("packages-in-use");
    this.software = new SoftwarePackages(label, conf, ncsDir, this);
    this.archives = new PackageArchives(label, conf, ncsDir, this);
  }

  /**
   * Loads the packages at node start: from the private copy, or (first start, or {@code reload})
   * from the load path.
   *
   * @return the schema with the loaded packages' modules
   * @throws IOException when a package requires a newer NSO ({@code Failed to load NCS package: …})
   */
  public synchronized Schema start(boolean reload) throws IOException {
    if (reload || !Files.isDirectory(inUse.resolve("1"))) {
      log.info(
          "{}: loading packages from the load path{}",
          label,
          reload ? " (package reload requested)" : "");
      Path stage = stage(conf.loadPath());
      List<PackageInfo> loaded = load(stage.resolve("1"));
      String minErr = minVersionError(loaded);
      if (minErr != null) {
        Tar.deleteTree(stage);
        throw new IOException(minErr);
      }
      Tar.deleteTree(inUse);
      Files.move(stage, inUse);
      packages = relocate(loaded, stage, inUse);
    } else {
      packages = load(inUse.resolve("1"));
    }
    updateAlarms(packages);
    return schema();
  }

  /** The schema for the current packages. */
  public synchronized Schema schema() {
    return Schema.withPackages(modules());
  }

  /** Every package (loaded or failed). */
  public synchronized List<PackageInfo> packages() {
    return packages;
  }

  /** Modules of the packages that are up. */
  public synchronized List<YangModule> modules() {
    List<YangModule> out = new ArrayList<>();
    for (PackageInfo p : packages) {
      out.addAll(p.modules());
    }
    return out;
  }

  /** Sorted {@code module:digest} of every loaded fxs (the HA fxs check). */
  public synchronized List<String> fxs() {
    List<String> out = new ArrayList<>();
    for (PackageInfo p : packages) {
      out.addAll(p.digests());
    }
    out.sort(null);
    return out;
  }

  /**
   * {@code packages reload}: re-reads the load path and loads it (unless {@code dryRun}).
   *
   * @param modulesWithData modules that hold config now (a removed one needs {@code force})
   * @throws NodeRefusal OPERATION_FAILED for {@code ncs-min-version} violations, a deletion without
   *     force, or an unreadable load path
   */
  public synchronized ReloadOutcome reload(
      boolean force, boolean dryRun, List<String> modulesWithData) {
    return reload(conf.loadPath(), force, dryRun, modulesWithData);
  }

  /**
   * Loads the given package archives (file name to bytes) as a reload does, without touching the
   * load path: what a HA Raft follower does when its leader ran {@code packages reload}, which
   * leaves the follower's load path stale.
   *
   * @throws NodeRefusal as {@link #reload(boolean, boolean, List)}
   */
  public synchronized ReloadOutcome reloadFrom(
      Map<String, byte[]> archives, boolean force, boolean dryRun, List<String> modulesWithData) {
    Path dir = conf.stateDir().resolve("packages-from-leader");
    try {
      Tar.deleteTree(dir);
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> a : archives.entrySet()) {
        AtomicFiles.write(dir.resolve(Path.of(a.getKey()).getFileName().toString()), a.getValue());
      }
    } catch (IOException e) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "cannot store the leader's packages: " + e);
    }
    try {
      return reload(List.of(dir), force, dryRun, modulesWithData);
    } finally {
      try {
        Tar.deleteTree(dir);
      } catch (IOException e) {
        log.warn("{}: cannot remove {}: {}", label, dir, e.toString());
      }
    }
  }

  private ReloadOutcome reload(
      List<Path> from, boolean force, boolean dryRun, List<String> modulesWithData) {
    Path stage;
    List<PackageInfo> loaded;
    try {
      stage = stage(from);
      loaded = load(stage.resolve("1"));
    } catch (IOException e) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "Failed to read the load path: " + e.getMessage());
    }
    try {
      String minErr = minVersionError(loaded);
      if (minErr != null) {
        throw new NodeRefusal(NodeRefusal.Kind.OPERATION_FAILED, minErr);
      }
      List<String> newModules = new ArrayList<>();
      loaded.forEach(p -> p.modules().forEach(m -> newModules.add(m.name())));
      List<String> oldModules = new ArrayList<>();
      packages.forEach(p -> p.modules().forEach(m -> oldModules.add(m.name())));
      List<String> dropped = new ArrayList<>();
      for (String m : oldModules) {
        if (!newModules.contains(m)
            && modulesWithData.contains(m)
            && !BuiltinSchema.MODULES.contains(m)) {
          dropped.add(m);
        }
      }
      if (!dropped.isEmpty() && !force) {
        StringBuilder why = new StringBuilder();
        for (PackageInfo p : loaded) {
          if (!p.up()) {
            why.append('\n')
                .append("Package ")
                .append(p.name())
                .append(" failed to load: ")
                .append(p.errorInfo());
          }
        }
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED,
            "The following modules will be deleted by upgrade:\n"
                + String.join("\n", dropped)
                + "\nIf this is intended, proceed with 'force' parameter."
                + why);
      }
      List<Result> results = new ArrayList<>();
      for (PackageInfo p : loaded) {
        results.add(new Result(p.name(), p.up(), p.errorInfo()));
      }
      if (dryRun) {
        return new ReloadOutcome(results, schema(), dropped, false);
      }
      Tar.deleteTree(inUse);
      Files.move(stage, inUse);
      packages = relocate(loaded, stage, inUse);
      updateAlarms(packages);
      log.info("{}: packages reloaded: {}", label, results);
      return new ReloadOutcome(results, schema(), dropped, true);
    } catch (IOException e) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "package reload failed: " + e.getMessage());
    } finally {
      try {
        Tar.deleteTree(stage);
      } catch (IOException e) {
        log.warn("{}: cannot remove {}: {}", label, stage, e.toString());
      }
    }
  }

  private static List<PackageInfo> relocate(List<PackageInfo> ps, Path from, Path to) {
    List<PackageInfo> out = new ArrayList<>();
    for (PackageInfo p : ps) {
      Path d = to.resolve(from.relativize(p.directory()).toString());
      out.add(
          new PackageInfo(
              p.name(),
              p.version(),
              p.description(),
              p.ncsMinVersions(),
              d,
              p.source(),
              p.buildVersion(),
              p.modules(),
              p.digests(),
              p.errorInfo()));
    }
    return out;
  }

  private String minVersionError(List<PackageInfo> ps) {
    for (PackageInfo p : ps) {
      for (String min : p.ncsMinVersions()) {
        if (Versions.compare(min, version) > 0) {
          return "Failed to load NCS package: " + p.name() + "; requires NCS version " + min;
        }
      }
    }
    return null;
  }

  private void updateAlarms(List<PackageInfo> ps) {
    for (PackageInfo p : ps) {
      String mo = "/ncs:packages/ncs:package[ncs:name='" + p.name() + "']";
      if (p.up()) {
        alarms.clear("package-load-failure", mo);
      } else {
        alarms.raise("package-load-failure", mo, "critical", p.errorInfo());
      }
    }
  }

  /**
   * Copies every package of {@code from} (the load path) into a fresh staging dir ({@code
   * <stage>/1/<name>}).
   */
  private Path stage(List<Path> from) throws IOException {
    Path stage = conf.stateDir().resolve("packages-in-use.new");
    Tar.deleteTree(stage);
    Path one = stage.resolve("1");
    Files.createDirectories(one);
    Map<String, String> sources = new LinkedHashMap<>();
    for (Path dir : from) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path e : sorted(dir)) {
        String fn = e.getFileName().toString();
        Path tmp = stage.resolve("tmp");
        Path pkgDir;
        if (Files.isDirectory(e) && Files.exists(e.resolve("package-meta-data.xml"))) {
          Tar.deleteTree(tmp);
          Tar.copyTree(e, tmp.resolve(fn));
          pkgDir = tmp.resolve(fn);
        } else if (fn.endsWith(".tar.gz") && Files.isRegularFile(e)) {
          Tar.deleteTree(tmp);
          List<String> tops = Tar.extract(e, tmp);
          if (tops.size() != 1
              || !Files.exists(tmp.resolve(tops.get(0)).resolve("package-meta-data.xml"))) {
            log.warn(
                "{}: {} is not a package archive (one top directory with package-meta-data.xml)",
                label,
                e);
            continue;
          }
          pkgDir = tmp.resolve(tops.get(0));
        } else {
          continue;
        }
        String name = PackageMeta.read(pkgDir).name();
        if (sources.containsKey(name)) {
          throw new IOException(
              "Failed to load NCS package: "
                  + name
                  + "; duplicate package ("
                  + sources.get(name)
                  + " and "
                  + e
                  + ")");
        }
        Files.move(pkgDir, one.resolve(name));
        sources.put(name, e.toString());
        Tar.deleteTree(tmp);
      }
    }
    ObjectNode s = JsonCodec.MAPPER.valueToTree(sources);
    AtomicFiles.write(stage.resolve("sources.json"), JsonCodec.MAPPER.writeValueAsBytes(s));
    return stage;
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private List<PackageInfo> load(Path dir) throws IOException {
    Map<String, String> sources = new HashMap<>();
    Path sf = dir.getParent().resolve("sources.json");
    if (Files.exists(sf)) {
      JsonNode s = JsonCodec.MAPPER.readTree(sf.toFile());
      s.properties().forEach(e -> sources.put(e.getKey(), e.getValue().asText()));
    }
    List<PackageInfo> out = new ArrayList<>();
    Map<String, String> moduleOwner = new HashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    for (Path p : sorted(dir)) {
      if (!Files.isDirectory(p)) {
        continue;
      }
      PackageMeta m;
      try {
        m = PackageMeta.read(p);
      } catch (IOException e) {
        log.warn("{}: skipping {}: {}", label, p, e.getMessage());
        continue;
      }
      List<YangModule> mods = new ArrayList<>();
      List<String> digests = new ArrayList<>();
      String error = null;
      String build = null;
      Path loadDir = p.resolve("load-dir");
      if (Files.isDirectory(loadDir)) {
        for (Path f : sorted(loadDir)) {
          if (!f.getFileName().toString().endsWith(".fxs")) {
            continue;
          }
          try {
            Fxs fx = Fxs.parse(Files.readString(f, StandardCharsets.UTF_8));
            build = fx.ncsVersion();
            String want = Versions.majorMinor(version);
            String got = Versions.majorMinor(fx.ncsVersion());
            if (!want.equals(got)) {
              error =
                  f.getFileName()
                      + ": compiled by NSO "
                      + fx.ncsVersion()
                      + ", incompatible with NSO "
                      + version
                      + "; the package must be rebuilt for NSO "
                      + want;
              break;
            }
            YangModule y =
                YangParser.parse(
                    fx.yang(), fx.headers().getOrDefault("source", f.getFileName().toString()));
            if (BuiltinSchema.MODULES.contains(y.name()) || moduleOwner.containsKey(y.name())) {
              error =
                  f.getFileName()
                      + ": module "
                      + y.name()
                      + " is already defined"
                      + (moduleOwner.containsKey(y.name())
                          ? " by package " + moduleOwner.get(y.name())
                          : "");
              break;
            }
            mods.add(y);
            digests.add(y.name() + ":" + fx.digest());
          } catch (IOException | IllegalArgumentException e) {
            error = f.getFileName() + ": " + e.getMessage();
            break;
          } catch (YangException e) {
            error = e.getMessage();
            break;
          }
        }
      }
      if (error != null) {
        mods.clear();
        digests.clear();
        log.warn("{}: package {} failed to load: {}", label, m.name(), error);
      } else {
        mods.forEach(y -> moduleOwner.put(y.name(), m.name()));
      }
      String src = sources.get(m.name());
      out.add(
          new PackageInfo(
              m.name(),
              m.version(),
              m.description(),
              m.minVersions(),
              p,
              src == null ? null : Path.of(src),
              build,
              mods,
              digests,
              error));
    }
    return out;
  }

  /** Adds {@code /packages} to an oper view. */
  public void fill(DataNode root, Schema schema) {
    SchemaNode top = schema.top("tailf-ncs", "packages");
    List<PackageInfo> ps = packages();
    if (ps.isEmpty()) {
      return;
    }
    DataNode list = root.getOrCreate(top).getOrCreate(top.child("package"));
    for (PackageInfo p : ps) {
      DataNode e = list.getOrCreateEntry(List.of(p.name()));
      e.setLeaf("package-version", p.version());
      if (p.description() != null) {
        e.setLeaf("description", p.description());
      }
      if (!p.ncsMinVersions().isEmpty()) {
        DataNode mv = e.getOrCreate(top.child("package").child("ncs-min-version"));
        p.ncsMinVersions().forEach(mv::addValue);
      }
      e.setLeaf("directory", p.directory().toString());
      if (p.buildVersion() != null) {
        DataNode bi = e.getOrCreate(e.schema().child("build-info"));
        bi.getOrCreate(bi.schema().child("ncs")).setLeaf("version", p.buildVersion());
      }
      DataNode os = e.getOrCreate(e.schema().child("oper-status"));
      if (p.up()) {
        os.setLeaf("up", "");
      } else {
        os.setLeaf("file-load-error", "");
        os.setLeaf("error-info", p.errorInfo());
      }
    }
  }

  // ------------------------------------------------------------------ ha sync

  /** The archive exchange of {@code packages ha sync}. */
  public PackageArchives archives() {
    return archives;
  }

  // ------------------------------------------------------------------ software packages

  /** The system-install package store and the {@code software packages} actions. */
  public SoftwarePackages software() {
    return software;
  }

  /**
   * The load-path directory managed as the active set ({@code …/var/opt/ncs/packages}, else the
   * first).
   */
  public Path activeDir() {
    return software.activeDir();
  }

  /** Whether a loaded package came from {@code fileName} in the load path. */
  synchronized boolean isLoadedFrom(String fileName) {
    for (PackageInfo p : packages) {
      if (p.source() != null && p.source().getFileName().toString().equals(fileName) && p.up()) {
        return true;
      }
    }
    return false;
  }
}
