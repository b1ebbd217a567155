package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.file.Path;
import java.util.List;

/**
 * Steps 3 and 4 of NSO's version upgrade of an HA Raft cluster on an install host, done with the
 * node stopped (the administrator guide's alternative order): a stale {@code compact.lock} of a
 * node that did not stop cleanly is removed, the CDB is compacted with {@code ncs --cdb-compact} of
 * the release the node ran, and {@code state/raft/} is removed, so that the node starts without a
 * Raft membership and waits for {@code create-cluster}. Running it again does no harm.
 */
final class RaftStateReset {
  /** $1: the CDB directory, $2: the Raft state directory, $3: the release's ncs. */
  private static final String SCRIPT =
      "set -e\n"
          + "if [ -d \"$1\" ]; then rm -f \"$1/compact.lock\"; \"$3\" --cdb-compact \"$1\"; fi\n"
          + "rm -rf \"$2\"\n";

  private final HostCommands cmds;
  private final Installer installer;
  private final ServiceControl service;
  private final HostLayout layout;
  private final String where;

  RaftStateReset(
      HostCommands cmds,
      Installer installer,
      ServiceControl service,
      HostLayout layout,
      String where) {
    this.cmds = cmds;
    this.installer = installer;
    this.service = service;
    this.layout = layout;
    this.where = where;
  }

  /** The CDB directory: {@code ncs-cdb} in a local install's run directory, else {@code cdb}. */
  Path cdbDir() {
    HostLayout l = layout;
    return l.runDir().resolve(l.isSystemInstall() ? "cdb" : "ncs-cdb");
  }

  /** {@code state/raft} under the run directory. */
  Path raftStateDir() {
    return layout.runDir().resolve("state").resolve("raft");
  }

  void run() {
    if (service.isRunning()) {
      throw new HostException(
          where,
          "compact the CDB and remove state/raft",
          "the node is running; stop it first (ncs --stop)");
    }
    String what = "compact the CDB and remove state/raft";
    Path ncs = installer.activeNcsDir().resolve("bin/ncs");
    Result r =
        cmds.runPrivileged(
            what,
            List.of(
                "sh",
                "-c",
                SCRIPT,
                "sh",
                cdbDir().toString(),
                raftStateDir().toString(),
                ncs.toString()),
            null,
            installer.activeEnv());
    if (!r.ok()) {
      throw new HostException(
          where,
          what,
          "ncs --cdb-compact "
              + cdbDir()
              + " or rm -rf "
              + raftStateDir()
              + " exited with status "
              + r.exitCode()
              + (r.output().isBlank() ? "" : ": " + r.tail(8)));
    }
  }
}
