package dev.nsoha.sim.pkg;

import dev.nsoha.sim.schema.YangModule;
import java.nio.file.Path;
import java.util.List;

/**
 * One package as the node sees it ({@code /packages/package}).
 *
 * @param name name from package-meta-data.xml
 * @param version package-version
 * @param description description or null
 * @param ncsMinVersions ncs-min-version values
 * @param directory the private copy under packages-in-use
 * @param source the load-path entry it came from (directory or tarball)
 * @param buildVersion the NSO version its fxs files were compiled with, or null
 * @param modules its loaded YANG modules (empty on error)
 * @param digests module:sha256 of each fxs
 * @param errorInfo null when up, else why it failed (oper-status file-load-error)
 */
public record PackageInfo(
    String name,
    String version,
    String description,
    List<String> ncsMinVersions,
    Path directory,
    Path source,
    String buildVersion,
    List<YangModule> modules,
    List<String> digests,
    String errorInfo) {
  public PackageInfo {
    ncsMinVersions = List.copyOf(ncsMinVersions);
    modules = List.copyOf(modules);
    digests = List.copyOf(digests);
  }

  /** Whether the package loaded (oper-status up). */
  public boolean up() {
    return errorInfo == null;
  }
}
