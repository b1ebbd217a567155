package dev.nsoha.scenarios.cli;

import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.host.install.Sudo;
import dev.nsoha.host.ssh.SshTarget;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options for nodes on their own hosts ({@code node.<id>.host=ssh} in a cluster file): the new
 * release's installer, new package versions, how SSH host keys are checked and where sudo's
 * password comes from.
 */
public final class HostOptions {
  /** The environment variable that may hold the sudo password. */
  public static final String SUDO_PASSWORD_ENV = "NSOHA_SUDO_PASSWORD";

  @Option(
      names = "--installer",
      paramLabel = "FILE",
      description =
          "The new release's installer nso-<version>.<os>.<arch>.installer.bin, copied to and run on"
              + " nodes with host=ssh (side by side with the installed release) (default: none; needed when a"
              + " node has host=ssh).")
  Path installer;

  @Option(
      names = "--packages-dir",
      paramLabel = "DIR",
      description =
          "Package archives (*.tar.gz) built for the new release, to run instead of rebuilding the nodes'"
              + " packages (default: none, the packages are rebuilt).")
  Path packagesDir;

  @Option(
      names = {"--host-known-hosts", "--ssh-known-hosts"},
      paramLabel = "FILE",
      description =
          "The known_hosts file for the SSH keys of the nodes' hosts (node.<id>.host=ssh), where"
              + " the upgrade logs in to run NSO's tools; not the nodes' own CLI, whose keys are in"
              + " --cli-known-hosts. --ssh-known-hosts is the old name (default:"
              + " ~/.ssh/known_hosts).")
  Path sshKnownHosts;

  @Option(
      names = "--sudo-password-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the sudo password on hosts with sudo=true (or $"
              + SUDO_PASSWORD_ENV
              + "); without either, sudo must not ask (sudo -n) (default: none).")
  Path sudoPasswordFile;

  @Option(
      names = "--ssh-timeout",
      paramLabel = "SECONDS",
      description = "Deadline for connecting to a host over SSH (default: ${DEFAULT-VALUE}).")
  int sshTimeout = 15;

  /** The release {@code --installer} installs, if given; a bad name is a usage error. */
  public Optional<Install> installerTarget() {
    if (installer == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(installer)) {
      throw new UsageException(
          "installer " + installer.toAbsolutePath() + " does not exist. Nothing was changed.");
    }
    try {
      return Optional.of(Install.fromInstaller(InstallerFile.parse(installer)));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--installer " + e.getMessage() + ". Nothing was changed.", e);
    }
  }

  public Optional<Path> packagesDir() {
    if (packagesDir != null && !Files.isDirectory(packagesDir)) {
      throw new UsageException(
          "--packages-dir " + packagesDir.toAbsolutePath() + " is not a directory");
    }
    return Optional.ofNullable(packagesDir).map(p -> p.toAbsolutePath().normalize());
  }

  public Path knownHosts() {
    return sshKnownHosts != null ? sshKnownHosts : SshTarget.defaultKnownHosts();
  }

  /** sudo for a host with {@code sudo=true}: the password from the file or the environment. */
  public Sudo sudo(boolean enabled) {
    if (!enabled) {
      return Sudo.NONE;
    }
    if (sudoPasswordFile != null) {
      Path f = sudoPasswordFile;
      String pw;
      try {
        pw = Files.readAllLines(f).stream().findFirst().orElse("");
      } catch (IOException e) {
        throw new UsageException(
            "cannot read the sudo password file " + f + ": " + e.getMessage(), e);
      }
      return Sudo.withPassword(() -> pw);
    }
    String env = System.getenv(SUDO_PASSWORD_ENV);
    return env != null ? Sudo.withPassword(() -> env) : Sudo.passwordless();
  }
}
