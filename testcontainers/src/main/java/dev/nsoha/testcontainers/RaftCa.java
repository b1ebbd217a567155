package dev.nsoha.testcontainers;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA of one {@link NsoSimCluster#raft(int)} cluster: EC P-256, and per member a key and a
 * certificate naming the member's address both as an IP address and as a DNS name (NSO 6.1 matched
 * addresses in dNSName entries only), as PEM text for the files {@code ncs.conf}'s {@code
 * ha-raft/ssl} names. Nothing is written to the local disk; the CA key stays in memory.
 */
final class RaftCa {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration VALIDITY = Duration.ofDays(30);

  private final KeyPair key;
  private final X509Certificate cert;

  /** A member's key and certificate, PEM. */
  record Issued(String keyPem, String certPem) {}

  RaftCa(String name) {
    try {
      key = newKey();
      X500Name subject = new X500Name("CN=" + name);
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(),
                  Date.from(now.minusSeconds(60)),
                  Date.from(now.plus(VALIDITY)),
                  subject,
                  key.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      cert = sign(b);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the HA Raft CA: " + e.getMessage(), e);
    }
  }

  /** The CA certificate, PEM. */
  String certPem() {
    return pem(cert);
  }

  /** A certificate for the member at {@code address}. */
  Issued issue(String address) {
    try {
      KeyPair kp = newKey();
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  cert,
                  serial(),
                  Date.from(now.minusSeconds(60)),
                  Date.from(now.plus(VALIDITY)),
                  new X500Name("CN=" + address),
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, address),
                        new GeneralName(GeneralName.dNSName, address)
                      }));
      return new Issued(pem(kp.getPrivate()), pem(sign(b)));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue an HA Raft certificate for " + address, e);
    }
  }

  private X509Certificate sign(X509v3CertificateBuilder b)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }

  private static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static String pem(Object o) {
    if (o instanceof PrivateKey k) {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(k.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    }
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return s.toString();
  }
}
