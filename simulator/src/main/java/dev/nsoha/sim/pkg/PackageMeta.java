package dev.nsoha.sim.pkg;

import dev.nsoha.sim.util.Tar;
import dev.nsoha.sim.util.Xml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * A package's {@code package-meta-data.xml}: name, package-version, description and the {@code
 * ncs-min-version}s.
 */
record PackageMeta(String name, String version, String description, List<String> minVersions) {
  /** Reads {@code <pkgDir>/package-meta-data.xml}. */
  static PackageMeta read(Path pkgDir) throws IOException {
    try (InputStream in = Files.newInputStream(pkgDir.resolve("package-meta-data.xml"))) {
      return read(in, pkgDir.toString());
    }
  }

  static PackageMeta read(InputStream in, String where) throws IOException {
    Element root = Xml.parse(in).getDocumentElement();
    if (!"ncs-package".equals(Xml.localName(root))) {
      throw new IOException(where + ": syntax error in package file (root is not ncs-package)");
    }
    Element n = Xml.child(root, "name");
    if (n == null) {
      throw new IOException(where + ": syntax error in package file (no name)");
    }
    Element v = Xml.child(root, "package-version");
    Element d = Xml.child(root, "description");
    List<String> mins = new ArrayList<>();
    for (Element c : Xml.children(root)) {
      if ("ncs-min-version".equals(Xml.localName(c))) {
        mins.add(c.getTextContent().trim());
      }
    }
    return new PackageMeta(
        n.getTextContent().trim(),
        v == null ? "" : v.getTextContent().trim(),
        d == null ? null : d.getTextContent().trim(),
        mins);
  }

  /** The metadata of a package directory or {@code .tar.gz} (in the store). */
  static PackageMeta ofStoreEntry(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      return read(p);
    }
    for (Map.Entry<String, byte[]> e : Tar.read(p).entrySet()) {
      String k = e.getKey();
      if (k.endsWith("package-meta-data.xml") && k.indexOf('/') == k.lastIndexOf('/')) {
        return read(new ByteArrayInputStream(e.getValue()), p + ":" + k);
      }
    }
    throw new IOException(p + " has no package-meta-data.xml");
  }
}
