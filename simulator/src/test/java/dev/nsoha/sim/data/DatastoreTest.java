package dev.nsoha.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.pkg.PackageBuilder;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.YangParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreTest {
  @TempDir Path dir;
  Schema schema;

  static final Datastore.CommitHook NONE =
      new Datastore.CommitHook() {
        @Override
        public void check() {}

        @Override
        public void replicate(Datastore.Change change) {}
      };

  @BeforeEach
  void schema() throws Exception {
    schema =
        Schema.withPackages(
            List.of(YangParser.parse(PackageBuilder.exampleYang("dummy-1.0"), "dummy.yang")));
  }

  private Transaction tx(Datastore ds) {
    return new Transaction(ds.schema(), ds.snapshot(), edits -> ds.commit(edits, NONE));
  }

  @Test
  void initFilesThenCommitsPersistAcrossReopen() throws Exception {
    Files.writeString(
        dir.resolve("init.xml"),
        """
                <config xmlns="http://tail-f.com/ns/config/1.0">
                  <high-availability xmlns="http://tail-f.com/ns/ncs">
                    <token>super-secret</token>
                    <ha-node><id>n1</id><address>127.0.1.1</address><nominal-role>primary</nominal-role></ha-node>
                    <settings><reconnect-interval>10</reconnect-interval></settings>
                  </high-availability>
                  <unknown xmlns="http://example.com/not-loaded"><x>1</x></unknown>
                </config>
                """);
    Datastore ds = new Datastore(dir, schema);
    assertThat(ds.load()).isFalse();
    ds.loadInitFiles(List.of(dir.resolve("init.xml")));
    String tx0 = ds.txid();
    try (Transaction t = tx(ds)) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.2.3.4");
      assertThat(t.read(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy")).value())
          .isEqualTo("1.2.3.4");
      assertThat(t.commit()).isNotEqualTo(tx0);
    }
    Datastore again = new Datastore(dir, schema);
    assertThat(again.load()).isTrue();
    assertThat(again.txid()).isEqualTo(ds.txid());
    DataNode root = again.snapshot();
    DataPath p = DataPath.parseRestconf("tailf-ncs:high-availability/token");
    assertThat(Trees.find(root, p, p.resolve(schema)).value()).startsWith("$9$");
    p = DataPath.parseRestconf("dummy:dummies/dummy=d1/dummy");
    assertThat(Trees.find(root, p, p.resolve(schema)).value()).isEqualTo("1.2.3.4");
    assertThat(Files.list(dir).map(f -> f.getFileName().toString()))
        .doesNotContain(Datastore.FILE + ".tmp");
  }

  @Test
  void writesAreValidatedAndAtomic() {
    Datastore ds = new Datastore(dir, schema);
    try (Transaction t = tx(ds)) {
      assertThatThrownBy(
              () -> t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "300.1.1.1"))
          .isInstanceOf(NodeRefusal.class)
          .hasMessage("\"300.1.1.1\" is not a valid value.");
      assertThatThrownBy(
              () -> t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/nope"), "x"))
          .isInstanceOf(NodeRefusal.class)
          .hasMessage("uri keypath not found");
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/device"), "ex0");
      assertThatThrownBy(t::commit)
          .isInstanceOf(NodeRefusal.class)
          .hasMessage("illegal reference /dummy:dummies/dummy:dummy[dummy:name='d1']/dummy:device");
    }
    assertThat(ds.snapshot().isEmpty()).as("a failed commit changes nothing").isTrue();
    try (Transaction t = tx(ds)) {
      t.ensure(DataPath.parseKeypath("/ncs:devices/device{ex0}"));
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/device"), "ex0");
      t.commit();
    }
    try (Transaction t = tx(ds)) {
      DataPath e = DataPath.parseKeypath("/dummy:dummies/dummy{d1}");
      DataNode entry = DataNode.newEntry(e.resolve(schema).get(1), List.of("d1"));
      assertThatThrownBy(() -> t.create(e, entry))
          .isInstanceOf(NodeRefusal.class)
          .hasMessage("object already exists: /dummy:dummies/dummy:dummy[dummy:name='d1']");
      t.delete(e);
      assertThatThrownBy(() -> t.delete(e))
          .isInstanceOf(NodeRefusal.class)
          .hasMessage("uri keypath not found");
      t.commit();
    }
    assertThat(ds.snapshot().children())
        .extracting(c -> c.schema().name())
        .containsExactly("devices");
  }

  @Test
  void readOnlyHookRefusesCommit() {
    Datastore ds = new Datastore(dir, schema);
    Transaction t =
        new Transaction(
            ds.schema(),
            ds.snapshot(),
            edits ->
                ds.commit(
                    edits,
                    new Datastore.CommitHook() {
                      @Override
                      public void check() {
                        throw NodeRefusal.readOnly();
                      }

                      @Override
                      public void replicate(Datastore.Change change) {}
                    }));
    t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.1.1.1");
    assertThatThrownBy(t::commit).hasMessage("node is in read-only mode");
  }

  @Test
  void dataOfAnUnloadedModuleIsKeptAndComesBack() throws Exception {
    Datastore ds = new Datastore(dir, schema);
    try (Transaction t = tx(ds)) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.2.3.4");
      t.commit();
    }
    ds.setSchema(Schema.builtin(), List.of());
    assertThat(ds.snapshot().isEmpty()).isTrue();
    assertThat(ds.modulesWithData()).containsExactly("dummy");
    assertThat(ds.exportJson().path("data").has("dummy:dummies")).isTrue();
    ds.setSchema(schema, List.of());
    assertThat(ds.snapshot().isEmpty()).isFalse();
    ds.setSchema(Schema.builtin(), List.of("dummy"));
    assertThat(ds.modulesWithData()).isEmpty();
  }

  /**
   * A package downgrade (dummy 1.1 to 1.0 drops the {@code description} leaf) upgrades the stored
   * data as NSO's CDB does: the leaf is deleted, the entries stay readable, and what is committed
   * afterwards is what the node persists and replicates. (Before, the whole module was kept aside
   * and its old copy replaced the new commit in the persisted form, so a secondary read nothing.)
   */
  @Test
  void aLeafTheSchemaNoLongerHasIsDeletedAndTheRestOfTheModuleKept() throws Exception {
    Schema v11 =
        Schema.withPackages(
            List.of(YangParser.parse(PackageBuilder.exampleYang("dummy-1.1"), "dummy.yang")));
    Datastore ds = new Datastore(dir, v11);
    try (Transaction t = tx(ds)) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.2.3.4");
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/description"), "hello world");
      t.commit();
    }
    String before = ds.txid();

    Datastore reopened = new Datastore(dir, schema);
    assertThat(reopened.load()).isTrue();
    assertThat(reopened.txid()).isEqualTo(before);
    DataPath d1 = DataPath.parseRestconf("dummy:dummies/dummy=d1/dummy");
    assertThat(Trees.find(reopened.snapshot(), d1, d1.resolve(schema)).value())
        .isEqualTo("1.2.3.4");
    assertThat(reopened.exportJson().toString()).doesNotContain("description");
    assertThat(Files.readString(dir.resolve(Datastore.FILE))).doesNotContain("description");

    try (Transaction t = tx(reopened)) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d2}/dummy"), "5.6.7.8");
      t.commit();
    }
    Datastore secondary = new Datastore(Files.createDirectories(dir.resolve("n2")), schema);
    secondary.importJson(reopened.exportJson());
    DataPath d2 = DataPath.parseRestconf("dummy:dummies/dummy=d2/dummy");
    assertThat(Trees.find(secondary.snapshot(), d2, d2.resolve(schema)).value())
        .isEqualTo("5.6.7.8");
    assertThat(Trees.find(secondary.snapshot(), d1, d1.resolve(schema)).value())
        .isEqualTo("1.2.3.4");
  }

  @Test
  void aReloadToASchemaWithoutALeafDeletesItThere() throws Exception {
    Schema v11 =
        Schema.withPackages(
            List.of(YangParser.parse(PackageBuilder.exampleYang("dummy-1.1"), "dummy.yang")));
    Datastore ds = new Datastore(dir, v11);
    try (Transaction t = tx(ds)) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/description"), "x");
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.2.3.4");
      t.commit();
    }
    ds.setSchema(schema, List.of());
    assertThat(ds.modulesWithData()).containsExactly("dummy");
    assertThat(ds.exportJson().path("data").path("dummy:dummies").toString())
        .contains("1.2.3.4")
        .doesNotContain("description");
  }
}
