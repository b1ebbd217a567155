package dev.nsoha.sim.restconf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.node.Http;
import dev.nsoha.sim.testkit.SimCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's NSO version upgrade (upgrade_nso_rc.py), driven over RESTCONF only, against a
 * cluster started from three ncs.conf files: every request the example makes, in its order.
 */
class UpgradeNsoFlowIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  private static JsonNode json(HttpResponse<String> r) {
    return JsonCodec.parse(r.body());
  }

  private static HttpResponse<String> expect(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r;
  }

  /** Polls a GET until the JSON satisfies {@code cond}; fails with the last reply. */
  private static JsonNode poll(Http h, String path, Predicate<JsonNode> cond) {
    long end = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> r = h.get(path);
    while (true) {
      if (r.statusCode() == 200 && cond.test(json(r))) {
        return json(r);
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "timed out polling " + path + "; last reply " + r.statusCode() + " " + r.body());
      }
      LockSupport.parkNanos(50_000_000L);
      r = h.get(path);
    }
  }

  @Test
  void upgradeNsoOverRestconf() throws Exception {
    try (SimCluster c =
        SimCluster.builder().baseDir(tmp).reconnectInterval(1).reconnectAttempts(2).start()) {
      Http n1 = new Http(c.restconfUrl("n1"));
      Http n2 = new Http(c.restconfUrl("n2"));
      Http n3 = new Http(c.restconfUrl("n3"));
      String ha = "/data/tailf-ncs:high-availability";
      // 1. HA is up with start-up settings; 2. dummy config on the primary reaches n2 and n3.
      expect(n1.get(ha + "?content=config&with-defaults=report-all"), 200);
      expect(
          n1.patch(
              "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}"),
          204);
      for (Http h : new Http[] {n2, n3}) {
        assertThat(json(h.get("/data/dummy:dummies")))
            .isEqualTo(
                JsonCodec.parse(
                    "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}"));
      }
      // 3. read-only on n1 and n2 (backup would follow); 4. disable n3.
      expect(n1.post("/operations/high-availability/read-only", null), 204);
      expect(n2.post("/operations/high-availability/read-only", null), 204);
      assertThat(json(expect(n3.post("/operations/high-availability/disable", null), 200)))
          .isEqualTo(
              JsonCodec.parse("{\"tailf-ncs:output\":{\"result\":\"NSO Built-in HA disabled\"}}"));
      // 5. disable n1: n2 fails over and is primary in read-only mode.
      expect(n1.post("/operations/high-availability/disable", null), 200);
      poll(n2, ha + "/status/mode", j -> j.path("tailf-ncs:mode").asText().equals("primary"));
      assertThat(
              json(n2.get(ha + "/status/read-only-mode"))
                  .path("tailf-ncs:read-only-mode")
                  .asBoolean())
          .isTrue();
      expect(
          n2.patch(
              "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d2\",\"dummy\":\"2.2.2.2\"}]}}"),
          409);
      // 6-7. rebuild n1's packages for the new version and restart it with a package reload.
      c.stop("n1");
      c.setVersion("n1", "6.5.1");
      c.rebuildPackages("n1", "dummy-1.0");
      c.start("n1", c.options("n1").withPackageReload(true, false));
      n1 = new Http(c.restconfUrl("n1"));
      assertThat(
              json(n1.get("/data/tailf-ncs-monitoring:ncs-state/version"))
                  .path("tailf-ncs-monitoring:version")
                  .asText())
          .isEqualTo("6.5.1");
      // 8. disable n2; 9. enable n1: no primary found, n1 becomes primary (read-write).
      expect(n2.post("/operations/high-availability/disable", null), 200);
      assertThat(json(expect(n1.post("/operations/high-availability/enable", null), 200)))
          .isEqualTo(JsonCodec.parse("{\"tailf-ncs:output\":{\"result\":\"enabled\"}}"));
      poll(n1, ha + "/status/mode", j -> j.path("tailf-ncs:mode").asText().equals("primary"));
      assertThat(
              json(n1.get(ha + "/status/read-only-mode"))
                  .path("tailf-ncs:read-only-mode")
                  .asBoolean())
          .isFalse();
      // 10-12. upgrade n2 and enable it: it joins n1 as secondary.
      c.stop("n2");
      c.setVersion("n2", "6.5.1");
      c.rebuildPackages("n2", "dummy-1.0");
      c.start("n2", c.options("n2").withPackageReload(true, false));
      n2 = new Http(c.restconfUrl("n2"));
      expect(n2.post("/operations/high-availability/enable", null), 200);
      poll(
          n1,
          ha + "/status/connected-secondary",
          j -> j.path("tailf-ncs:connected-secondary").size() == 1);
      // 13-15. the same for n3.
      c.stop("n3");
      c.setVersion("n3", "6.5.1");
      c.rebuildPackages("n3", "dummy-1.0");
      c.start("n3", c.options("n3").withPackageReload(true, false));
      n3 = new Http(c.restconfUrl("n3"));
      expect(n3.post("/operations/high-availability/enable", null), 200);
      JsonNode cs =
          poll(
              n1,
              ha + "/status/connected-secondary",
              j -> j.path("tailf-ncs:connected-secondary").size() == 2);
      assertThat(cs.toString()).contains("\"n2\"").contains("\"n3\"");
      // 16. every node: mode, version, package and data.
      for (Http h : new Http[] {n1, n2, n3}) {
        assertThat(json(h.get("/data/tailf-ncs:packages/package=dummy/package-version")))
            .isEqualTo(JsonCodec.parse("{\"tailf-ncs:package-version\":\"1.0\"}"));
        assertThat(json(h.get("/data/dummy:dummies/dummy=d1/dummy")))
            .isEqualTo(JsonCodec.parse("{\"dummy:dummy\":\"1.2.3.4\"}"));
        expect(h.get(ha + "?content=nonconfig"), 200);
        expect(h.get("/data/tailf-ncs-alarms:alarms/alarm-list?content=nonconfig"), 200);
      }
      assertThat(json(n2.get(ha + "/status/mode")).path("tailf-ncs:mode").asText())
          .isEqualTo("secondary");
      assertThat(json(n3.get(ha + "/status/primary-id")).path("tailf-ncs:primary-id").asText())
          .isEqualTo("n1");
      expect(
          n1.patch(
              "/data", "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d3\",\"dummy\":\"3.3.3.3\"}]}}"),
          204);
      assertThat(json(n3.get("/data/dummy:dummies/dummy=d3/dummy")).path("dummy:dummy").asText())
          .isEqualTo("3.3.3.3");
    }
  }
}
