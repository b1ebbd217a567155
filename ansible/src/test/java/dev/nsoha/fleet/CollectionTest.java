package dev.nsoha.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collection as an Ansible user meets it, without clusters: built with {@code ansible-galaxy
 * collection build} from the distribution and installed, its module documented for {@code
 * ansible-doc}, the fleet playbook valid, and the module's own unit tests passing under the Python
 * that runs Ansible.
 */
class CollectionTest {
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final Path DIST = Path.of(System.getProperty("nsoha.dist", "missing"));

  @TempDir static Path work;
  static Ansible ansible;
  static Path collections;
  static Map<String, String> env;

  @BeforeAll
  static void buildAndInstall() throws Exception {
    ansible = Ansible.require();
    assertThat(DIST.resolve("ansible/nsoha/upgrade/galaxy.yml"))
        .as("the distribution carries the collection (build it first: make build)")
        .isRegularFile();
    env = new HashMap<>(Ansible.env(work));
    collections = work.resolve("collections");
    env.put("ANSIBLE_COLLECTIONS_PATH", collections.toString());
    Run.of(
            List.of(
                ansible.galaxy.toString(),
                "collection",
                "build",
                DIST.resolve("ansible/nsoha/upgrade").toString(),
                "--output-path",
                work.toString()),
            work,
            env,
            work.resolve("build.log"),
            DEADLINE)
        .expect(0);
    Path archive = work.resolve("nsoha-upgrade-0.1.0.tar.gz");
    assertThat(archive).isRegularFile();
    Run.of(
            List.of(
                ansible.galaxy.toString(),
                "collection",
                "install",
                archive.toString(),
                "-p",
                collections.toString()),
            work,
            env,
            work.resolve("install.log"),
            DEADLINE)
        .expect(0);
  }

  @Test
  void installedCollectionHoldsTheModuleTheRoleAndThePlaybook() {
    Path root = collections.resolve("ansible_collections/nsoha/upgrade");
    assertThat(root.resolve("plugins/modules/nso_ha_upgrade.py")).isRegularFile();
    assertThat(root.resolve("roles/cluster_upgrade/tasks/main.yml")).isRegularFile();
    assertThat(root.resolve("playbooks/upgrade_fleet.yml")).isRegularFile();
    assertThat(root.resolve("MANIFEST.json")).isRegularFile();
    // the Maven module's own files stay out of the distribution
    assertThat(DIST.resolve("ansible/pom.xml")).doesNotExist();
    assertThat(DIST.resolve("ansible/src")).doesNotExist();
  }

  @Test
  void ansibleDocShowsTheModule() throws Exception {
    Run doc =
        Run.of(
                List.of(ansible.doc.toString(), "-t", "module", "nsoha.upgrade.nso_ha_upgrade"),
                work,
                env,
                work.resolve("doc.log"),
                DEADLINE)
            .expect(0);
    assertThat(doc.output())
        .contains("NSO_HA_UPGRADE")
        .contains("Runs the `nso-ha-upgrade' program on the control node")
        .contains("OPTIONS (= is mandatory):")
        .contains("= command")
        .contains("choices: [upgrade-nso, upgrade-pkgs-sys, rollback, preflight, status]")
        .contains("- password")
        .contains("check_mode")
        .contains("EXAMPLES:")
        .contains("RETURN VALUES:")
        .contains("window_seconds")
        .doesNotContain("ERROR")
        .doesNotContain("WARNING");
  }

  @Test
  void fleetPlaybookPassesTheSyntaxCheck() throws Exception {
    Path inventory = work.resolve("syntax-inventory.yml");
    Files.writeString(
        inventory, "all:\n  children:\n    nso_rfs: {}\n    nso_clusters:\n      hosts:\n");
    Run check =
        Run.of(
                List.of(
                    ansible.playbook.toString(),
                    "--syntax-check",
                    "-i",
                    inventory.toString(),
                    DIST.resolve("ansible/upgrade-fleet.yml").toString()),
                work,
                env,
                work.resolve("syntax.log"),
                DEADLINE)
            .expect(0);
    assertThat(check.output()).doesNotContain("ERROR");
  }

  @Test
  void moduleUnitTestsPass() throws Exception {
    Path source = Path.of(System.getProperty("nsoha.collection", "missing"));
    assertThat(source.resolve("tests/unit")).isDirectory();
    Map<String, String> e = new HashMap<>(env);
    e.put("PYTHONDONTWRITEBYTECODE", "1");
    Run unit =
        Run.of(
            List.of(
                ansible.python.toString(),
                "-m",
                "unittest",
                "discover",
                "-v",
                "-s",
                "tests/unit",
                "-t",
                "."),
            source,
            e,
            work.resolve("unit.log"),
            DEADLINE);
    unit.expect(0);
    long ran;
    try (Stream<String> lines = unit.output().lines()) {
      ran = lines.filter(l -> l.endsWith(" ... ok")).count();
    }
    assertThat(ran).as("module unit tests that passed").isGreaterThanOrEqualTo(14);
    assertThat(unit.output()).contains("\nOK");
  }
}
