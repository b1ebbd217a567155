package dev.nsoha.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.pkg.PackageBuilder;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.YangParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copy-on-write trees, the commit journal and deltas: what keeps large datastores cheap. */
class LargeDatastoreTest {
  @TempDir Path dir;
  Schema schema;
  final List<ObjectNode> deltas = new ArrayList<>();

  final Datastore.CommitHook hook =
      new Datastore.CommitHook() {
        @Override
        public void check() {}

        @Override
        public void replicate(Datastore.Change change) {
          deltas.add(change.delta());
        }
      };

  @BeforeEach
  void schema() throws Exception {
    schema =
        Schema.withPackages(
            List.of(YangParser.parse(PackageBuilder.exampleYang("dummy-1.0"), "dummy.yang")));
  }

  private Transaction tx(Datastore ds) {
    return new Transaction(ds.schema(), ds.snapshot(), edits -> ds.commit(edits, hook));
  }

  private static DataPath entry(String name) {
    return DataPath.parseKeypath("/dummy:dummies/dummy{" + name + "}/dummy");
  }

  private String value(Datastore ds, String name) {
    DataPath p = entry(name);
    DataNode n = Trees.find(ds.snapshot(), p, p.resolve(schema));
    return n == null ? null : n.value();
  }

  private DataNode list(DataNode root) {
    DataPath p = DataPath.parseKeypath("/dummy:dummies/dummy");
    return Trees.find(root, p, p.resolve(schema));
  }

  private void load(Datastore ds, int n) {
    try (Transaction t = tx(ds)) {
      for (int i = 0; i < n; i++) {
        t.setLeaf(entry(Integer.toString(i)), "10.0." + (i >> 8 & 255) + "." + (i & 255));
      }
      t.commit();
    }
  }

  @Test
  void snapshotsShareDataAndCommitsCopyOnlyWhatTheyTouch() {
    Datastore ds = new Datastore(dir, schema);
    load(ds, 3000);
    DataNode before = ds.snapshot();
    DataNode beforeList = list(before);
    try (Transaction t = tx(ds)) {
      t.setLeaf(entry("1500"), "192.0.2.1");
      t.delete(DataPath.parseKeypath("/dummy:dummies/dummy{7}"));
      t.commit();
    }
    assertThat(beforeList.entryCount()).as("an earlier snapshot keeps its data").isEqualTo(3000);
    assertThat(beforeList.entry(List.of("1500")).leaf("dummy")).isEqualTo("10.0.5.220");
    assertThat(value(ds, "1500")).isEqualTo("192.0.2.1");
    assertThat(value(ds, "7")).isNull();
    assertThat(list(ds.snapshot()).entryCount()).isEqualTo(2999);
    // Entries that the commit did not touch are the same objects in both versions.
    DataNode after = list(ds.snapshot());
    assertThat(after.entries().stream().filter(e -> e.leaf("name").equals("2999")).findFirst())
        .get()
        .isSameAs(
            beforeList.entries().stream()
                .filter(e -> e.leaf("name").equals("2999"))
                .findFirst()
                .orElseThrow());
    // System order: numeric keys numerically, across chunk boundaries.
    List<String> names = new ArrayList<>();
    after.entries().forEach(e -> names.add(e.leaf("name")));
    assertThat(names).hasSize(2999).startsWith("0", "1", "2", "3", "4", "5", "6", "8");
    assertThat(names.get(names.size() - 1)).isEqualTo("2999");
  }

