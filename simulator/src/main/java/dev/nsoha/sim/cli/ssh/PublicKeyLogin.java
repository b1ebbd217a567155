package dev.nsoha.sim.cli.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public-key login as NSO does it: a user may log in with any key listed in the {@code
 * authorized_keys} file of the user's SSH key directory (NSO's per-user {@code ssh_keydir}). The
 * file is read at each login, so added or removed keys count at once. OpenSSH format, one key per
 * line, {@code #} comments and blank lines ignored; ed25519, ECDSA and RSA keys. Thread-safe.
 */
public final class PublicKeyLogin implements PublickeyAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(PublicKeyLogin.class);
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  /** ncs.conf {@code /ncs-config/aaa/ssh-pubkey-authentication}. */
  public enum Mode {
    /** Public-key login is off. */
    NONE,
    /** Keys from the user's {@code ssh_keydir}. */
    LOCAL,
    /**
     * NSO's default: the {@code ssh_keydir} of a user known to AAA, else the OS user's {@code
     * $HOME/.ssh}; the simulator only has the first part.
     */
    SYSTEM;

    /** Parses {@code none|local|system}. */
    public static Mode parse(String s) {
      return switch (s.strip()) {
        case "none" -> NONE;
        case "local" -> LOCAL;
        case "system" -> SYSTEM;
        default ->
            throw new IllegalArgumentException(
                "expected none, local or system, not '" + s.strip().toLowerCase(Locale.ROOT) + "'");
      };
    }
  }

  private final Function<String, Path> keyDirs;

  /**
   * Creates the authenticator.
   *
   * @param keyDirs a user's SSH key directory ({@code ssh_keydir}), or null if the user has none
   */
  public PublicKeyLogin(Function<String, Path> keyDirs) {
    this.keyDirs = keyDirs;
  }

  /** Whether a user name may name a key directory (no path separators, no dot names). */
  public static boolean isPlainUserName(String user) {
    return user != null && USER.matcher(user).matches() && !user.equals("..");
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    Path dir = isPlainUserName(username) ? keyDirs.apply(username) : null;
    if (dir == null) {
      return false;
    }
    Path file = dir.resolve("authorized_keys");
    if (!Files.isRegularFile(file)) {
      log.debug("public-key login of {}: no {}", username, file);
      return false;
    }
    try {
      for (AuthorizedKeyEntry e : AuthorizedKeyEntry.readAuthorizedKeys(file)) {
        PublicKey k = e.resolvePublicKey(session, null, PublicKeyEntryResolver.IGNORING);
        if (k != null && KeyUtils.compareKeys(k, key)) {
          log.debug("public-key login of {} with a {} key from {}", username, e.getKeyType(), file);
          return true;
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      log.warn("public-key login of {}: cannot read {}: {}", username, file, e.toString());
    }
    return false;
  }
}
