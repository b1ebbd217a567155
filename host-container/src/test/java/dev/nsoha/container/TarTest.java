package dev.nsoha.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTest {
  @Test
  void writesArchivesThatReadBack() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] big = new byte[1000];
    big[999] = 7;
    files.put("a@2026-01-01T00:00:00.backup.gz", big);
    files.put("b.txt", "hello".getBytes(StandardCharsets.UTF_8));
    byte[] tar = DockerTar.of(files);
    assertThat(tar.length % 512).isZero();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(DockerTar.extractFirstFile(new ByteArrayInputStream(tar), out))
        .contains("a@2026-01-01T00:00:00.backup.gz");
    assertThat(out.toByteArray()).isEqualTo(big);
  }

  /** What GNU tar lists of an archive we write: directories first, modes, long names. */
  @Test
  void writesWhatGnuTarReads(@TempDir Path tmp) throws Exception {
    String longName = "backups/" + "x".repeat(120) + ".backup.gz";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(longName, "data".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(tmp.resolve("a.tar"), DockerTar.of(files));
    assertThat(gnuTar(tmp, "-tvf", file.toString()))
        .hasSize(2)
        .satisfiesExactly(
            l -> assertThat(l).startsWith("drwxr-xr-x").endsWith(" backups/"),
            l -> assertThat(l).startsWith("-rw-r--r--").endsWith(" " + longName));
  }

  /** The first regular file of an archive GNU tar wrote: directories and links come before it. */
  @Test
  void readsTheFirstRegularFileOfGnuTarArchives(@TempDir Path tmp) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/d"));
    Files.createSymbolicLink(src.resolve("a-link"), Path.of("z.txt"));
    Files.writeString(src.resolve("z.txt"), "content");
    for (String format : List.of("gnu", "pax")) {
      Path file = tmp.resolve(format + ".tar");
      gnuTar(
          tmp.resolve("src"),
          "--format=" + format,
          "--no-recursion",
          "-cf",
          file.toString(),
          "d",
          "d/a-link",
          "d/z.txt");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = Files.newInputStream(file)) {
        assertThat(DockerTar.extractFirstFile(in, out)).as(format).contains("d/z.txt");
      }
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("content");
    }
    assertThat(
            DockerTar.extractFirstFile(
                new ByteArrayInputStream(DockerTar.of(Map.of())), new ByteArrayOutputStream()))
        .isEmpty();
  }

  private static List<String> gnuTar(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tar"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ended: %s", command, out).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out.lines().toList();
  }

  @Test
  void theReloadArgumentIsAddedOnceAndDroppedAgain() {
    List<String> env = List.of("A=1", "EXTRA_ARGS=--ignore-initial-validation");
    List<String> with = ContainerHost.withExtraArg(env, ContainerHost.PACKAGE_RELOAD);
    assertThat(with)
        .containsExactly("A=1", "EXTRA_ARGS=--ignore-initial-validation --with-package-reload");
    assertThat(ContainerHost.withoutReload(with.toArray(String[]::new))).isEqualTo(env);
    assertThat(
            ContainerHost.withoutReload(new String[] {"A=1", "EXTRA_ARGS=--with-package-reload"}))
        .containsExactly("A=1");
  }
}
