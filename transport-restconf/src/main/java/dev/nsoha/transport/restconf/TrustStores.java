package dev.nsoha.transport.restconf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Loads the trust store of {@link RestconfOptions} (PKCS12, JKS, or a PEM bundle of CA
 * certificates) into what okhttp needs. Thread-safe.
 */
final class TrustStores {
  private TrustStores() {}

  /** A socket factory and the trust manager behind it. */
  record Tls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {}

  /** A failure to read the trust store; the message names the file and never the password. */
  static final class TrustStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    TrustStoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Trust for HTTPS: the certificates of {@code file} when given, otherwise the JVM's default
   * trust.
   *
   * @throws TrustStoreException when the file is missing, unreadable, of an unknown type or the
   *     password is wrong
   */
  static Tls load(Optional<Path> file, Optional<String> password) throws TrustStoreException {
    KeyStore ks = null;
    if (file.isPresent()) {
      Path p = file.get();
      if (!Files.isReadable(p)) {
        throw new TrustStoreException(
            "trust store " + p + " does not exist or is not readable", null);
      }
      char[] pw = password.map(String::toCharArray).orElse(null);
      try {
        ks = isPem(p) ? pemStore(p) : KeyStore.getInstance(p.toFile(), pw);
      } catch (IOException e) {
        throw new TrustStoreException(
            "cannot read trust store "
                + p
                + ": "
                + (e.getCause() instanceof UnrecoverableKeyException
                    ? "wrong password"
                    : String.valueOf(e.getMessage())),
            e);
      } catch (GeneralSecurityException e) {
        throw new TrustStoreException(
            "cannot read trust store " + p + " (PKCS12, JKS or PEM expected): " + e.getMessage(),
            e);
      }
    }
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      X509TrustManager tm = null;
      for (TrustManager t : tmf.getTrustManagers()) {
        if (t instanceof X509TrustManager x) {
          tm = x;
          break;
        }
      }
      if (tm == null) {
        throw new TrustStoreException(
            "no X.509 trust manager for " + file.map(Path::toString).orElse("the JVM"), null);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
      return new Tls(ctx.getSocketFactory(), tm);
    } catch (GeneralSecurityException e) {
      throw new TrustStoreException(
          "cannot set up TLS with trust store "
              + file.map(Path::toString).orElse("of the JVM")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Whether {@code file} is a PEM bundle of CA certificates rather than a key store. */
  static boolean isPem(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4096);
      return new String(head, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----");
    }
  }

  /** An in-memory trust store holding every certificate of a PEM bundle. */
  private static KeyStore pemStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    int i = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
    }
    if (i == 0) {
      throw new GeneralSecurityException("no certificate in " + file);
    }
    return ks;
  }
}
