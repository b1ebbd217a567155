package dev.nsoha.sim.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The node as a daemon JVM (what the install's {@code ncs} launcher starts): {@code NcsDaemon
 * --ncs-dir <dir> --conf <ncs.conf> --cd <run dir> [--with-package-reload]
 * [--with-package-reload-force] [--foreground]}. Logs go to {@code $NCS_LOG_DIR/ncs.log}, else
 * {@code <run dir>/logs/ncs.log} (and to stderr with {@code --foreground}). Exits 1 with a one-line
 * message on stderr when the node cannot start; exits 0 when the node is stopped.
 */
public final class NcsDaemon {
  private NcsDaemon() {}

  public static void main(String[] args) {
    Path ncsDir = null;
    Path conf = null;
    Path cd = null;
    boolean reload = false;
    boolean force = false;
    boolean foreground = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ncs-dir" -> ncsDir = Path.of(value(args, ++i));
        case "--conf", "-c" -> conf = Path.of(value(args, ++i));
        case "--cd" -> cd = Path.of(value(args, ++i));
        case "--with-package-reload" -> reload = true;
        case "--with-package-reload-force" -> {
          reload = true;
          force = true;
        }
        case "--foreground" -> foreground = true;
        default -> fail("unknown argument " + args[i]);
      }
    }
    if (ncsDir == null) {
      String env = System.getenv("NCS_DIR");
      ncsDir = env == null ? null : Path.of(env);
    }
    if (ncsDir == null) {
      fail("--ncs-dir (or NCS_DIR) is required");
    }
    Path runDir = (cd == null ? Path.of("") : cd).toAbsolutePath().normalize();
    Path confFile = conf == null ? runDir.resolve("ncs.conf") : runDir.resolve(conf);
    // A system install's logs go to NCS_LOG_DIR (/var/log/ncs), a local install's to <run
    // dir>/logs.
    String logDirEnv = System.getenv("NCS_LOG_DIR");
    Path logDir =
        logDirEnv == null || logDirEnv.isBlank() ? runDir.resolve("logs") : Path.of(logDirEnv);
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      fail("cannot create " + logDir + ": " + e.getMessage());
    }
    System.setProperty(SimLogConfigurator.PROCESS, "daemon");
    System.setProperty("nsosim.logfile", logDir.resolve("ncs.log").toString());
    if (!foreground) {
      System.setProperty("nsosim.console.level", "ERROR");
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("NCS_DIR", ncsDir.toString());
    SimNodeOptions o = new SimNodeOptions(ncsDir, confFile, runDir, env, reload, force, null, true);
    // MINA SSHD registers BouncyCastle (for ed25519 keys) when the CLI server first needs it, a
    // good part of a node's start: do it while the database and the packages load.
    Thread warmUp = new Thread(SecurityUtils::isBouncyCastleRegistered, "ssh-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    SimNode node;
    try {
      node = SimNode.start(o);
    } catch (IOException | RuntimeException e) {
      fail(e.getMessage());
      return;
    }
    SimNode n = node;
    Runtime.getRuntime().addShutdownHook(new Thread(n::close, "ncs-shutdown"));
    try {
      n.awaitStopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(0);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      fail("missing value for " + args[i - 1]);
    }
    return args[i];
  }

  private static void fail(String msg) {
    System.err.println("ncs: " + msg);
    System.exit(1);
  }
}
