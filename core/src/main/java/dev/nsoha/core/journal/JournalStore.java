package dev.nsoha.core.journal;

import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.json.JsonReader;
import dev.nsoha.core.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a journal lives, written so that a kill at any instant leaves either the previous or the
 * new journal, whole: the JSON goes to a temporary file in the same directory, which is fsynced,
 * renamed over the journal atomically, and then the directory is fsynced so that the rename
 * survives a crash. The file is readable by its owner only (0600); a directory the store creates is
 * 0700.
 */
public final class JournalStore {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /**
   * Test support only, not a user option: {@code NSOHA_TEST_JOURNAL_KILL_AT=point:n} kills this
   * process with SIGKILL at {@code point} ({@code written}, {@code synced} or {@code renamed}: the
   * checkpoints of {@link PrivateFiles#writeAtomically}) of its n-th journal write, so that the
   * fault suite can check that a journal interrupted inside its write is readable and truthful.
   */
  public static final String KILL_ENV = "NSOHA_TEST_JOURNAL_KILL_AT";

  private static final Set<String> KILL_POINTS = Set.of("written", "synced", "renamed");
  private static final AtomicInteger SAVES = new AtomicInteger();

  private final Path file;

  public JournalStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  public Path file() {
    return file;
  }

  /**
   * The journal, if there is one.
   *
   * @throws IllegalArgumentException when the file is there but is no journal this build reads
   */
  public Optional<Journal> load() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(Journal.fromJson(JsonReader.read(text)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("journal " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code journal} atomically and durably ({@link PrivateFiles#writeAtomically}: a private
   * temporary file, fsync, rename, directory fsync).
   */
  public synchronized void save(Journal journal) {
    String kill = System.getenv(KILL_ENV);
    if (kill == null || kill.isBlank()) {
      PrivateFiles.writeAtomically(file, JsonWriter.pretty(journal.toJson()));
      return;
    }
    String[] p = kill.trim().split(":");
    if (p.length != 2 || !KILL_POINTS.contains(p[0]) || !p[1].matches("[1-9][0-9]*")) {
      throw new IllegalArgumentException(
          KILL_ENV + " must be written:N, synced:N or renamed:N, not " + kill);
    }
    int save = SAVES.incrementAndGet();
    PrivateFiles.writeAtomically(
        file,
        JsonWriter.pretty(journal.toJson()),
        point -> {
          if (point.equals(p[0]) && save == Integer.parseInt(p[1])) {
            killSelf(point + " of journal write " + save);
          }
        });
  }

  /** SIGKILL of this process: nothing (no finally block, no shutdown hook) runs after it. */
  private static void killSelf(String where) {
    long pid = ProcessHandle.current().pid();
    System.err.println("nso-ha-upgrade: test hook: killing pid " + pid + ": " + where);
    System.err.flush();
    System.out.flush();
    try {
      new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start().waitFor();
    } catch (IOException e) {
      Runtime.getRuntime().halt(137);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(137);
  }

  /**
   * Moves the journal aside ({@code journal.json.<time>}), for a new run; returns where it went.
   */
  public Optional<Path> archive(Instant now) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Path to = file.resolveSibling(file.getFileName() + "." + STAMP.format(now));
    try {
      Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        d.force(true);
      }
      return Optional.of(to);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move the journal " + file + " aside: " + e.getMessage(), e);
    }
  }

  /**
   * The default journal for runs that do not manage local installs: {@code
   * $XDG_STATE_HOME/nso-ha-upgrade/journal.json}, or {@code
   * ~/.local/state/nso-ha-upgrade/journal.json}.
   */
  public static Path defaultFile(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_STATE_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".local/state");
    return base.resolve("nso-ha-upgrade").resolve("journal.json");
  }
}