  @Test
  void frozenDataRefusesWrites() {
    Datastore ds = new Datastore(dir, schema);
    load(ds, 3);
    DataNode committed = list(ds.snapshot()).entries().iterator().next();
    assertThat(committed.isFrozen()).isTrue();
    assertThatThrownBy(() -> committed.setLeaf("dummy", "1.1.1.1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("frozen");
  }

  @Test
  void smallCommitsAppendToTheJournalAndARestartReplaysIt() throws IOException {
    Datastore ds = new Datastore(dir, schema);
    load(ds, 2000);
    long base = Files.size(dir.resolve(Datastore.FILE));
    for (int i = 0; i < 5; i++) {
      try (Transaction t = tx(ds)) {
        t.setLeaf(entry("x" + i), "192.0.2." + i);
        t.commit();
      }
    }
    try (Transaction t = tx(ds)) {
      t.delete(DataPath.parseKeypath("/dummy:dummies/dummy{x0}"));
      t.commit();
    }
    assertThat(Files.size(dir.resolve(Datastore.FILE)))
        .as("the base is not rewritten")
        .isEqualTo(base);
    assertThat(Files.readAllLines(dir.resolve(Datastore.JOURNAL))).hasSize(6);
    // A crash in the middle of an append leaves a torn last line: it is ignored.
    Files.writeString(
        dir.resolve(Datastore.JOURNAL),
        "{\"prev\":\"" + ds.txid() + "\",\"txid\":\"t",
        StandardOpenOption.APPEND);
    Datastore again = new Datastore(dir, schema);
    assertThat(again.load()).isTrue();
    assertThat(again.txid()).isEqualTo(ds.txid());
    assertThat(list(again.snapshot()).contentEquals(list(ds.snapshot()))).isTrue();
    assertThat(value(again, "x0")).isNull();
    assertThat(value(again, "x4")).isEqualTo("192.0.2.4");
    assertThat(dir.resolve(Datastore.JOURNAL)).as("folded into the base at start").doesNotExist();
  }

  @Test
  void theJournalIsCompactedWhenItOutgrowsTheBase() throws IOException {
    Datastore ds = new Datastore(dir, schema);
    load(ds, 10);
    long limit = 32 * 1024;
    ds.minCompactBytes(limit);
    long written = 0;
    int i = 0;
    while (written <= limit) {
      try (Transaction t = tx(ds)) {
        t.setLeaf(entry("y" + i), "192.0.2." + (i % 250));
        t.commit();
      }
      written += deltas.get(deltas.size() - 1).toString().length() + 1;
      i++;
    }
    assertThat(
            Files.exists(dir.resolve(Datastore.JOURNAL))
                ? Files.size(dir.resolve(Datastore.JOURNAL))
                : 0)
        .isLessThan(limit);
    Datastore again = new Datastore(dir, schema);
    again.load();
    assertThat(list(again.snapshot()).entryCount()).isEqualTo(10 + i);
  }

  @Test
  void aSecondaryAppliesDeltasOnTopOfItsCopyAndRefusesAGap() throws IOException {
    Datastore primary = new Datastore(dir.resolve("p"), schema);
    Files.createDirectories(dir.resolve("p"));
    Files.createDirectories(dir.resolve("s"));
    load(primary, 500);
    Datastore secondary = new Datastore(dir.resolve("s"), schema);
    secondary.importJson(primary.exportJson());
    deltas.clear();
    for (int i = 0; i < 3; i++) {
      try (Transaction t = tx(primary)) {
        t.setLeaf(entry("z" + i), "192.0.2." + i);
        t.delete(DataPath.parseKeypath("/dummy:dummies/dummy{" + i + "}"));
        t.commit();
      }
    }
    secondary.applyDelta(deltas.get(0));
    assertThatThrownBy(() -> secondary.applyDelta(deltas.get(2)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("follows");
    secondary.applyDelta(deltas.get(1));
    secondary.applyDelta(deltas.get(2));
    assertThat(secondary.txid()).isEqualTo(primary.txid());
    assertThat(list(secondary.snapshot()).contentEquals(list(primary.snapshot()))).isTrue();
    Datastore reopened = new Datastore(dir.resolve("s"), schema);
    reopened.load();
    assertThat(reopened.txid()).isEqualTo(primary.txid());
    assertThat(
            new String(
                Files.readAllBytes(dir.resolve("s").resolve(Datastore.FILE)),
                StandardCharsets.UTF_8))
        .contains("z2");
  }

  @Test
  void validationOfADeleteStillFindsReferencesElsewhere() {
    Datastore ds = new Datastore(dir, schema);
    try (Transaction t = tx(ds)) {
      t.ensure(DataPath.parseKeypath("/ncs:devices/device{ex0}"));
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/device"), "ex0");
      t.commit();
    }
    try (Transaction t = tx(ds)) {
      t.delete(DataPath.parseKeypath("/ncs:devices/device{ex0}"));
      assertThatThrownBy(t::commit)
          .isInstanceOf(NodeRefusal.class)
          .hasMessage("illegal reference /dummy:dummies/dummy:dummy[dummy:name='d1']/dummy:device");
    }
  }
}
