package dev.nsoha.sim.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link SimNode}.
 *
 * @param ncsDir the install dir ({@code NCS_DIR}); its {@code VERSION} file gives the NSO version
 *     unless {@code version} is set; {@code <ncsDir>/../packages} is the system-install package
 *     store
 * @param conf the ncs.conf file
 * @param runDir the run directory (relative paths in ncs.conf resolve against it)
 * @param env environment for {@code ${VAR}} expansion and {@code NCS_RELOAD_PACKAGES}
 * @param packageReload {@code --with-package-reload}
 * @param packageReloadForce {@code --with-package-reload-force}
 * @param version the NSO version to report, or null to read {@code <ncsDir>/VERSION}
 * @param northbound whether to start the {@link NorthboundService} plug-ins
 */
public record SimNodeOptions(
    Path ncsDir,
    Path conf,
    Path runDir,
    Map<String, String> env,
    boolean packageReload,
    boolean packageReloadForce,
    String version,
    boolean northbound) {
  public SimNodeOptions {
    Objects.requireNonNull(conf, "conf");
    Objects.requireNonNull(runDir, "runDir");
    env = Map.copyOf(env == null ? Map.of() : env);
    if (ncsDir == null && version == null) {
      throw new IllegalArgumentException("either ncsDir or version is needed");
    }
  }

  /** Options for an in-process node with a fixed version and northbound plug-ins on. */
  public static SimNodeOptions of(Path conf, Path runDir, String version) {
    return new SimNodeOptions(null, conf, runDir, Map.of(), false, false, version, true);
  }

  /** A copy with another environment. */
  public SimNodeOptions withEnv(Map<String, String> e) {
    return new SimNodeOptions(
        ncsDir, conf, runDir, e, packageReload, packageReloadForce, version, northbound);
  }

  /**
   * A copy with another ncs dir (the system-install package store is {@code <ncsDir>/../packages}).
   */
  public SimNodeOptions withNcsDir(Path dir) {
    return new SimNodeOptions(
        dir, conf, runDir, env, packageReload, packageReloadForce, version, northbound);
  }

  /** A copy with {@code --with-package-reload} (and {@code -force}) set. */
  public SimNodeOptions withPackageReload(boolean reload, boolean force) {
    return new SimNodeOptions(ncsDir, conf, runDir, env, reload, force, version, northbound);
  }

  /** A copy with another version. */
  public SimNodeOptions withVersion(String v) {
    return new SimNodeOptions(
        ncsDir, conf, runDir, env, packageReload, packageReloadForce, v, northbound);
  }

  /** A copy with northbound plug-ins on or off. */
  public SimNodeOptions withNorthbound(boolean on) {
    return new SimNodeOptions(
        ncsDir, conf, runDir, env, packageReload, packageReloadForce, version, on);
  }
}
