package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations on a node's run directory itself, on its host: a consistent archive of the live
 * directory, and putting an archive back in its place. Other steps that act on the files NSO keeps
 * there while the node is down (its CDB, its state) belong here too.
 *
 * <p>The install host calls it for one node at a time.
 */
final class RunDirectory {
  private static final Logger log = LoggerFactory.getLogger(RunDirectory.class);

  /**
   * How many copies of a live run directory a backup takes at most to get one that is consistent.
   */
  static final int BACKUP_COPIES = 100;

  /**
   * A consistent archive of a live local-install run directory ({@code $1}, without its logs) in
   * {@code $2}: the directory is copied with {@code tar} (no compression, so the copy is quick),
   * and its listing (path, type, inode, size, change time of every entry) is taken before and after
   * the copy. Only a copy during which nothing changed is kept and compressed, its SHA-256 computed
   * from the compressed stream as it is written ({@code @@sha256}); otherwise the copy is taken
   * again, up to {@code $3} times; each try takes three short tool runs, so that a node that
   * commits every few tens of milliseconds leaves enough quiet moments. A node that takes writes
   * changes its database files (NSO appends to them, the simulator renames a new file over the old
   * one), and a copy taken between two writes is what the node had on disk at one instant, as after
   * a power cut, which is what NSO recovers from.
   */
  private static final String CONSISTENT_ARCHIVE =
      """
      run=$1; out=$2; tries=$3
      parent=$(dirname "$run"); base=$(basename "$run"); part="$out.partial.tar"
      umask 077
      # A file the node creates and removes while it is listed (a temp file renamed over the
      # database) makes find fail for that file: the listing then differs, and the copy is taken
      # again.
      listing() {
        find "$run" -path "$run/logs" -prune -o -printf '%P %y %i %s %C@\\n' 2>/dev/null
        echo "@@find $?"
      }
      # Compresses the copy into $out; the SHA-256 of what is written, and the exit status of
      # gzip and tee, are printed as they come.
      compress() {
        { { gzip -c -n "$part"; echo "@@gzip $?" >&3; } \\
          | { tee "$out"; echo "@@tee $?" >&3; } | sha256sum; } 3>&1
      }
      [ -d "$run" ] || { echo "cannot list $run: no such directory"; exit 2; }
      i=0; changed=''
      while [ "$i" -lt "$tries" ]; do
        i=$((i + 1))
        before=$(listing)
        tar -cf "$part" --exclude="$base/logs" -C "$parent" "$base" 2>"$part.err"
        rc=$?
        after=$(listing)
        if [ "$before" = "$after" ] && [ "${after##*@@find }" = 0 ]; then
          if [ "$rc" -eq 0 ]; then
            res=$(compress)
            case $res in
              *"@@gzip 0"*"@@tee 0"* | *"@@tee 0"*"@@gzip 0"*) ;;
              *) rm -f "$part" "$part.err" "$out"; echo "$res" | grep '^@@'; exit 3 ;;
            esac
            rm -f "$part" "$part.err"
            echo "@@sha256 $(printf '%s\\n' "$res" | grep -v '^@@' | cut -d' ' -f1)"
            echo "@@copies $i"
            exit 0
          fi
          # A file that came and went between the two listings can still fail tar: copy again,
          # and give up only after the last try.
          if [ "$i" -ge "$tries" ]; then
            cat "$part.err"; rm -f "$part" "$part.err"
            echo "tar exited with status $rc"
            exit 3
          fi
          changed="tar: $(head -n 1 "$part.err")"
          continue
        fi
        changed=$(printf '%s\\n' "$after" | grep -vxF -e "$before" | head -n 1 | cut -d' ' -f1)
        [ "${after##*@@find }" = 0 ] || changed="a file that vanished while the directory was listed"
      done
      rm -f "$part" "$part.err"
      echo "@@changed ${changed:-an entry was removed}"
      exit 4
      """;

  /**
   * Moves the run directory aside, unpacks the backup in its place, keeps the old logs, and removes
   * the old copy; puts the old run directory back if the unpack fails.
   */
  private static final String RESTORE_RUN_DIR =
      """
      run=$1; file=$2
      parent=$(dirname "$run"); old="$run.old"
      rm -rf "$old" || exit 2
      if [ -e "$run" ]; then mv "$run" "$old" || exit 2; fi
      if ! tar -xzf "$file" -C "$parent" || [ ! -d "$run" ]; then
        rm -rf "$run"
        if [ -e "$old" ]; then mv "$old" "$run"; fi
        echo "tar could not unpack $file into $parent"
        exit 3
      fi
      if [ -d "$old/logs" ] && [ ! -e "$run/logs" ]; then mv "$old/logs" "$run/logs"; fi
      rm -rf "$old"
      """;

  private final HostCommands cmds;
  private final HostLayout layout;

  RunDirectory(HostCommands cmds) {
    this.cmds = cmds;
    this.layout = cmds.layout();
  }

  /**
   * Archives the live run directory (without its logs) into {@code out} on the host, readable by
   * its owner only, and returns the archive's SHA-256, computed while it was written.
   *
   * @throws HostException when the directory changed during every copy, or the archive could not be
   *     written
   */
  String archive(Path out, String what) {
    Result r =
        cmds.sh(
            what,
            CONSISTENT_ARCHIVE,
            List.of(layout.runDir().toString(), out.toString(), Integer.toString(BACKUP_COPIES)),
            true);
    if (r.exitCode() == 4) {
      throw new HostException(
          cmds.where(),
          what,
          "the run directory changed during each of "
              + BACKUP_COPIES
              + " copies (last: "
              + mark(r, "@@changed ").orElse("?")
              + "); the node takes writes without a pause: take the backup at a quieter time, or"
              + " with the node read-only");
    }
    Optional<String> sum = mark(r, "@@sha256 ").filter(s -> s.matches("[0-9a-f]{64}"));
    if (!r.ok() || sum.isEmpty()) {
      throw new HostException(
          cmds.where(), what, "the copy of the run directory failed: " + r.tail(5));
    }
    mark(r, "@@copies ")
        .ifPresent(n -> log.debug("{}: {}: consistent after {} copies", cmds.where(), what, n));
    return sum.get();
  }

  /**
   * Puts the archive {@code file} (on the host) in place of the run directory, keeping the old
   * logs; the old directory is put back if the archive cannot be unpacked.
   */
  void restoreFrom(Path file, String what) {
    Result r =
        cmds.sh(
            what,
            RESTORE_RUN_DIR,
            List.of(layout.runDir().toString(), file.toString()),
            layout.sudo().enabled());
    if (!r.ok()) {
      throw new HostException(cmds.where(), what, r.tail(5));
    }
  }

  /** The rest of the first output line that starts with {@code mark}. */
  private static Optional<String> mark(Result r, String mark) {
    return r.output()
        .lines()
        .filter(l -> l.startsWith(mark))
        .map(l -> l.substring(mark.length()).strip())
        .findFirst();
  }
}
