package dev.nsoha.core.spi;

import dev.nsoha.core.model.NsoVersion;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NSO installer file, named as Cisco names them: {@code
 * nso-<version>.<os>.<arch>.installer.bin}, e.g. {@code nso-6.5.1.linux.x86_64.installer.bin}.
 *
 * @param file where it is on this machine
 * @param version the release it installs
 * @param os the operating system it is for ({@code linux})
 * @param arch the machine architecture it is for ({@code x86_64}, as {@code uname -m} prints it)
 */
public record InstallerFile(Path file, NsoVersion version, String os, String arch) {
  private static final Pattern NAME =
      Pattern.compile("nso-([0-9][0-9A-Za-z._-]*?)\\.([a-z]+)\\.([A-Za-z0-9_]+)\\.installer\\.bin");

  public InstallerFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
  }

  /**
   * Reads version, OS and architecture from the file's name.
   *
   * @throws IllegalArgumentException when the name is not {@code
   *     nso-<version>.<os>.<arch>.installer.bin}
   */
  public static InstallerFile parse(Path file) {
    String name = file.getFileName().toString();
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "installer "
              + file
              + ": the name is not nso-<version>.<os>.<arch>.installer.bin"
              + " (e.g. nso-6.5.1.linux.x86_64.installer.bin)");
    }
    NsoVersion v;
    try {
      v = NsoVersion.parse(m.group(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "installer " + file + ": '" + m.group(1) + "' is not an NSO version", e);
    }
    return new InstallerFile(file.toAbsolutePath().normalize(), v, m.group(2), m.group(3));
  }

  /** The file's name. */
  public String name() {
    return file.getFileName().toString();
  }
}
