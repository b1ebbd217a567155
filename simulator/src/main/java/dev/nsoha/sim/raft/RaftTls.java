package dev.nsoha.sim.raft;

import dev.nsoha.sim.restconf.PemTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS between members: this member's key and certificate, and trust in exactly the configured CA
 * (mutual authentication). On top of the chain check, a peer's certificate must name the peer's
 * address (a subject alternative name of type iPAddress or dNSName), as NSO requires.
 */
final class RaftTls {
  /** A certificate as {@code /ha-raft/status/certificates} lists it. */
  record CertInfo(String serial, String expiration, String file) {}

  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private final SSLContext context;
  private final List<CertInfo> own;
  private final List<CertInfo> cas;

  private RaftTls(SSLContext context, List<CertInfo> own, List<CertInfo> cas) {
    this.context = context;
    this.own = own;
    this.cas = cas;
  }

  /**
   * Loads the member's TLS material.
   *
   * @throws IOException naming the file when one is missing or unreadable
   */
  static RaftTls load(Path keyFile, Path certFile, Path caFile) throws IOException {
    try {
      PrivateKey key = PemTls.privateKey(keyFile);
      List<X509Certificate> chain = PemTls.certificates(certFile);
      if (chain.isEmpty()) {
        throw new IOException(certFile + ": no certificate in the file");
      }
      List<X509Certificate> ca = PemTls.certificates(caFile);
      if (ca.isEmpty()) {
        throw new IOException(caFile + ": no certificate in the file");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = "raft".toCharArray();
      ks.setKeyEntry("node", key, pw, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      for (int i = 0; i < ca.size(); i++) {
        ts.setCertificateEntry("ca" + i, ca.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      SSLContext ctx = SSLContext.getInstance("TLSv1.2");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return new RaftTls(ctx, infos(chain.subList(0, 1), certFile), infos(ca, caFile));
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot use " + keyFile + ", " + certFile + " and " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static List<CertInfo> infos(List<X509Certificate> certs, Path file) {
    List<CertInfo> out = new ArrayList<>();
    for (X509Certificate c : certs) {
      out.add(
          new CertInfo(
              c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
              EXPIRY.format(c.getNotAfter().toInstant()),
              file.toString()));
    }
    return out;
  }

  SSLContext context() {
    return context;
  }

  List<CertInfo> own() {
    return own;
  }

  List<CertInfo> cas() {
    return cas;
  }

  /**
   * Checks that the peer's certificate names {@code address}.
   *
   * @return null when it does, else the reason
   */
  static String checkNames(SSLSession session, String address) {
    X509Certificate c;
    try {
      c = (X509Certificate) session.getPeerCertificates()[0];
    } catch (SSLPeerUnverifiedException e) {
      return "no peer certificate";
    }
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == 2 || type == 7) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return "unreadable subject alternative names: " + e.getMessage();
    }
    for (String n : names) {
      if (n.equalsIgnoreCase(address) || sameIp(n, address)) {
        return null;
      }
    }
    return "certificate "
        + c.getSubjectX500Principal().getName()
        + " does not name "
        + address
        + " (subject alternative names "
        + names
        + ")";
  }

  private static boolean sameIp(String a, String b) {
    if (!looksLikeIp(a) || !looksLikeIp(b)) {
      return false;
    }
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean looksLikeIp(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }
}
