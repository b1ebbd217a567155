package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Refuses secret files (passwords, passphrases, private keys) that others can read, as OpenSSH
 * refuses a private key with loose permissions, and says how to fix it.
 */
final class SecretFiles {
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private SecretFiles() {}

  /**
   * @throws UsageException when {@code file} is missing or readable by group or others
   */
  static void requirePrivate(Path file, String what) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // no POSIX permissions on this file system: nothing to check
    } catch (IOException e) {
      throw new UsageException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
    }
    Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
    loose.addAll(perms);
    loose.retainAll(OTHERS);
    if (!loose.isEmpty()) {
      throw new UsageException(
          "the "
              + what
              + " "
              + file
              + " is accessible by others (permissions "
              + PosixFilePermissions.toString(perms)
              + "); it must be readable by you only: chmod 600 "
              + file);
    }
  }
}
