package dev.nsoha.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void filesAre0600InNewDirectories0700() throws Exception {
    Path f = tmp.resolve("a/b/report.json");
    PrivateFiles.writeString(f, "one");
    assertThat(f).hasContent("one");
    assertThat(mode(f)).isEqualTo("rw-------");
    assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(tmp.resolve("a/b"))).isEqualTo("rwx------");
  }

  @Test
  void atomicWritesReplaceTheContentAndLeaveNoTemporaryFile() throws Exception {
    Path f = tmp.resolve("state/journal.json");
    PrivateFiles.writeAtomically(f, "{\"v\":1}");
    PrivateFiles.writeAtomically(f, "{\"v\":2}");
    assertThat(f).hasContent("{\"v\":2}");
    assertThat(mode(f)).isEqualTo("rw-------");
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("journal.json");
    }
  }
}
