package dev.nsoha.sim.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Package archives against GNU tar: what {@link Tar#create} writes, GNU tar lists and extracts with
 * the same names, modes and contents; what GNU tar writes (GNU and pax formats), {@link Tar#read}
 * reads.
 */
class TarTest {
  private static final String LONG =
      "src/" + "a-directory-name-long-enough/".repeat(4) + "and-a-file-name-past-100-bytes.yang";

  @TempDir Path tmp;

  private Path samplePackage() throws IOException {
    Path pkg = tmp.resolve("src-dir");
    Files.createDirectories(pkg.resolve(LONG).getParent());
    Files.writeString(pkg.resolve("package-meta-data.xml"), "<ncs-package/>\n");
    Files.writeString(pkg.resolve(LONG), "module m {}\n");
    Path run = Files.createDirectories(pkg.resolve("bin")).resolve("run.sh");
    Files.writeString(run, "#!/bin/sh\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(pkg.resolve("meta-link.xml"), Path.of("package-meta-data.xml"));
    return pkg;
  }

  @Test
  void writesWhatGnuTarListsAndExtracts() throws Exception {
    Path pkg = samplePackage();
    byte[] archive = Tar.create(pkg, "dummy-1.0");
    assertThat(Tar.create(pkg, "dummy-1.0")).as("same directory, same archive").isEqualTo(archive);
    Path file = Files.write(tmp.resolve("dummy-1.0.tar.gz"), archive);

    List<String> listing = run(tmp, "tar", "-tvzf", file.toString());
    assertThat(listing)
        .anySatisfy(l -> assertThat(l).startsWith("drwxr-xr-x").endsWith(" dummy-1.0/"))
        .anySatisfy(l -> assertThat(l).startsWith("-rwxr-xr-x").endsWith(" dummy-1.0/bin/run.sh"))
        .anySatisfy(
            l ->
                assertThat(l).startsWith("-rw-r--r--").endsWith(" dummy-1.0/package-meta-data.xml"))
        .anySatisfy(l -> assertThat(l).startsWith("-rw-r--r--").endsWith(" dummy-1.0/" + LONG))
        .anySatisfy(
            l ->
                assertThat(l)
                    .as("a link is stored as its file")
                    .endsWith(" dummy-1.0/meta-link.xml"))
        .allSatisfy(l -> assertThat(l).contains(" 1970-01-01 "));

    Path out = Files.createDirectories(tmp.resolve("gnu-out"));
    run(out, "tar", "-xzf", file.toString());
    assertThat(out.resolve("dummy-1.0/" + LONG)).hasContent("module m {}");
    assertThat(out.resolve("dummy-1.0/meta-link.xml")).isRegularFile().hasContent("<ncs-package/>");
    assertThat(Files.isExecutable(out.resolve("dummy-1.0/bin/run.sh"))).isTrue();

    Map<String, byte[]> read = Tar.read(file);
    assertThat(read.keySet())
        .containsExactlyInAnyOrder(
            "dummy-1.0/bin/run.sh",
            "dummy-1.0/meta-link.xml",
            "dummy-1.0/package-meta-data.xml",
            "dummy-1.0/" + LONG);
  }

  @Test
  void readsGnuAndPaxArchivesOfGnuTar() throws Exception {
    Path pkg = samplePackage();
    for (String format : List.of("gnu", "pax", "ustar")) {
      Path file = tmp.resolve(format + ".tar.gz");
      List<String> args = new ArrayList<>(List.of("tar", "--format=" + format, "-czf"));
      args.add(file.toString());
      args.addAll(List.of("./package-meta-data.xml", "bin", "meta-link.xml"));
      if (!format.equals("ustar")) {
        args.add(LONG);
      }
      run(pkg, args.toArray(String[]::new));
      Map<String, byte[]> read = Tar.read(file);
      assertThat(read).as(format).containsKeys("package-meta-data.xml", "bin/run.sh");
      assertThat(read)
          .as(format + ": a symbolic link is no regular file")
          .doesNotContainKey("meta-link.xml");
      if (!format.equals("ustar")) {
        assertThat(new String(read.get(LONG), StandardCharsets.UTF_8)).isEqualTo("module m {}\n");
      }
      Path dest = Files.createDirectories(tmp.resolve("x-" + format));
      assertThat(Tar.extract(file, dest)).contains("package-meta-data.xml", "bin");
      assertThat(dest.resolve("bin/run.sh")).hasContent("#!/bin/sh");
    }
  }

  @Test
  void refusesToExtractOutsideTheDestination() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(bos))) {
      TarArchiveEntry e = new TarArchiveEntry("../escaped.txt", true);
      e.setSize(1);
      t.putArchiveEntry(e);
      t.write('x');
      t.closeArchiveEntry();
    }
    Path file = Files.write(tmp.resolve("evil.tar.gz"), bos.toByteArray());
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    assertThatThrownBy(() -> Tar.extract(file, dest))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unsafe path")
        .hasMessageContaining("../escaped.txt");
    assertThat(tmp.resolve("escaped.txt")).doesNotExist();
  }

  private static List<String> run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ended: %s", List.of(command), out).isTrue();
    assertThat(p.exitValue()).as("%s: %s", List.of(command), out).isZero();
    return out.lines().toList();
  }
}
