package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * ncs-setup, ncs-make-package and ncs-backup of the built 6.4.4 install, and the ncs.conf edits
 * NSO's HA examples make (no node needed).
 */
class SetupToolsIT {
  static final Path OLD = Path.of("target/installs/nso-6.4.4").toAbsolutePath();
  static final Path NEW = Path.of("target/installs/nso-6.5.1").toAbsolutePath();

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run sh(Path cwd, String script) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", script).directory(cwd.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  static Document xml(Path f) throws Exception {
    DocumentBuilderFactory f0 = DocumentBuilderFactory.newInstance();
    f0.setNamespaceAware(false);
    return f0.newDocumentBuilder().parse(f.toFile());
  }

  static String xpath(Document d, String expr) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(expr, d);
  }

  @Test
  void installsCarryTheirVersionAndExecutableTools() throws Exception {
    for (Path inst : List.of(OLD, NEW)) {
      String v = inst.getFileName().toString().substring(4);
      assertThat(Files.readString(inst.resolve("VERSION")).strip()).isEqualTo(v);
      for (String tool :
          List.of(
              "ncs",
              "ncs_cli",
              "ncs_cmd",
              "ncs_load",
              "ncs-setup",
              "ncs-backup",
              "ncsc",
              "ncs-make-package")) {
        assertThat(Files.isExecutable(inst.resolve("bin").resolve(tool))).as(tool).isTrue();
      }
      assertThat(inst.resolve("src/ncs/build/include.ncs.mk")).exists();
      Run r =
          sh(dir, ". " + inst + "/ncsrc && echo $NCS_DIR && ncs --version && command -v ncs_cmd");
      assertThat(r.out().lines())
          .containsExactly(inst.toRealPath().toString(), v, inst.toRealPath() + "/bin/ncs_cmd");
    }
  }

  @Test
  void ncsSetupMakesARunDirectoryThatSurvivesTheExampleEdits() throws Exception {
    Files.createDirectories(dir.resolve("packages/dummy-1.0"));
    Run r = sh(dir, OLD + "/bin/ncs-setup --dest nso-node1 --package packages/dummy-1.0");
    assertThat(r.code()).as(r.err()).isZero();
    Path run = dir.resolve("nso-node1");
    for (String d : List.of("packages", "ncs-cdb", "logs", "state", "scripts")) {
      assertThat(run.resolve(d)).isDirectory();
    }
    assertThat(Files.readSymbolicLink(run.resolve("packages/dummy-1.0")).toString())
        .isEqualTo("../../packages/dummy-1.0");
    assertThat(Files.readString(run.resolve("README.ncs")))
        .contains("ncs-setup --dest " + run.toRealPath());

    Document fresh = xml(run.resolve("ncs.conf"));
    assertThat(xpath(fresh, "/ncs-config/cli/ssh/port")).isEqualTo("2024");
    assertThat(xpath(fresh, "/ncs-config/cli/ssh/ip")).isEqualTo("0.0.0.0");
    assertThat(xpath(fresh, "/ncs-config/webui/transport/tcp/port")).isEqualTo("8080");
    assertThat(xpath(fresh, "count(/ncs-config/ncs-ipc-address)")).isEqualTo("0");
    assertThat(xpath(fresh, "count(/ncs-config/ha)")).isEqualTo("0");
    assertThat(xpath(fresh, "/ncs-config/load-path/dir[1]")).isEqualTo("./packages");

    // The edits of NSO's HA example Makefiles, node 1 on 127.0.1.1 with IPC port 4561.
    Run edit =
        sh(
            dir,
            String.join(
                "\n",
                "set -e",
                "sed -i.bak -e '/<ha>/,/<\\/ha>/d' -e '/<\\/ncs-config>/d' nso-node1/ncs.conf",
                "printf '%s\\n' '  <ha><enabled>true</enabled><ip>0.0.0.0</ip></ha>'"
                    + " '  <ncs-ipc-address><port>4569</port></ncs-ipc-address>' >> nso-node1/ncs.conf",
                "echo '</ncs-config>' >> nso-node1/ncs.conf",
                "sed -i.bak -e 's/0\\.0\\.0\\.0/127.0.1.1/g' -e 's/127\\.0\\.0\\.1/127.0.1.1/g' -e 's/4569/4561/g'"
                    + " -e 's/u@ncs/u@n1/g' -e 's|<webui>|<webui><match-host-name>false</match-host-name>|g' nso-node1/ncs.conf"));
    assertThat(edit.code()).as(edit.err()).isZero();
    Document d = xml(run.resolve("ncs.conf"));
    assertThat(xpath(d, "/ncs-config/ha/enabled")).isEqualTo("true");
    assertThat(xpath(d, "/ncs-config/ha/ip")).isEqualTo("127.0.1.1");
    assertThat(xpath(d, "/ncs-config/ncs-ipc-address/port")).isEqualTo("4561");
    assertThat(xpath(d, "count(/ncs-config/ncs-ipc-address/ip)")).isEqualTo("0");
    assertThat(xpath(d, "/ncs-config/cli/ssh/ip")).isEqualTo("127.0.1.1");
    assertThat(xpath(d, "/ncs-config/webui/transport/tcp/ip")).isEqualTo("127.0.1.1");
    assertThat(xpath(d, "/ncs-config/webui/match-host-name")).isEqualTo("false");
    assertThat(xpath(d, "/ncs-config/cli/c-prompt1")).isEqualTo("\\u@n1# ");
    assertThat(xpath(d, "/ncs-config/cli/c-prompt2")).isEqualTo("\\u@n1(\\m)# ");
  }

  @Test
  void ncsSetupResetKeepsInitFilesOnly() throws Exception {
    assertThat(sh(dir, OLD + "/bin/ncs-setup --dest r").code()).isZero();
    Files.writeString(dir.resolve("r/ncs-cdb/init.xml"), "<config/>");
    Files.writeString(dir.resolve("r/ncs-cdb/datastore.json"), "{}");
    Files.writeString(dir.resolve("r/logs/ncs.log"), "x");
    Run r = sh(dir, "NCS_IPC_PORT=1 " + OLD + "/bin/ncs-setup --dest r --reset");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("r/ncs-cdb/init.xml")).exists();
    assertThat(dir.resolve("r/ncs-cdb/datastore.json")).doesNotExist();
    assertThat(dir.resolve("r/logs/ncs.log")).doesNotExist();
  }

  @Test
  void ncsMakePackageWritesTheTemplateSkeleton() throws Exception {
    Run r =
        sh(
            dir,
            NEW
                + "/bin/ncs-make-package --service-skeleton template --root-container dummies dummy");
    assertThat(r.code()).as(r.err()).isZero();
    Path p = dir.resolve("dummy");
    List<String> files = new ArrayList<>();
    try (var walk = Files.walk(p)) {
      walk.filter(Files::isRegularFile).forEach(f -> files.add(p.relativize(f).toString()));
    }
    assertThat(files)
        .containsExactlyInAnyOrder(
            "package-meta-data.xml",
            "src/Makefile",
            "src/yang/dummy.yang",
            "templates/dummy-template.xml",
            "test/Makefile",
            "test/internal/Makefile",
            "test/internal/lux/Makefile",
            "test/internal/lux/basic/Makefile",
            "test/internal/lux/basic/run.lux");
    Document meta = xml(p.resolve("package-meta-data.xml"));
    assertThat(xpath(meta, "/ncs-package/name")).isEqualTo("dummy");
    assertThat(xpath(meta, "/ncs-package/package-version")).isEqualTo("1.0");
    assertThat(xpath(meta, "/ncs-package/ncs-min-version")).isEqualTo("6.5");
    assertThat(Files.readString(p.resolve("package-meta-data.xml"))).doesNotContain("?xml");
    String yang = Files.readString(p.resolve("src/yang/dummy.yang"));
    assertThat(yang)
        .contains(
            "namespace \"http://com/example/dummy\";",
            "container dummies {",
            "list dummy {",
            "uses ncs:service-data;",
            "ncs:servicepoint \"dummy\";",
            "leaf-list device {",
            "// replace with your own stuff here",
            "type inet:ipv4-address;");
    String mk = Files.readString(p.resolve("src/Makefile"));
    assertThat(mk)
        .contains(
            "include $(NCS_DIR)/src/ncs/build/include.ncs.mk",
            "../load-dir/%.fxs: yang/%.yang",
            "--fail-on-warnings",
            "rm -rf $(DIRS)");

    Run noTest =
        sh(
            dir,
            NEW
                + "/bin/ncs-make-package --service-skeleton template --dest x/loop-back --no-test loop-back");
    assertThat(noTest.code()).isZero();
    assertThat(dir.resolve("x/loop-back/test")).doesNotExist();
    assertThat(Files.readString(dir.resolve("x/loop-back/src/yang/loop-back.yang")))
        .contains("namespace \"http://com/example/loopback\";")
        .doesNotContain("container");

    assertThat(sh(dir, NEW + "/bin/ncs-make-package --service-skeleton java x").code()).isNotZero();
  }

  @Test
  void ncsBackupWritesAVersionedArchiveAndRestoresIt() throws Exception {
    assertThat(sh(dir, OLD + "/bin/ncs-setup --dest r").code()).isZero();
    Files.writeString(dir.resolve("r/ncs-cdb/data.txt"), "before");
    Run b = sh(dir.resolve("r"), "NCS_IPC_PORT=1 " + OLD + "/bin/ncs-backup");
    assertThat(b.code()).as(b.err()).isZero();
    List<String> names;
    try (var l = Files.list(dir.resolve("r/backups"))) {
      names = l.map(f -> f.getFileName().toString()).toList();
    }
    assertThat(names)
        .singleElement()
        .asString()
        .matches("ncs-6\\.4\\.4@\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.backup\\.gz");
    Files.writeString(dir.resolve("r/ncs-cdb/data.txt"), "after");
    Run restore =
        sh(
            dir.resolve("r"),
            "NCS_IPC_PORT=1 " + OLD + "/bin/ncs-backup --restore --non-interactive");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(Files.readString(dir.resolve("r/ncs-cdb/data.txt"))).isEqualTo("before");
  }

  @Test
  void thePackageStoreHoldsBuiltArchivesNamedLikeTheirDirectory() throws Exception {
    Path store = Path.of("target/package-store").toAbsolutePath();
    for (String p : List.of("dummy-1.0", "dummy-1.1", "inert-1.0")) {
      Run r = sh(dir, "tar xzf " + store.resolve(p + ".tar.gz"));
      assertThat(r.code()).as(r.err()).isZero();
      Path pkg = dir.resolve(p);
      String module = p.substring(0, p.indexOf('-'));
      assertThat(xpath(xml(pkg.resolve("package-meta-data.xml")), "/ncs-package/package-version"))
          .isEqualTo(p.substring(p.indexOf('-') + 1));
      String fxs = Files.readString(pkg.resolve("load-dir/" + module + ".fxs"));
      assertThat(fxs).startsWith("#nso-sim-fxs 1\nncs-version: 6.4.4\nmodule: " + module + "\n");
    }
    String yang11 = Files.readString(dir.resolve("dummy-1.1/src/yang/dummy.yang"));
    assertThat(yang11.indexOf("leaf description"))
        .isPositive()
        .isLessThan(yang11.indexOf("leaf dummy"));
    assertThat(Files.readString(dir.resolve("dummy-1.0/src/yang/dummy.yang")))
        .doesNotContain("description");
  }

  @Test
  void ncscStampsTheInstallVersionAndFailsOnYangErrors() throws Exception {
    Run mk =
        sh(
            dir,
            NEW
                + "/bin/ncs-make-package --service-skeleton template --no-test --build --root-container dummies dummy");
    assertThat(mk.code()).as(mk.err()).isZero();
    assertThat(Files.readString(dir.resolve("dummy/load-dir/dummy.fxs")))
        .contains("ncs-version: 6.5.1\n", "namespace: http://com/example/dummy\n");
    Files.writeString(
        dir.resolve("dummy/src/yang/dummy.yang"),
        Files.readString(dir.resolve("dummy/src/yang/dummy.yang"))
            .replace("type inet:ipv4-address;", "type inet:ipv4-address"));
    Run bad = sh(dir, "NCS_DIR=" + NEW + " make -C dummy/src clean all");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("yang/dummy.yang:").contains("error:");
    assertThat(dir.resolve("dummy/load-dir/dummy.fxs")).doesNotExist();
    assertThat(sh(dir, NEW + "/bin/ncsc --version").out()).isEqualTo("6.5.1\n");
  }
}
