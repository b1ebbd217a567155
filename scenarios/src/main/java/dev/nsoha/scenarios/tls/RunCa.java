package dev.nsoha.scenarios.tls;

import dev.nsoha.core.io.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one run of the example (or a test): an EC P-256 CA that issues
 * node certificates for an address or host name, written as the PEM files NSO's {@code ncs.conf}
 * names ({@code key-file}, {@code cert-file}, {@code ca-cert-file}). The CA's key never leaves the
 * process unless {@link #writeCa} is asked to write it.
 */
public final class RunCa {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final KeyPair key;
  private final X509Certificate cert;

  private RunCa(String name, KeyPair key, X509Certificate cert) {
    this.name = name;
    this.key = key;
    this.cert = cert;
  }

  /** A node's key and certificate, issued by a CA. */
  public record Issued(KeyPair key, X509Certificate cert) {
    public Issued {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(cert, "cert");
    }

    /** Writes {@code <dir>/<base>.key} and {@code <dir>/<base>.cert}, private (0600). */
    public void write(Path dir, String base) {
      PrivateFiles.writeString(dir.resolve(base + ".key"), pem(key.getPrivate()));
      PrivateFiles.writeString(dir.resolve(base + ".cert"), pem(cert));
    }
  }

  /** A new CA named {@code CN=<name>}, valid from now for {@code validity}. */
  public static RunCa create(String name, Duration validity) {
    try {
      KeyPair kp = newKey();
      X500Name subject = new X500Name("CN=" + name);
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(),
                  Date.from(now.minusSeconds(60)),
                  Date.from(now.plus(validity)),
                  subject,
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(kp.getPublic()));
      return new RunCa(name, kp, sign(b, kp));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create a CA: " + e.getMessage(), e);
    }
  }

  /** The CA certificate. */
  public X509Certificate certificate() {
    return cert;
  }

  public String name() {
    return name;
  }

  /**
   * Issues a server certificate for {@code host} (an IP address gets an IP subject alternative
   * name, anything else a DNS one), valid from {@code notBefore} to {@code notAfter}.
   */
  public Issued issue(String host, Instant notBefore, Instant notAfter) {
    try {
      KeyPair kp = newKey();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      List<GeneralName> names = new ArrayList<>();
      names.add(
          isAddress(host)
              ? new GeneralName(GeneralName.iPAddress, host)
              : new GeneralName(GeneralName.dNSName, host));
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  cert,
                  serial(),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  new X500Name("CN=" + host),
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(names.toArray(new GeneralName[0])))
              .addExtension(
                  Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert));
      return new Issued(kp, sign(b, key));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a certificate for " + host, e);
    }
  }

  /** Issues a server certificate for {@code host}, valid from now for {@code validity}. */
  public Issued issue(String host, Duration validity) {
    Instant now = Instant.now();
    return issue(host, now.minusSeconds(60), now.plus(validity));
  }

  /** Writes the CA certificate (public) to {@code file}. */
  public void writeCertificate(Path file) {
    PrivateFiles.writeString(file, pem(cert));
  }

  /** Writes the CA's private key to {@code file} (0600); only tests need it. */
  public void writeCa(Path keyFile) {
    PrivateFiles.writeString(keyFile, pem(key.getPrivate()));
  }

  private static boolean isAddress(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
    X509CertificateHolder h = b.build(s);
    return new JcaX509CertificateConverter().getCertificate(h);
  }

  /** PEM text of a key (PKCS#8, {@code BEGIN PRIVATE KEY}) or certificate. */
  public static String pem(Object o) {
    if (o instanceof PrivateKey k) {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(k.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    }
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
