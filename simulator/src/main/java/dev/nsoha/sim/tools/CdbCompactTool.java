package dev.nsoha.sim.tools;

import dev.nsoha.sim.data.CdbCompaction;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code ncs --cdb-compact <dir>}: compacts a stopped node's CDB directory (see {@link
 * CdbCompaction}). Silent on success (exit 0); one line on standard error and exit 1 otherwise.
 */
public final class CdbCompactTool {
  private CdbCompactTool() {}

  public static void main(String[] args) {
    if (args.length != 1 || args[0].isEmpty()) {
      System.err.println(
          "ncs: --cdb-compact needs the CDB directory, e.g. ncs --cdb-compact ./ncs-cdb");
      System.exit(1);
    }
    Path dir = Path.of(args[0]).toAbsolutePath().normalize();
    try {
      CdbCompaction.compact(dir);
    } catch (CdbCompaction.Refused e) {
      System.err.println("ncs: cannot compact the CDB: " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.err.println("ncs: compacting " + dir + " failed: " + e.getMessage());
      System.exit(1);
    }
    System.exit(0);
  }
}
