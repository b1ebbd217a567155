package dev.nsoha.sim.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ncs --cdb-compact <dir>} and the {@code compact.lock} of a CDB directory.
 *
 * <p>A running node holds {@code <db-dir>/compact.lock} (written when it has started, holding its
 * process id, removed when it stops cleanly). {@code ncs --cdb-compact} refuses a directory with a
 * lock, so that a database in use is not rewritten behind its node's back; NSO's procedures delete
 * the lock first when they compact a node that still runs (made read-only beforehand), or stop the
 * node first. While it compacts, the tool holds the lock itself.
 *
 * <p>What compacting does to the simulator's datastore: {@code sim-cdb.json} (the running config)
 * and {@code sim-ha.json} (rule-based HA state) are read, checked to be whole JSON documents and
 * rewritten compactly through a crash-safe replace. The data itself is unchanged. A directory that
 * holds no database at all is refused.
 */
public final class CdbCompaction {
  /** The lock file's name inside the CDB directory. */
  public static final String LOCK = "compact.lock";

  /** A compaction that cannot be done; the message is one line for the user. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private static final List<String> DATABASE_FILES = List.of(Datastore.FILE, "sim-ha.json");

  private CdbCompaction() {}

  /** A started node takes the lock of its CDB directory (replacing a stale one). */
  public static void holdLock(Path cdbDir) throws IOException {
    Files.writeString(
        cdbDir.resolve(LOCK), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
  }

  /** A node that stops cleanly releases the lock. */
  public static void releaseLock(Path cdbDir) {
    try {
      Files.deleteIfExists(cdbDir.resolve(LOCK));
    } catch (IOException e) {
      // A lock that cannot be removed is only stale: the next start replaces it.
    }
  }

  /**
   * Compacts the database in {@code dir}.
   *
   * @return the files compacted (names), never empty
   * @throws Refused when the directory is missing, locked or holds no (or a broken) database
   */
  public static List<String> compact(Path dir) throws Refused, IOException {
    if (!Files.isDirectory(dir)) {
      throw new Refused(dir + ": no such CDB directory");
    }
    Path lock = dir.resolve(LOCK);
    try {
      Files.writeString(
          lock,
          "compacting " + ProcessHandle.current().pid() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      String holder = "";
      try {
        holder = Files.readString(lock, StandardCharsets.UTF_8).strip();
      } catch (IOException ignored) {
        // unreadable: say nothing about the holder
      }
      throw new Refused(
          lock
              + " exists"
              + (holder.isEmpty() ? "" : " (" + holder + ")")
              + ": the CDB is in use by a running node or another compaction. Stop the node"
              + " (ncs --stop), or remove the lock if nothing uses the directory");
    }
    try {
      List<String> done = new ArrayList<>();
      for (String name : DATABASE_FILES) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
          continue;
        }
        FileTime before = Files.getLastModifiedTime(f);
        byte[] raw = Files.readAllBytes(f);
        JsonNode j;
        try {
          j = JsonCodec.MAPPER.readTree(raw);
        } catch (IOException e) {
          throw new Refused(f + " is damaged (not a whole JSON document); restore a backup");
        }
        if (j == null || !j.isObject()) {
          throw new Refused(f + " is damaged (not a JSON object); restore a backup");
        }
        byte[] compact = JsonCodec.MAPPER.writeValueAsBytes(j);
        // A node that runs without its lock may have committed meanwhile: keep its newer file.
        if (Files.getLastModifiedTime(f).equals(before)) {
          AtomicFiles.write(dir.resolve(name + ".compact"), compact);
          Files.move(
              dir.resolve(name + ".compact"),
              f,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
        done.add(name);
      }
      if (done.isEmpty()) {
        throw new Refused(dir + " holds no CDB (no " + Datastore.FILE + ")");
      }
      return done;
    } finally {
      Files.deleteIfExists(lock);
    }
  }
}
