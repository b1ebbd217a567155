package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.TransportOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import okhttp3.CertificatePinner;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RESTCONF over HTTPS against a MockWebServer with a self-signed certificate made for the test. */
class RestconfTlsIT {
  private static final String STORE_PASSWORD = "changeit-too";
  private static final TransportOptions QUICK =
      TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

  @TempDir Path dir;

  private HeldCertificate certificate;
  private MockNode node;

  @BeforeEach
  void start() {
    certificate =
        new HeldCertificate.Builder()
            .commonName("nso-sim")
            .addSubjectAlternativeName(MockNode.ADDRESS)
            .addSubjectAlternativeName("localhost")
            .build();
    HandshakeCertificates serverCerts =
        new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    node = MockNode.unstarted();
    node.server.useHttps(serverCerts.sslSocketFactory());
    node.start();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private Path trustStore(String type, HeldCertificate cert) throws Exception {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    ks.setCertificateEntry("nso", cert.certificate());
    Path file = dir.resolve("trust-" + type + "-" + System.nanoTime() + ".p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, STORE_PASSWORD.toCharArray());
    }
    return file;
  }

  private static RestconfNodeClientFactory https(Path store, String password) {
    return new RestconfNodeClientFactory(RestconfOptions.https(store, password));
  }

  @Test
  void httpsWithATrustStoreThatHoldsTheNodesCertificate() throws Exception {
    for (String type : new String[] {"PKCS12", "JKS"}) {
      node.reply(200, "{\"tailf-ncs-monitoring:version\":\"6.4.4\"}");
      try (NodeClient c =
          https(trustStore(type, certificate), STORE_PASSWORD).create(node.endpoint(QUICK))) {
        assertThat(c.version().text()).as(type).isEqualTo("6.4.4");
      }
      RecordedRequest r = node.server.takeRequest();
      assertThat(r.getHandshake()).as("the request came over TLS").isNotNull();
      assertThat(r.getUrl().scheme()).isEqualTo("https");
    }
  }

  @Test
  void anUntrustedCertificateGivesAClearError() {
    // The JVM's default trust does not know the test's self-signed certificate.
    node.reply(200, "{}");
    try (NodeClient c = https(null, null).create(node.endpoint(QUICK))) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessage(
              "n1 (127.0.0.1, restconf): read HA status: TLS handshake with 127.0.0.1:"
                  + node.server.getPort()
                  + " failed: certificate not trusted: it is not signed by a CA in the trust store"
                  + " (pass the CA that signed the node's certificate with --trust-store)");
    }
  }

  @Test
  void aTrustStoreWithAnotherCertificateIsNotTrusted() throws Exception {
    HeldCertificate other =
        new HeldCertificate.Builder()
            .commonName("other")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    node.reply(200, "{}");
    try (NodeClient c =
        https(trustStore("PKCS12", other), STORE_PASSWORD).create(node.endpoint(QUICK))) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining(
              "certificate not trusted: it is not signed by a CA in the trust store");
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    HeldCertificate wrongHost =
        new HeldCertificate.Builder()
            .commonName("nso-other")
            .addSubjectAlternativeName("nso.example.com")
            .build();
    try (MockNode other = MockNode.unstarted()) {
      other.server.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(wrongHost)
              .build()
              .sslSocketFactory());
      other.start();
      // One reply only: the refused handshake never reaches the server.
      other.reply(200, "{\"tailf-ncs-monitoring:version\":\"6.4.4\"}");
      try (NodeClient c =
          https(trustStore("PKCS12", wrongHost), STORE_PASSWORD).create(other.endpoint(QUICK))) {
        assertThatThrownBy(c::haStatus)
            .isInstanceOf(UnreachableException.class)
            .hasMessageContaining(
                "TLS handshake with 127.0.0.1:" + other.server.getPort() + " failed: ")
            .hasMessageContaining("does not name this address")
            .hasMessageContaining(CertificatePinner.pin(wrongHost.certificate()))
            .hasMessageContaining("--tls-pin");
      }
      // Pinned explicitly, the same certificate is accepted for this address.
      try (NodeClient c =
          new RestconfNodeClientFactory(
                  RestconfOptions.https(trustStore("PKCS12", wrongHost), STORE_PASSWORD)
                      .withPinnedCertificates(
                          Set.of(CertificatePinner.pin(wrongHost.certificate()))))
              .create(other.endpoint(QUICK))) {
        assertThat(c.version().text()).isEqualTo("6.4.4");
      }
    }
  }

  @Test
  void aPemBundleOfCaCertificatesIsATrustStore() throws Exception {
    Path pem = dir.resolve("ca.pem");
    Files.writeString(pem, certificate.certificatePem());
    node.reply(200, "{\"tailf-ncs-monitoring:version\":\"6.4.4\"}");
    try (NodeClient c = https(pem, null).create(node.endpoint(QUICK))) {
      assertThat(c.version().text()).isEqualTo("6.4.4");
    }
  }

  @Test
  void plainHttpAgainstTheTlsPortIsUnreachable() {
    node.reply(200, "{}");
    try (NodeClient c = new RestconfNodeClientFactory().create(node.endpoint(QUICK))) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining("127.0.0.1:" + node.server.getPort());
    }
  }

  @Test
  void httpsAgainstAPlainHttpPortSaysSo() {
    try (MockNode plain = new MockNode()) {
      plain.reply(200, "{}");
      TransportOptions o =
          TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500));
      try (NodeClient c = https(null, null).create(plain.endpoint(o))) {
        assertThatThrownBy(c::haStatus)
            .isInstanceOf(UnreachableException.class)
            .hasMessageStartingWith(
                "n1 (127.0.0.1, restconf): read HA status: TLS handshake with 127.0.0.1:"
                    + plain.server.getPort()
                    + " failed: ")
            .hasMessageEndingWith("(is the port plain HTTP?)");
      }
    }
  }

  @Test
  void aWrongTrustStorePasswordFailsAtOnceWithoutShowingIt() throws Exception {
    Path store = trustStore("PKCS12", certificate);
    assertThatThrownBy(() -> https(store, "not-the-password").create(node.endpoint(QUICK)))
        .isInstanceOf(HostException.class)
        .hasMessageContaining(store.toString())
        .hasMessageNotContaining("not-the-password")
        .hasMessageNotContaining(STORE_PASSWORD);
  }

  @Test
  void aMissingTrustStoreFailsAtOnce() {
    Path missing = dir.resolve("nope.p12");
    assertThatThrownBy(() -> https(missing, STORE_PASSWORD).create(node.endpoint(QUICK)))
        .isInstanceOf(HostException.class)
        .hasMessage(
            "n1 (127.0.0.1, restconf): set up HTTPS: trust store "
                + missing
                + " does not exist or is not readable");
  }
}
