package dev.nsoha.sim.pkg;

import dev.nsoha.sim.schema.YangException;
import dev.nsoha.sim.schema.YangModule;
import dev.nsoha.sim.schema.YangParser;
import dev.nsoha.sim.util.AtomicFiles;
import dev.nsoha.sim.util.Tar;
import dev.nsoha.sim.util.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds compiled package directories or {@code .tar.gz} archives (meta-data plus {@code
 * load-dir/*.fxs} in the agreed fxs format) from YANG text, as {@code ncsc} would. Test support for
 * this module and for others (the test fixture SimCluster uses it); the bundled examples are {@code
 * dummy-1.0}, {@code dummy-1.1} and {@code inert-1.0}.
 */
public final class PackageBuilder {
  private PackageBuilder() {}

  /**
   * The YANG text of a bundled example ({@code dummy-1.0}, {@code dummy-1.1}, {@code inert-1.0}).
   */
  public static String exampleYang(String nameAndVersion) {
    try (InputStream in =
        PackageBuilder.class.getResourceAsStream("examples/" + nameAndVersion + ".yang")) {
      if (in == null) {
        throw new IllegalArgumentException("no bundled example package " + nameAndVersion);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the package directory {@code <parent>/<dirName>} for a bundled example such as {@code
   * dummy-1.1}, compiled for {@code ncsVersion}.
   */
  public static Path example(Path parent, String nameAndVersion, String ncsVersion, boolean tarball)
      throws IOException {
    int dash = nameAndVersion.lastIndexOf('-');
    String name = nameAndVersion.substring(0, dash);
    String version = nameAndVersion.substring(dash + 1);
    return build(
        parent, nameAndVersion, name, version, ncsVersion, exampleYang(nameAndVersion), tarball);
  }

  /**
   * Writes a package.
   *
   * @param parent where to write
   * @param dirName the directory (and archive) name, e.g. {@code dummy-1.0}
   * @param name the package name, e.g. {@code dummy}
   * @param version the package-version
   * @param ncsVersion the NSO version the fxs is compiled with (also gives ncs-min-version)
   * @param yang the YANG module text
   * @param tarball write {@code <dirName>.tar.gz} instead of a directory
   * @return the directory or archive written
   */
  public static Path build(
      Path parent,
      String dirName,
      String name,
      String version,
      String ncsVersion,
      String yang,
      boolean tarball)
      throws IOException {
    YangModule m;
    try {
      m = YangParser.parse(yang, name + ".yang");
    } catch (YangException e) {
      throw new IOException(e.getMessage(), e);
    }
    Path dir = tarball ? Files.createTempDirectory("pkg") : parent;
    Path pkg = dir.resolve(dirName);
    Files.createDirectories(pkg.resolve("load-dir"));
    Files.createDirectories(pkg.resolve("src/yang"));
    String meta =
        "<ncs-package xmlns=\"http://tail-f.com/ns/ncs-packages\">\n"
            + "  <name>"
            + name
            + "</name>\n"
            + "  <package-version>"
            + version
            + "</package-version>\n"
            + "  <description>Template-based "
            + name
            + " resource facing service</description>\n"
            + "  <ncs-min-version>"
            + Versions.majorMinor(ncsVersion)
            + "</ncs-min-version>\n"
            + "</ncs-package>\n";
    Files.writeString(pkg.resolve("package-meta-data.xml"), meta);
    Files.writeString(pkg.resolve("src/yang/" + m.name() + ".yang"), yang);
    Files.writeString(
        pkg.resolve("load-dir/" + m.name() + ".fxs"),
        Fxs.render(ncsVersion, m.name(), m.namespace(), m.prefix(), m.name() + ".yang", yang));
    if (!tarball) {
      return pkg;
    }
    Files.createDirectories(parent);
    Path out = parent.resolve(dirName + ".tar.gz");
    AtomicFiles.write(out, Tar.create(pkg, dirName));
    Tar.deleteTree(dir);
    return out;
  }
}
