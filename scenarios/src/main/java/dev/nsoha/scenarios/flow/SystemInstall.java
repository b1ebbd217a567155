package dev.nsoha.scenarios.flow;

import java.nio.file.Path;
import java.util.Map;

/**
 * The simulated system install of NSO's package-upgrade example, inside one node's run directory D:
 * {@code D/opt/ncs/current} links to the NSO install, {@code D/opt/ncs/packages} is the package
 * store that the {@code software packages} actions manage ({@code $NCS_DIR/../packages}), and
 * {@code D/var/opt/ncs/packages} is the active load path, holding links into the store.
 */
public final class SystemInstall {
  private SystemInstall() {}

  public static Path ncsDir(Path runDir) {
    return runDir.resolve("opt/ncs/current");
  }

  public static Path store(Path runDir) {
    return runDir.resolve("opt/ncs/packages");
  }

  public static Path loadPath(Path runDir) {
    return runDir.resolve("var/opt/ncs/packages");
  }

  /**
   * The environment NSO's tools get for this node: NCS_DIR, NCS_CONFIG_DIR and NCS_RUN_DIR inside
   * D.
   */
  public static Map<String, String> environment(Path runDir) {
    return Map.of(
        "NCS_DIR",
        ncsDir(runDir).toString(),
        "NCS_CONFIG_DIR",
        runDir.toString(),
        "NCS_RUN_DIR",
        runDir.toString());
  }
}
