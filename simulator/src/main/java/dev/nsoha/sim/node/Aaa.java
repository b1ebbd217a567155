package dev.nsoha.sim.node;

import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Datastore;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.util.CryptHash;
import dev.nsoha.sim.util.Crypto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSO's local authentication: the users of {@code /aaa:aaa/authentication/users/user{name}} in the
 * running config (loaded at first start from {@code ncs-cdb/aaa_init.xml}, as {@code ncs-setup}
 * writes it), their hashed {@code password} and their {@code ssh_keydir}. SSH and RESTCONF logins
 * check against these.
 *
 * <p>A node whose datastore holds no user at all (an in-process test node laid out without {@code
 * aaa_init.xml}) accepts the NSO example's {@code admin}/{@code admin} only, as the simulator did
 * before it knew users; NSO itself would refuse every login. Thread-safe.
 */
final class Aaa {
  private static final Logger log = LoggerFactory.getLogger(Aaa.class);
  private static final DataPath USERS =
      DataPath.parseRestconf("tailf-aaa:aaa/authentication/users");

  private static final Map<String, Boolean> VERIFIED = new ConcurrentHashMap<>();

  private final Function<DataPath, DataNode> reader;
  private final Path runDir;
  private final String label;

  /**
   * @param reader reads config at a path (null when absent)
   * @param runDir the run directory, against which a relative {@code ssh_keydir} is resolved
   */
  Aaa(Function<DataPath, DataNode> reader, Path runDir, String label) {
    this.reader = reader;
    this.runDir = runDir;
    this.label = label;
  }

  /**
   * How the node stores secrets, from ncs.conf: passwords hashed with {@code
   * /ncs-config/aaa/crypt-hash/algorithm} (SHA-512 when absent), encrypted strings with the key of
   * {@code /ncs-config/encrypted-strings/AES256CFB128/key} (the demo key when absent).
   *
   * @throws IOException naming the element when a value is invalid
   */
  static void configureStorage(NcsConf conf, Datastore datastore) throws IOException {
    String a = conf.value("/ncs-config/aaa/crypt-hash/algorithm").orElse("sha-512");
    try {
      datastore.setCryptHash(CryptHash.Algorithm.parse(a));
    } catch (IllegalArgumentException e) {
      throw new IOException("bad /ncs-config/aaa/crypt-hash/algorithm: " + e.getMessage(), e);
    }
    try {
      conf.value("/ncs-config/encrypted-strings/AES256CFB128/key").ifPresent(Crypto::useKey);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "bad /ncs-config/encrypted-strings/AES256CFB128/key: " + e.getMessage(), e);
    }
  }

  /** Reads {@code node}'s config. */
  static Aaa of(SimNode node) {
    return new Aaa(
        p -> node.read(p, Content.CONFIG, WithDefaults.EXPLICIT), node.runDir(), node.label());
  }

  /** Whether {@code user} may log in with {@code password}. Never logs the password. */
  boolean authenticate(String user, String password) {
    if (user == null || password == null) {
      return false;
    }
    DataNode users = reader.apply(USERS);
    DataNode list = users == null ? null : users.child("user");
    if (list == null || list.entries().isEmpty()) {
      return "admin".equals(user) && "admin".equals(password);
    }
    DataNode u = list.entry(List.of(user));
    String stored = u == null ? null : u.leaf("password");
    boolean ok = stored != null && verify(user, password, stored);
    if (!ok) {
      log.info(
          "{}: login of {} refused: {}",
          label,
          user,
          u == null ? "no such local user" : "bad password");
    }
    return ok;
  }

  /**
   * {@link CryptHash#verify}, remembering successes (by a SHA-256 of user, password and hash, in
   * memory only): RESTCONF authenticates every request, and a crypt hash takes milliseconds.
   */
  private static boolean verify(String user, String password, String stored) {
    String key;
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(user, password, stored)) {
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      key = HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (VERIFIED.containsKey(key)) {
      return true;
    }
    boolean ok = CryptHash.verify(password, stored);
    if (ok) {
      if (VERIFIED.size() > 256) {
        VERIFIED.clear();
      }
      VERIFIED.put(key, Boolean.TRUE);
    }
    return ok;
  }

  /**
   * The user's {@code ssh_keydir} (relative paths against the run directory), if the user has one.
   */
  Optional<Path> sshKeyDir(String user) {
    DataNode users = reader.apply(USERS);
    DataNode list = users == null ? null : users.child("user");
    DataNode u = list == null ? null : list.entry(List.of(user));
    String dir = u == null ? null : u.leaf("ssh_keydir");
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(runDir.resolve(dir));
  }
}
