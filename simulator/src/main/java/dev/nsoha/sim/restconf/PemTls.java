package dev.nsoha.sim.restconf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server {@link SSLContext} from the PEM files NSO's {@code ncs.conf} names: the private key
 * ({@code key-file}: PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA PRIVATE KEY}), the
 * certificate ({@code cert-file}) and the CA certificates that complete the chain ({@code
 * ca-cert-file}). JDK only.
 */
public final class PemTls {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

  private PemTls() {}

  /**
   * The server context.
   *
   * @throws IOException with the file and the reason when a file is missing or not PEM
   */
  static SSLContext serverContext(Path keyFile, Path certFile, Optional<Path> caCertFile)
      throws IOException {
    try {
      PrivateKey key = privateKey(keyFile);
      List<X509Certificate> chain = new ArrayList<>(certificates(certFile));
      if (chain.isEmpty()) {
        throw new IOException(certFile + ": no certificate in the file");
      }
      if (caCertFile.isPresent()) {
        // Complete the chain with the CA certificates that issued it, in order; others in the file
        // (CAs trusted for client certificates) are not part of the server's chain.
        List<X509Certificate> cas = certificates(caCertFile.get());
        boolean grown = true;
        while (grown) {
          grown = false;
          X509Certificate last = chain.get(chain.size() - 1);
          if (last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
            break;
          }
          for (X509Certificate ca : cas) {
            if (!chain.contains(ca)
                && ca.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
              chain.add(ca);
              grown = true;
              break;
            }
          }
        }
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = "sim".toCharArray();
      ks.setKeyEntry("host", key, pw, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot build TLS from " + keyFile + " and " + certFile + ": " + e.getMessage(), e);
    }
  }

  public static List<X509Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (byte[] der : blocks(file, "CERTIFICATE")) {
      out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
    }
    return out;
  }

  public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    List<byte[]> pkcs8 = blocks(file, "PRIVATE KEY");
    byte[] der;
    if (!pkcs8.isEmpty()) {
      der = pkcs8.get(0);
    } else {
      List<byte[]> pkcs1 = blocks(file, "RSA PRIVATE KEY");
      if (pkcs1.isEmpty()) {
        throw new IOException(
            file + ": no PEM private key (expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
      }
      der = rsaPkcs1ToPkcs8(pkcs1.get(0));
    }
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException e) {
        // try the next algorithm
      }
    }
    throw new IOException(file + ": the private key is neither RSA, EC nor Ed25519");
  }

  private static List<byte[]> blocks(Path file, String type) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return out;
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
  private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algId = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octet = derElement(0x04, pkcs1);
    byte[] body = new byte[version.length + algId.length + octet.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algId, 0, body, version.length, algId.length);
    System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
    return derElement(0x30, body);
  }

  private static byte[] derElement(int tag, byte[] content) {
    int len = content.length;
    byte[] lenBytes;
    if (len < 0x80) {
      lenBytes = new byte[] {(byte) len};
    } else if (len < 0x100) {
      lenBytes = new byte[] {(byte) 0x81, (byte) len};
    } else if (len < 0x10000) {
      lenBytes = new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
    } else {
      lenBytes = new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
    }
    byte[] out = new byte[1 + lenBytes.length + len];
    out[0] = (byte) tag;
    System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
    System.arraycopy(content, 0, out, 1 + lenBytes.length, len);
    return out;
  }
}
