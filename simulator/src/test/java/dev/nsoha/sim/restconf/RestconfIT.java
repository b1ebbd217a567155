package dev.nsoha.sim.restconf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.node.Http;
import dev.nsoha.sim.testkit.SimCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestconfIT {
  @TempDir Path tmp;
  SimCluster c;
  Http n1;
  Http n2;

  @BeforeAll
  void start() throws Exception {
    c = SimCluster.builder().baseDir(tmp).start();
    n1 = new Http(c.restconfUrl("n1"));
    n2 = new Http(c.restconfUrl("n2"));
  }

  @AfterAll
  void stop() {
    c.close();
  }

  static JsonNode json(String s) {
    return JsonCodec.parse(s);
  }

  static JsonNode json(HttpResponse<String> r) {
    return JsonCodec.parse(r.body());
  }

  private void assertError(HttpResponse<String> r, int status, String tag, String message) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/yang-data+json");
    JsonNode e = json(r).path("ietf-restconf:errors").path("error").get(0);
    assertThat(e.path("error-tag").asText()).isEqualTo(tag);
    assertThat(e.path("error-message").asText()).isEqualTo(message);
    assertThat(e.has("error-type")).isTrue();
  }

  @Test
  void haStatusHasTheDocumentedShape() {
    HttpResponse<String> r = n1.get("/data/tailf-ncs:high-availability/status");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r))
        .isEqualTo(
            json(
                "{\"tailf-ncs:status\":{\"mode\":\"primary\",\"current-id\":\"n1\",\"assigned-role\":\"primary\","
                    + "\"read-only-mode\":false,\"connected-secondary\":[{\"id\":\"n2\",\"address\":\""
                    + c.address("n2")
                    + "\"},"
                    + "{\"id\":\"n3\",\"address\":\""
                    + c.address("n3")
                    + "\"}]}}"));
    assertThat(json(n1.get("/data/tailf-ncs:high-availability/status/mode")))
        .isEqualTo(json("{\"tailf-ncs:mode\":\"primary\"}"));
    assertThat(json(n2.get("/data/tailf-ncs:high-availability/status/primary-id")))
        .isEqualTo(json("{\"tailf-ncs:primary-id\":\"n1\"}"));
    assertThat(json(n2.get("/data/tailf-ncs:high-availability/status/be-secondary-result")))
        .isEqualTo(json("{\"tailf-ncs:be-secondary-result\":\"initialized\"}"));
    JsonNode cs = json(n1.get("/data/tailf-ncs:high-availability/status/connected-secondary"));
    assertThat(cs.path("tailf-ncs:connected-secondary").size()).isEqualTo(2);
    JsonNode nonconfig = json(n1.get("/data/tailf-ncs:high-availability?content=nonconfig"));
    assertThat(nonconfig.path("tailf-ncs:high-availability").path("enabled"))
        .isEqualTo(json("[null]"));
    assertThat(nonconfig.path("tailf-ncs:high-availability").has("ha-node")).isFalse();
  }

  @Test
  void configReadsWithDefaults() {
    JsonNode cfg =
        json(n1.get("/data/tailf-ncs:high-availability?content=config&with-defaults=report-all"));
    JsonNode ha = cfg.path("tailf-ncs:high-availability");
    assertThat(ha.path("token").asText()).startsWith("$9$");
    assertThat(ha.path("ha-node").size()).isEqualTo(3);
    assertThat(ha.path("ha-node").get(0).path("failover-primary").asBoolean()).isFalse();
    assertThat(ha.path("settings").path("reconnect-secondaries").asBoolean()).isTrue();
    assertThat(ha.path("settings").path("consensus").path("algorithm").asText())
        .isEqualTo("tailf-ncs:rule-based");
    assertThat(ha.has("status")).isFalse();
    assertThat(
            json(
                n1.get(
                    "/data/tailf-ncs:high-availability/settings/reconnect-interval?with-defaults=report-all")))
        .isEqualTo(json("{\"tailf-ncs:reconnect-interval\":1}"));
    assertThat(json(n1.get("/data/tailf-ncs-monitoring:ncs-state/version")))
        .isEqualTo(json("{\"tailf-ncs-monitoring:version\":\"6.4.4\"}"));
    assertThat(json(n1.get("/data/tailf-ncs:packages/package=dummy/package-version")))
        .isEqualTo(json("{\"tailf-ncs:package-version\":\"1.0\"}"));
    assertThat(json(n1.get("/data/tailf-ncs:packages/package=dummy/oper-status")))
        .isEqualTo(json("{\"tailf-ncs:oper-status\":{\"up\":[null]}}"));
  }

  @Test
  void actionsInAllThreePathForms() {
    HttpResponse<String> r = n1.post("/operations/high-availability/enable", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(json("{\"tailf-ncs:output\":{\"result\":\"enabled\"}}"));
    r = n1.post("/operations/tailf-ncs:high-availability/local-node-id", null);
    assertThat(json(r)).isEqualTo(json("{\"tailf-ncs:output\":{\"id\":\"n1\"}}"));
    r = n1.post("/data/tailf-ncs:packages/package=dummy/redeploy", "");
    assertThat(json(r)).isEqualTo(json("{\"tailf-ncs:output\":{\"result\":true}}"));
    r =
        n1.post(
            "/operations/packages/reload",
            "{\"input\":{\"max-wait-time\":3,\"force\":\"\",\"dry-run\":[null]}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r))
        .isEqualTo(
            json(
                "{\"tailf-ncs:output\":{\"reload-result\":[{\"package\":\"dummy\",\"result\":true}]}}"));
    r = n1.post("/operations/high-availability/enable?foo=1", null);
    assertError(r, 400, "invalid-value", "invalid query parameter: foo");
    r = n1.post("/operations/high-availability/no-such-action", null);
    assertError(r, 404, "invalid-value", "uri keypath not found");
  }

  @Test
  void dataWritesAndTheirErrors() {
    HttpResponse<String> r =
        n1.patch(
            "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"w1\",\"dummy\":\"1.2.3.4\"}]}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    r = n1.get("/data/dummy:dummies/dummy=w1");
    assertThat(json(r))
        .isEqualTo(json("{\"dummy:dummy\":[{\"name\":\"w1\",\"dummy\":\"1.2.3.4\"}]}"));
    assertThat(json(n2.get("/data/dummy:dummies/dummy=w1/dummy")))
        .isEqualTo(json("{\"dummy:dummy\":\"1.2.3.4\"}"));

    r =
        n1.post(
            "/data/dummy:dummies", "{\"dummy:dummy\":[{\"name\":\"w1\",\"dummy\":\"1.1.1.1\"}]}");
    assertError(
        r,
        409,
        "data-exists",
        "object already exists: /dummy:dummies/dummy:dummy[dummy:name='w1']");
    r =
        n1.post(
            "/data/dummy:dummies", "{\"dummy:dummy\":[{\"name\":\"w2\",\"dummy\":\"2.2.2.2\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("/restconf/data/dummy:dummies/dummy=w2");

    r =
        n1.patch(
            "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"w3\",\"dummy\":\"1.2.3.999\"}]}}");
    assertError(r, 400, "invalid-value", "\"1.2.3.999\" is not a valid value.");
    r = n1.patch("/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"w3\",\"bogus\":\"x\"}]}}");
    assertError(r, 400, "unknown-element", "unknown element: bogus in /dummies/dummy");
    r = n1.patch("/data", "{\"dummy:dummies\":");
    assertThat(r.statusCode()).isEqualTo(400);

    r =
        n1.put(
            "/data/dummy:dummies/dummy=w4",
            "{\"dummy:dummy\":[{\"name\":\"w4\",\"dummy\":\"4.4.4.4\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    r =
        n1.put(
            "/data/dummy:dummies/dummy=w4",
            "{\"dummy:dummy\":[{\"name\":\"w4\",\"dummy\":\"4.4.4.5\"}]}");
    assertThat(r.statusCode()).isEqualTo(204);
    r = n1.patch("/data/dummy:dummies/dummy=w4/dummy", "{\"dummy:dummy\":\"4.4.4.6\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(json(n1.get("/data/dummy:dummies/dummy=w4/dummy")))
        .isEqualTo(json("{\"dummy:dummy\":\"4.4.4.6\"}"));
    r = n1.delete("/data/dummy:dummies/dummy=w4");
    assertThat(r.statusCode()).isEqualTo(204);
    assertError(
        n1.get("/data/dummy:dummies/dummy=w4"), 404, "invalid-value", "uri keypath not found");
    assertError(
        n1.delete("/data/dummy:dummies/dummy=w4"), 404, "invalid-value", "uri keypath not found");
    assertError(n1.get("/data/dummy:nothing"), 404, "invalid-value", "uri keypath not found");

    r =
        n2.patch(
            "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"w5\",\"dummy\":\"5.5.5.5\"}]}}");
    assertError(r, 409, "in-use", "node is in read-only mode");
  }

  @Test
  void emptyGetIs204() {
    HttpResponse<String> r = n1.get("/data/tailf-ncs:devices");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void authenticationAndNegotiation() {
    HttpResponse<String> r =
        new Http(c.restconfUrl("n1"))
            .auth("admin:wrong")
            .get("/data/tailf-ncs:high-availability/status/mode");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"restconf\"");
    r =
        new Http(c.restconfUrl("n1"))
            .auth(null)
            .get("/data/tailf-ncs:high-availability/status/mode");
    assertThat(r.statusCode()).isEqualTo(401);

    r = n1.send("GET", "/data/tailf-ncs:high-availability/status/mode", null, null, "*/*");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/yang-data+xml");
    assertThat(r.body()).contains("<mode xmlns=\"http://tail-f.com/ns/ncs\">primary</mode>");
    r =
        n1.send(
            "GET",
            "/data/tailf-ncs:high-availability/status/mode",
            null,
            "application/yang-data+json",
            "*/*");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/yang-data+json");
    r = n1.send("GET", "", null, null, null);
    assertThat(r.body()).contains("<yang-library-version>2019-01-04</yang-library-version>");
    r = n1.send("GET", "/data/dummy:dummies/dummy=none", null, null, "application/yang-data+xml");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("<error-message>uri keypath not found</error-message>");
  }

  @Test
  void readOnlyActionsTakeStringBooleans() {
    assertThat(n1.post("/operations/high-availability/read-only", null).statusCode())
        .isEqualTo(204);
    assertThat(json(n1.get("/data/tailf-ncs:high-availability/status/read-only-mode")))
        .isEqualTo(json("{\"tailf-ncs:read-only-mode\":true}"));
    assertError(
        n1.patch(
            "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"r1\",\"dummy\":\"1.1.1.1\"}]}}"),
        409,
        "in-use",
        "node is in read-only mode");
    assertThat(
            n1.post("/operations/high-availability/read-only", "{\"input\":{\"mode\":\"false\"}}")
                .statusCode())
        .isEqualTo(204);
    assertThat(json(n1.get("/data/tailf-ncs:high-availability/status/read-only-mode")))
        .isEqualTo(json("{\"tailf-ncs:read-only-mode\":false}"));
    assertThat(
            n1.post(
                    "/operations/tailf-ncs-monitoring:ncs-state/set-read-only",
                    "{\"input\":{\"mode\":true}}")
                .statusCode())
        .isEqualTo(204);
    assertThat(json(n1.get("/data/tailf-ncs-monitoring:ncs-state/read-only-mode")))
        .isEqualTo(json("{\"tailf-ncs-monitoring:read-only-mode\":[null]}"));
    assertThat(
            n1.post(
                    "/data/tailf-ncs-monitoring:ncs-state/set-read-only",
                    "{\"input\":{\"mode\":false}}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            n1.patch(
                    "/data",
                    "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"r1\",\"dummy\":\"1.1.1.1\"}]}}")
                .statusCode())
        .isEqualTo(204);
  }

  @Test
  void xmlBodiesTrimAndTheDataRoot() {
    HttpResponse<String> r =
        n1.send(
            "PATCH",
            "/data",
            "<dummies xmlns=\"http://com/example/dummy\"><dummy><name>x1</name>"
                + "<dummy>7.7.7.7</dummy></dummy></dummies>",
            "application/yang-data+xml",
            "application/yang-data+xml");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    r = n1.getXml("/data/dummy:dummies/dummy=x1");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/yang-data+xml");
    assertThat(r.body().replaceAll("\\s", ""))
        .isEqualTo(
            "<dummyxmlns=\"http://com/example/dummy\"><name>x1</name><dummy>7.7.7.7</dummy></dummy>");
    r =
        n1.send(
            "POST",
            "/operations/high-availability/local-node-id",
            null,
            null,
            "application/yang-data+xml");
    assertThat(r.body().replaceAll("\\s", ""))
        .isEqualTo("<outputxmlns=\"http://tail-f.com/ns/ncs\"><id>n1</id></output>");

    r =
        n1.patch(
            "/data/tailf-ncs:high-availability/ha-node=n1",
            "{\"tailf-ncs:ha-node\":[{\"id\":\"n1\",\"failover-primary\":false}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(
            json(n1.get("/data/tailf-ncs:high-availability/ha-node=n1?with-defaults=explicit"))
                .toString())
        .contains("failover-primary");
    assertThat(
            json(n1.get("/data/tailf-ncs:high-availability/ha-node=n1?with-defaults=trim"))
                .toString())
        .doesNotContain("failover-primary");
    assertThat(json(n3Get("/data/tailf-ncs:high-availability/ha-node=n1")).toString())
        .contains("\"failover-primary\":false");

    JsonNode root = json(n1.get("/data?content=config"));
    assertThat(root.path("ietf-restconf:data").has("tailf-ncs:high-availability")).isTrue();
    assertThat(root.path("ietf-restconf:data").has("dummy:dummies")).isTrue();
    assertError(
        n1.get("/data/tailf-ncs:high-availability?content=bogus"),
        400,
        "malformed-message",
        "invalid value for query parameter content: bogus");
    assertError(
        n1.get("/data/tailf-ncs:high-availability?foo=bar"),
        400,
        "invalid-value",
        "invalid query parameter: foo");
    assertThat(n1.send("OPTIONS", "/data", null, null, "application/yang-data+json").statusCode())
        .isEqualTo(405);
  }

  private HttpResponse<String> n3Get(String path) {
    return new Http(c.restconfUrl("n3")).get(path);
  }
}
