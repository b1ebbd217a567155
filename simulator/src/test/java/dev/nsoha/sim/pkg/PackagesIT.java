package dev.nsoha.sim.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.alarm.SimAlarm;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.node.Http;
import dev.nsoha.sim.testkit.SimCluster;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  SimCluster c;

  @AfterEach
  void stop() {
    if (c != null) {
      c.close();
    }
  }

  static JsonNode json(String s) {
    return JsonCodec.parse(s);
  }

  private static HttpResponse<String> ok(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r;
  }

  @Test
  void systemInstallUpgradeWithHaSyncReachesEveryNode() throws Exception {
    c = SimCluster.builder().baseDir(tmp.resolve("c")).systemInstall(true).start();
    Http n1 = new Http(c.restconfUrl("n1"));
    ok(
        n1.patch(
            "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}"),
        204);
    Path newPkgs = tmp.resolve("new");
    Path d11 = PackageBuilder.example(newPkgs, "dummy-1.1", "6.4.4", true);
    Path i10 = PackageBuilder.example(newPkgs, "inert-1.0", "6.4.4", true);

    ok(
        n1.post(
            "/operations/software/packages/fetch",
            "{\"input\":{\"package-from-file\":\"" + d11 + "\"}}"),
        204);
    JsonNode list = json(ok(n1.post("/operations/software/packages/list", null), 200).body());
    assertThat(list)
        .isEqualTo(
            json(
                "{\"tailf-ncs:output\":{\"package\":[{\"name\":\"dummy-1.0.tar.gz\",\"loaded\":[null]},"
                    + "{\"name\":\"dummy-1.1.tar.gz\",\"installable\":[null]}]}}"));
    HttpResponse<String> r =
        n1.post("/operations/software/packages/install", "{\"input\":{\"package\":\"dummy-1.1\"}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("package dummy is already installed (dummy-1.0.tar.gz); use replace-existing");
    r =
        ok(
            n1.post(
                "/operations/software/packages/install",
                "{\"input\":{\"package\":\"dummy-1.1\",\"replace-existing\":\"\"}}"),
            200);
    assertThat(json(r.body()))
        .isEqualTo(json("{\"tailf-ncs:output\":{\"installed\":\"dummy-1.1\"}}"));
    ok(
        n1.post(
            "/operations/software/packages/fetch",
            "{\"input\":{\"package-from-file\":\"" + i10 + "\"}}"),
        204);
    ok(
        n1.post("/operations/software/packages/install", "{\"input\":{\"package\":\"inert-1.0\"}}"),
        200);
    list = json(ok(n1.post("/operations/software/packages/list", null), 200).body());
    assertThat(list.toString())
        .contains("{\"name\":\"dummy-1.0.tar.gz\",\"installable\":[null]}")
        .contains("{\"name\":\"dummy-1.1.tar.gz\",\"installed\":[null]}")
        .contains("{\"name\":\"inert-1.0.tar.gz\",\"installed\":[null]}");
    assertThat(
            Files.isSymbolicLink(
                c.spec("n1").runDir().resolve("var/opt/ncs/packages/dummy-1.1.tar.gz")))
        .isTrue();

    r =
        ok(
            n1.post(
                "/operations/packages/ha/sync",
                "{\"input\":{\"and-reload\":{\"wait-commit-queue-empty\":\"\",\"max-wait-time\":3}}}"),
            200);
    assertThat(json(r.body()))
        .isEqualTo(
            json(
                "{\"tailf-ncs:output\":{\"sync-result\":[{\"node\":\"n2\",\"result\":true},"
                    + "{\"node\":\"n3\",\"result\":true}],\"reload-result\":[{\"package\":\"dummy\",\"result\":true},"
                    + "{\"package\":\"inert\",\"result\":true}]}}"));
    assertThat(c.node("n1").isReadOnly()).as("read-only restored after the sync").isFalse();
    for (String id : c.ids()) {
      Http h = new Http(c.restconfUrl(id));
      assertThat(json(h.get("/data/tailf-ncs:packages/package=dummy/package-version").body()))
          .as(id)
          .isEqualTo(json("{\"tailf-ncs:package-version\":\"1.1\"}"));
      assertThat(json(h.get("/data/tailf-ncs:packages/package=inert/package-version").body()))
          .as(id)
          .isEqualTo(json("{\"tailf-ncs:package-version\":\"1.0\"}"));
    }
    assertThat(c.node("n1").haStatus().connectedSecondaries()).hasSize(2);

    ok(
        n1.patch(
            "/data",
            "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"description\":\"hello world\"}]}}"),
        204);
    ok(
        n1.patch(
            "/data", "{\"inert:inerts\":{\"inert\":[{\"name\":\"i1\",\"dummy\":\"4.3.2.1\"}]}}"),
        204);
    for (String id : c.ids()) {
      Http h = new Http(c.restconfUrl(id));
      assertThat(json(h.get("/data/dummy:dummies").body()))
          .as(id)
          .isEqualTo(
              json(
                  "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"description\":\"hello world\",\"dummy\":\"1.2.3.4\"}]}}"));
      assertThat(json(h.get("/data/inert:inerts").body()))
          .as(id)
          .isEqualTo(
              json("{\"inert:inerts\":{\"inert\":[{\"name\":\"i1\",\"dummy\":\"4.3.2.1\"}]}}"));
    }
    list = json(ok(n1.post("/operations/software/packages/list", null), 200).body());
    assertThat(list.toString()).contains("{\"name\":\"dummy-1.1.tar.gz\",\"loaded\":[null]}");
    ok(
        n1.post(
            "/operations/software/packages/deinstall", "{\"input\":{\"package\":\"inert-1.0\"}}"),
        204);
  }

  @Test
  void packageBuiltForAnotherVersionFailsToLoadAndComesBackWhenRebuilt() throws Exception {
    c = SimCluster.builder().baseDir(tmp.resolve("c")).enableHa(false).start();
    Http h = new Http(c.restconfUrl("n1"));
    ok(
        h.patch(
            "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}"),
        204);
    c.stop("n1");
    c.setVersion("n1", "6.5.1");
    c.start("n1", c.options("n1").withPackageReload(true, false));
    assertThat(c.node("n1").version()).isEqualTo("6.5.1");
    h = new Http(c.restconfUrl("n1"));
    JsonNode os = json(h.get("/data/tailf-ncs:packages/package=dummy/oper-status").body());
    assertThat(os.path("tailf-ncs:oper-status").has("file-load-error")).isTrue();
    assertThat(os.path("tailf-ncs:oper-status").path("error-info").asText())
        .isEqualTo(
            "dummy.fxs: compiled by NSO 6.4.4, incompatible with NSO 6.5.1; the package must be rebuilt for NSO 6.5");
    assertThat(c.node("n1").alarms()).extracting(SimAlarm::type).contains("package-load-failure");
    JsonNode alarms =
        json(h.get("/data/tailf-ncs-alarms:alarms/alarm-list?content=nonconfig").body());
    assertThat(alarms.toString()).contains("\"type\":\"tailf-ncs-alarms:package-load-failure\"");
    assertThat(h.get("/data/dummy:dummies").statusCode()).isEqualTo(404);

    HttpResponse<String> r = ok(h.post("/operations/packages/reload", null), 200);
    assertThat(
            json(r.body())
                .path("tailf-ncs:output")
                .path("reload-result")
                .get(0)
                .path("result")
                .asBoolean())
        .isFalse();
    assertThat(
            json(r.body())
                .path("tailf-ncs:output")
                .path("reload-result")
                .get(0)
                .path("info")
                .asText())
        .contains("must be rebuilt for NSO 6.5");

    c.rebuildPackages("n1", "dummy-1.0");
    r = ok(h.post("/operations/packages/reload", "{\"input\":{\"force\":\"\"}}"), 200);
    assertThat(json(r.body()))
        .isEqualTo(
            json(
                "{\"tailf-ncs:output\":{\"reload-result\":[{\"package\":\"dummy\",\"result\":true}]}}"));
    assertThat(json(h.get("/data/dummy:dummies/dummy=d1/dummy").body()))
        .isEqualTo(json("{\"dummy:dummy\":\"1.2.3.4\"}"));
    assertThat(c.node("n1").alarms())
        .filteredOn(a -> a.type().equals("package-load-failure"))
        .allMatch(SimAlarm::cleared);
  }

  @Test
  void ncsMinVersionAndModuleRemovalAreEnforced() throws Exception {
    c = SimCluster.builder().baseDir(tmp.resolve("c")).enableHa(false).start();
    Http h = new Http(c.restconfUrl("n1"));
    Path pk = c.spec("n1").runDir().resolve("packages");
    PackageBuilder.example(pk, "inert-1.0", "6.5.1", true);
    HttpResponse<String> r = h.post("/operations/packages/reload", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(
            json(r.body())
                .path("ietf-restconf:errors")
                .path("error")
                .get(0)
                .path("error-message")
                .asText())
        .isEqualTo("Failed to load NCS package: inert; requires NCS version 6.5");
    Files.delete(pk.resolve("inert-1.0.tar.gz"));

    ok(
        h.patch(
            "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}"),
        204);
    Files.delete(pk.resolve("dummy-1.0.tar.gz"));
    r = h.post("/operations/packages/reload", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains(
            "The following modules will be deleted by upgrade:\\ndummy\\nIf this is intended, proceed with 'force' parameter.");
    r = ok(h.post("/operations/packages/reload", "{\"input\":{\"force\":[null]}}"), 204);
    assertThat(c.node("n1").packages()).isEmpty();
    assertThat(h.get("/data/dummy:dummies").statusCode()).isEqualTo(404);
  }

  @Test
  void privateCopyIsUsedUntilAReloadIsRequested() throws Exception {
    c = SimCluster.builder().baseDir(tmp.resolve("c")).enableHa(false).start();
    Path inUse = c.spec("n1").runDir().resolve("state/packages-in-use/1/dummy/load-dir/dummy.fxs");
    assertThat(inUse).exists();
    PackageBuilder.example(c.spec("n1").runDir().resolve("packages"), "inert-1.0", "6.4.4", true);
    c.start("n1");
    assertThat(c.node("n1").packages()).extracting(PackageInfo::name).containsExactly("dummy");
    Map<String, String> env = new HashMap<>(c.options("n1").env());
    env.put("NCS_RELOAD_PACKAGES", "true");
    c.start("n1", c.options("n1").withEnv(env));
    assertThat(c.node("n1").packages())
        .extracting(PackageInfo::name)
        .containsExactly("dummy", "inert");
    assertThat(c.spec("n1").runDir().resolve("state/packages-in-use/1/inert/package-meta-data.xml"))
        .exists();
  }
}
