package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight reads package archives as GNU tar writes them, in each of its formats. */
class PreflightTarTest {
  private static final String LONG =
      "pkg/src/yang/" + "a-rather-long-directory-name/".repeat(4) + "module.yang";

  @TempDir Path tmp;

  @Test
  void readsTheRegularFilesOfGnuTarArchives() throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve(LONG).getParent());
    Files.writeString(src.resolve("pkg/package-meta-data.xml"), "<ncs-package/>");
    Files.writeString(src.resolve(LONG), "module m {}");
    Files.write(src.resolve("pkg/big.bin"), new byte[(1 << 20) + 1]);
    Files.createSymbolicLink(src.resolve("pkg/link.xml"), Path.of("package-meta-data.xml"));
    for (String format : List.of("gnu", "pax")) {
      Path file = tmp.resolve(format + ".tar.gz");
      run(src, "tar", "--format=" + format, "-czf", file.toString(), "./pkg");
      Map<String, byte[]> read = Preflight.readTarGz(file);
      assertThat(read.keySet())
          .as(format)
          .containsExactlyInAnyOrder("pkg/package-meta-data.xml", LONG, "pkg/big.bin");
      assertThat(new String(read.get(LONG), StandardCharsets.UTF_8)).isEqualTo("module m {}");
      assertThat(read.get("pkg/big.bin")).as("content over 1 MiB is not kept").isEmpty();
    }
  }

  @Test
  void refusesAGzippedFileThatIsNoTarArchive() throws Exception {
    Path file = tmp.resolve("not-a-tar.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          "this is no tar archive, just text that fills a block. "
              .repeat(20)
              .getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> Preflight.readTarGz(file)).isInstanceOf(IOException.class);
    Path plain = Files.writeString(tmp.resolve("plain.tar.gz"), "not gzip");
    assertThatThrownBy(() -> Preflight.readTarGz(plain)).isInstanceOf(IOException.class);
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ended: %s", List.of(command), out).isTrue();
    assertThat(p.exitValue()).as("%s: %s", List.of(command), out).isZero();
  }
}
