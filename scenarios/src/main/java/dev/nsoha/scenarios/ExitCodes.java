package dev.nsoha.scenarios;

/** The program's exit codes, documented in the README. */
public final class ExitCodes {
  /** The cluster ended in its nominal roles, on the target, with the configuration intact. */
  public static final int OK = 0;

  /** A step or the verification failed; the message says where and what state each node is in. */
  public static final int FAILED = 1;

  /**
   * The command line was wrong: an unknown flag, transport or scenario, a missing file. Nothing was
   * changed.
   */
  public static final int USAGE = 2;

  /**
   * A node or its host could not be reached or refused the credentials (an SSH key, an unknown host
   * key, no sudo rights) or lacks disk space, or a backup a rollback would restore is not the one
   * the run took (changed, truncated or missing), before anything was changed.
   */
  public static final int UNREACHABLE = 3;

  /**
   * Preflight found the cluster or a host not ready (a node not in its nominal role, a secondary
   * not connected, nodes on different versions, no room for backups, packages that do not build
   * with the target). Nothing was changed; the go/no-go table says what to fix.
   */
  public static final int NOT_READY = 5;

  /** A fault of this program. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
