package dev.nsoha.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ncs --cdb-compact's work on a CDB directory, and its compact.lock. */
class CdbCompactionTest {
  @TempDir Path dir;

  @Test
  void rewritesTheDatabaseCompactlyWithTheSameDataAndReleasesItsLock() throws Exception {
    String pretty =
        "{\n  \"txid\" : \"1-2\",\n  \"data\" : {\n    \"dummy:dummies\" : { }\n  }\n}\n";
    Files.writeString(dir.resolve(Datastore.FILE), pretty);
    assertThat(CdbCompaction.compact(dir)).containsExactly(Datastore.FILE);
    String after = Files.readString(dir.resolve(Datastore.FILE), StandardCharsets.UTF_8);
    assertThat(after).isEqualTo("{\"txid\":\"1-2\",\"data\":{\"dummy:dummies\":{}}}");
    assertThat(JsonCodec.MAPPER.readTree(after)).isEqualTo(JsonCodec.MAPPER.readTree(pretty));
    assertThat(dir.resolve(CdbCompaction.LOCK)).doesNotExist();
  }

  @Test
  void refusesALockedDirectoryAndLeavesItAlone() throws Exception {
    Files.writeString(dir.resolve(Datastore.FILE), "{ \"txid\" : \"1\" }");
    CdbCompaction.holdLock(dir);
    assertThatThrownBy(() -> CdbCompaction.compact(dir))
        .isInstanceOf(CdbCompaction.Refused.class)
        .hasMessageContaining("compact.lock exists (" + ProcessHandle.current().pid() + ")")
        .hasMessageContaining("in use by a running node");
    assertThat(Files.readString(dir.resolve(Datastore.FILE))).isEqualTo("{ \"txid\" : \"1\" }");
    assertThat(dir.resolve(CdbCompaction.LOCK)).exists();
    CdbCompaction.releaseLock(dir);
    assertThat(CdbCompaction.compact(dir)).containsExactly(Datastore.FILE);
  }

  @Test
  void refusesAMissingEmptyOrDamagedDatabase() throws Exception {
    assertThatThrownBy(() -> CdbCompaction.compact(dir.resolve("nope")))
        .hasMessageContaining("no such CDB directory");
    assertThatThrownBy(() -> CdbCompaction.compact(dir)).hasMessageContaining("holds no CDB");
    assertThat(dir.resolve(CdbCompaction.LOCK)).doesNotExist();
    Files.writeString(dir.resolve(Datastore.FILE), "{ \"txid\" : ");
    assertThatThrownBy(() -> CdbCompaction.compact(dir)).hasMessageContaining("is damaged");
    assertThat(Files.readString(dir.resolve(Datastore.FILE))).isEqualTo("{ \"txid\" : ");
  }
}
