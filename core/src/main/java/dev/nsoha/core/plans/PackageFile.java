package dev.nsoha.core.plans;

import dev.nsoha.core.model.SoftwarePackage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package archive to upgrade to, named as NSO's examples and store name them: {@code
 * <package>-<version>.tar.gz}, for example {@code dummy-1.1.tar.gz} for package {@code dummy}
 * version {@code 1.1}.
 *
 * @param file the archive's absolute path on the nodes' host
 * @param baseName the file name without {@code .tar.gz}, as {@code software packages install
 *     package} takes it
 * @param packageName the package's name
 * @param version the package's version
 */
public record PackageFile(Path file, String baseName, String packageName, String version) {
  private static final Pattern NAME = Pattern.compile("(.+?)-(\\d[\\w.]*)");

  public PackageFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(baseName, "baseName");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(version, "version");
  }

  /**
   * Reads name and version from the file name.
   *
   * @throws IllegalArgumentException when the name is not {@code <package>-<version>.tar.gz}
   */
  public static PackageFile of(Path file) {
    String fileName = file.getFileName().toString();
    String base = SoftwarePackage.stripArchiveSuffix(fileName);
    Matcher m = NAME.matcher(base);
    if (base.equals(fileName) || !m.matches()) {
      throw new IllegalArgumentException(
          "package file "
              + file
              + ": expected a name like <package>-<version>.tar.gz, e.g. dummy-1.1.tar.gz");
    }
    return new PackageFile(file.toAbsolutePath(), base, m.group(1), m.group(2));
  }

  /**
   * Whether {@code storeEntry} (a {@code software packages list} name) is another version of this
   * package.
   */
  public boolean isOtherVersionOf(String storeEntry) {
    String base = SoftwarePackage.stripArchiveSuffix(storeEntry);
    Matcher m = NAME.matcher(base);
    return m.matches() && m.group(1).equals(packageName) && !base.equals(baseName);
  }

  @Override
  public String toString() {
    return baseName;
  }
}
