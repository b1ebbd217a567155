package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.scenarios.tls.RunCa;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okhttp3.CertificatePinner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example over RESTCONF/HTTPS with a CA made for the run, and the certificate checks that
 * matter: another CA, another host name (unless pinned) and an expired certificate are each refused
 * with exit 3 before anything changes, naming the node and the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpsIT {
  @TempDir static Path dir;

  private ExampleCluster cluster;
  private Path run;
  private StringWriter out;
  private StringWriter err;
  private final RunCa otherCa = RunCa.create("another CA", Duration.ofDays(1));
  private Path bothCas;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = new ExampleCluster();
    run = dir.resolve("run");
    assertThat(main("example", "upgrade-nso", "--setup-only")).as("%s%n%s", out, err).isZero();
    assertThat(run.resolve("ca.cert")).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve("ca.cert"))))
        .isEqualTo("rw-------");
    bothCas = dir.resolve("both-cas.pem");
    Files.writeString(
        bothCas, Files.readString(run.resolve("ca.cert")) + RunCa.pem(otherCa.certificate()));
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.stop();
      ExampleCluster.remove(run);
    }
  }

  private int main(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--transport", "restconf", "--https"));
    all.addAll(cluster.nodeArgs(run));
    return Main.run(
        new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  /** Restarts n3 with a key and certificate issued by {@code ca} for {@code host}. */
  private String restartN3With(RunCa.Issued cert) {
    Path n3 = run.resolve("nso-node3");
    LocalInstallHost host =
        new LocalInstallHost(
            new LocalInstallHost.Layout(
                NodeId.of("n3"),
                n3,
                "127.0.0.1",
                cluster.ipcBase + 2,
                run.resolve("backups"),
                Map.of()),
            Bundle.require().oldInstall(),
            Duration.ofSeconds(120));
    host.stop();
    cert.write(n3.resolve("ssl/cert"), "host");
    host.start(Bundle.require().oldInstall(), false);
    return CertificatePinner.pin(cert.cert());
  }

  @Test
  @Order(1)
  void aNodeSignedByAnotherCaIsRefused() throws Exception {
    Path other = dir.resolve("other-ca.pem");
    otherCa.writeCertificate(other);
    assertThat(main("upgrade-nso", "--trust-store", other.toString()))
        .as("%s%n%s", out, err)
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .contains("n1 (" + cluster.a + ", restconf)")
        .contains("certificate not trusted: it is not signed by a CA in the trust store")
        .contains("nothing was changed");
    assertThat(out.toString()).doesNotContain("[ 1/");
  }

  @Test
  @Order(2)
  void aNodeWhoseCertificateNamesAnotherHostIsRefusedUnlessPinned() {
    String pin = restartN3With(otherCa.issue("nso-other.example.org", Duration.ofDays(1)));
    assertThat(main("upgrade-nso", "--trust-store", bothCas.toString()))
        .as("%s%n%s", out, err)
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .contains("n3 (" + cluster.c + ", restconf)")
        .contains("does not name this address")
        .contains(pin)
        .contains("--tls-pin");
    assertThat(out.toString()).doesNotContain("[ 1/");
  }

  @Test
  @Order(3)
  void anExpiredCertificateIsRefused() {
    Instant past = Instant.now().minus(Duration.ofDays(3));
    restartN3With(otherCa.issue(cluster.c, past, past.plus(Duration.ofDays(1))));
    assertThat(main("upgrade-nso", "--trust-store", bothCas.toString()))
        .as("%s%n%s", out, err)
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString()).contains("n3 (" + cluster.c + ", restconf)").contains("expired");
    assertThat(out.toString()).doesNotContain("[ 1/");
  }

  @Test
  @Order(4)
  void theUpgradeRunsEndToEndOverHttps() {
    String pin = restartN3With(otherCa.issue("nso-n3.example.org", Duration.ofDays(1)));
    assertThat(main("upgrade-nso", "--trust-store", bothCas.toString(), "--tls-pin", pin))
        .as("%s%n%s", out, err)
        .isZero();
    assertThat(out.toString()).contains("Verified: n1 is primary");
  }
}
