package dev.nsoha.sim.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.node.SimNodeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RESTCONF over TLS as ncs.conf's {@code /ncs-config/webui/transport/ssl} configures it, with a CA
 * and a node certificate made by openssl (PKCS#1 and PKCS#8 keys), checked by a client that trusts
 * only that CA.
 */
class RestconfTlsIT {
  @TempDir Path tmp;

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + ": " + out).isZero();
  }

  private static int freePort(String ip) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
      return s.getLocalPort();
    }
  }

  private HttpClient trusting(Path caPem) throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      ts.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes()))
        .header("Accept", "application/yang-data+json")
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  @SuppressWarnings("try") // the node only has to run while the client connects
  void servesRestconfOverTlsWithTheConfiguredCertificateAndItsCaChain() throws Exception {
    int octet = 100 + (int) (Math.random() * 150);
    String ip = "127." + octet + ".77.1";
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Test CA");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "host.key",
        "-out",
        "host.csr",
        "-subj",
        "/CN=" + ip);
    Files.writeString(tmp.resolve("san.ext"), "subjectAltName=IP:" + ip + "\n");
    openssl(
        "x509",
        "-req",
        "-in",
        "host.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        "-out",
        "host.cert");
    // The same key in the traditional PKCS#1 form, which older NSO installs generate.
    openssl("rsa", "-in", "host.key", "-traditional", "-out", "host-pkcs1.key");
    assertThat(Files.readString(tmp.resolve("host-pkcs1.key"))).contains("BEGIN RSA PRIVATE KEY");

    for (String key : List.of("host.key", "host-pkcs1.key")) {
      Path run = Files.createDirectories(tmp.resolve("run-" + key));
      int port = freePort(ip);
      Files.writeString(
          run.resolve("ncs.conf"),
          "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">"
              + "<cli><ssh><enabled>false</enabled></ssh></cli>"
              + "<webui><transport><tcp><enabled>false</enabled></tcp>"
              + "<ssl><enabled>true</enabled><ip>"
              + ip
              + "</ip><port>"
              + port
              + "</port><key-file>${CERTS}/"
              + key
              + "</key-file><cert-file>${CERTS}/host.cert</cert-file>"
              + "<ca-cert-file>${CERTS}/ca.pem</ca-cert-file></ssl></transport></webui>"
              + "</ncs-config>");
      SimNodeOptions o =
          SimNodeOptions.of(run.resolve("ncs.conf"), run, "6.4.4")
              .withEnv(Map.of("CERTS", tmp.toString()));
      try (SimNode node = SimNode.start(o)) {
        String url =
            "https://" + ip + ":" + port + "/restconf/data/tailf-ncs-monitoring:ncs-state/version";
        HttpResponse<String> r =
            trusting(tmp.resolve("ca.pem")).send(get(url), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("6.4.4");

        HttpClient defaultTrust =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> defaultTrust.send(get(url), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(SSLHandshakeException.class);
      }
    }
  }
}
