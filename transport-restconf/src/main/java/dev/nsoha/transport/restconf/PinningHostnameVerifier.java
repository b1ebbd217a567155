package dev.nsoha.transport.restconf;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import okhttp3.CertificatePinner;
import okhttp3.internal.tls.OkHostnameVerifier;

/**
 * Host name checking that also accepts a certificate the user pinned explicitly, by the SHA-256 of
 * its public key ({@code sha256/<base64>}, as okhttp and its error messages print it). Only the
 * name check is relaxed: the certificate has already been checked against the trusted CAs and its
 * validity dates by the time this runs.
 */
final class PinningHostnameVerifier implements HostnameVerifier {
  private final Set<String> pins;

  PinningHostnameVerifier(Set<String> pins) {
    this.pins = Set.copyOf(pins);
  }

  @Override
  public boolean verify(String host, SSLSession session) {
    if (OkHostnameVerifier.INSTANCE.verify(host, session)) {
      return true;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0
          && chain[0] instanceof X509Certificate leaf
          && pins.contains(CertificatePinner.pin(leaf));
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }
}
