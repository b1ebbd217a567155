package dev.nsoha.scenarios.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCaTest {
  @TempDir Path tmp;

  @Test
  void issuesCertificatesThatChainToTheCaAndNameTheHost() throws Exception {
    RunCa ca = RunCa.create("nso-ha-upgrade test CA", Duration.ofDays(1));
    RunCa.Issued n1 = ca.issue("127.0.1.1", Duration.ofDays(1));
    n1.cert().verify(ca.certificate().getPublicKey());
    n1.cert().checkValidity();
    assertThat(n1.cert().getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.1.1"));
    assertThat(ca.certificate().getBasicConstraints()).isZero();

    RunCa.Issued named = ca.issue("nso1.example.org", Duration.ofDays(1));
    assertThat(named.cert().getSubjectAlternativeNames())
        .containsExactly(List.of(2, "nso1.example.org"));

    n1.write(tmp.resolve("ssl"), "host");
    assertThat(Files.readString(tmp.resolve("ssl/host.key"))).startsWith("-----BEGIN");
    assertThat(Files.readString(tmp.resolve("ssl/host.cert")))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tmp.resolve("ssl/host.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void anExpiredCertificateFailsItsValidityCheck() {
    RunCa ca = RunCa.create("ca", Duration.ofDays(1));
    Instant past = Instant.now().minus(Duration.ofDays(3));
    RunCa.Issued old = ca.issue("127.0.1.1", past, past.plus(Duration.ofDays(1)));
    assertThatThrownBy(() -> old.cert().checkValidity())
        .isInstanceOf(CertificateExpiredException.class);
  }
}
