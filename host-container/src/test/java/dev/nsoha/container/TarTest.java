package dev.nsoha.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarTest {
  @Test
  void writesArchivesThatReadBack() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] big = new byte[1000];
    big[999] = 7;
    files.put("a@2026-01-01T00:00:00.backup.gz", big);
    files.put("b.txt", "hello".getBytes(StandardCharsets.UTF_8));
    byte[] tar = Tar.of(files);
    assertThat(tar.length % 512).isZero();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(Tar.extractFirstFile(new ByteArrayInputStream(tar), out))
        .contains("a@2026-01-01T00:00:00.backup.gz");
    assertThat(out.toByteArray()).isEqualTo(big);
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
