package dev.nsoha.scenarios.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.HostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's HA Raft certificates, made and checked with the real openssl. */
class RaftCertificatesTest {
  @TempDir Path dir;

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + ":" + out;
  }

  @Test
  void eachNodeCertificateChainsToTheCaAndNamesTheNodesAddress() throws Exception {
    RaftCertificates certs = new RaftCertificates(dir.resolve("ca"), 30);
    certs.makeCa("raft example CA");
    certs.issue("127.0.1.1", dir.resolve("n1"), "ncsd1");
    certs.issue("127.0.2.1", dir.resolve("n2"), "ncsd2");
    Path c1 = dir.resolve("n1/ncsd1.crt");
    assertThat(certs.verify(c1, "127.0.1.1")).isEqualTo(c1 + ": OK");
    assertThat(certs.verify(dir.resolve("n2/ncsd2.crt"), "127.0.2.1")).endsWith(": OK");
    assertThat(
            run("openssl", "verify", "-CAfile", dir.resolve("n1/ca.crt").toString(), c1.toString()))
        .startsWith("0:");
    assertThat(run("openssl", "x509", "-in", c1.toString(), "-noout", "-ext", "subjectAltName"))
        .contains("IP Address:127.0.1.1", "DNS:127.0.1.1");
    // The certificate of node 1 does not name node 2's address.
    assertThatThrownBy(() -> certs.verify(c1, "127.0.2.1"))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("exited with status");
    for (Path key :
        new Path[] {
          dir.resolve("ca/ca.key"), dir.resolve("n1/ncsd1.key"), dir.resolve("n2/ncsd2.key")
        }) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .isEqualTo("rw-------");
    }
    assertThat(dir.resolve("n1/ncsd1.csr")).doesNotExist();
  }

  @Test
  void aCertificateOfAnotherCaDoesNotVerify() throws Exception {
    RaftCertificates ours = new RaftCertificates(dir.resolve("ours"), 30);
    ours.makeCa("ours");
    RaftCertificates other = new RaftCertificates(dir.resolve("other"), 30);
    other.makeCa("other");
    other.issue("127.0.1.1", dir.resolve("n1"), "ncsd1");
    assertThatThrownBy(() -> ours.verify(dir.resolve("n1/ncsd1.crt"), "127.0.1.1"))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("unable to get local issuer certificate");
  }
}
