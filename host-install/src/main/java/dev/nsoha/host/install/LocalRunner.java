package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs commands as processes on this machine ({@link ProcessRunner}); files are copied here. */
public final class LocalRunner implements CommandRunner {
  /** The one instance: it holds no state. */
  public static final LocalRunner INSTANCE = new LocalRunner();

  private LocalRunner() {}

  @Override
  public String where() {
    return "local";
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public Result run(
      String what,
      List<String> command,
      Path dir,
      Map<String, String> env,
      byte[] stdin,
      Duration timeout) {
    Map<String, String> e = new HashMap<>();
    String hostPath = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    env.forEach(
        (k, v) ->
            e.put(
                k,
                v.endsWith(HOST_PATH)
                    ? v.substring(0, v.length() - HOST_PATH.length()) + ":" + hostPath
                    : v));
    return ProcessRunner.run(
        where(), what, command, dir == null ? Path.of("/") : dir, e, stdin, timeout);
  }

  @Override
  public void upload(Path local, Path remote) {
    copy(local, remote, "copy " + local + " to " + remote);
  }

  @Override
  public String download(Path remote, Path local) {
    return copy(remote, local, "copy " + remote + " to " + local);
  }

  /**
   * Copies {@code from} to {@code to} through {@code <to>.part}, moved into place when complete;
   * returns the SHA-256 of the bytes written, computed on the way (a file copied onto itself is
   * read once for it).
   */
  private String copy(Path from, Path to, String what) {
    try {
      if (from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
        return Checksums.sha256(from);
      }
      Path tmp = to.resolveSibling(to.getFileName() + ".part");
      String sum;
      try (InputStream in = Files.newInputStream(from);
          OutputStream out = Files.newOutputStream(tmp)) {
        sum = Checksums.copyWithSha256(in, out);
      }
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return sum;
    } catch (IOException e) {
      throw new HostException(where(), what, e.toString(), e);
    }
  }
}
