package dev.nsoha.scenarios.tls;

import dev.nsoha.core.error.HostException;
import dev.nsoha.host.install.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HA Raft certificates of the example, made with {@code openssl} the way NSO's Raft example
 * makes them: a CA ({@code ca.key}, {@code ca.crt}), then for each node a key and a certificate
 * signed by that CA that names the node's address as a subject alternative name (as an IP address
 * and, for NSO releases that only look at DNS names, as a DNS name too). Keys are EC P-256 and
 * readable by their owner only.
 */
public final class RaftCertificates {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path dir;
  private final int days;

  /**
   * @param dir where the CA's files go ({@code ca.key}, {@code ca.crt})
   * @param days how long the CA and the node certificates are valid
   */
  public RaftCertificates(Path dir, int days) {
    this.dir = dir.toAbsolutePath().normalize();
    this.days = days;
  }

  /** The CA certificate. */
  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  /** Makes the CA: {@code openssl req -x509} with a new key. */
  public void makeCa(String commonName) {
    mkdirs(dir);
    openssl(
        "make the Raft CA",
        List.of(
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            Integer.toString(days),
            "-subj",
            "/CN=" + commonName,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign"),
        dir);
    privateFile(dir.resolve("ca.key"));
  }

  /**
   * Issues {@code <out>/<base>.key} and {@code <out>/<base>.crt} for {@code address}, and copies
   * the CA certificate to {@code <out>/ca.crt}.
   */
  public void issue(String address, Path out, String base) {
    mkdirs(out);
    Path key = out.resolve(base + ".key");
    Path csr = out.resolve(base + ".csr");
    Path crt = out.resolve(base + ".crt");
    Path ext = out.resolve(base + ".ext");
    openssl(
        "make the key and request for " + address,
        List.of(
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            csr.toString(),
            "-subj",
            "/CN=" + address),
        dir);
    privateFile(key);
    try {
      Files.writeString(
          ext,
          "subjectAltName=IP:"
              + address
              + ",DNS:"
              + address
              + "\nextendedKeyUsage=serverAuth,clientAuth\n"
              + "keyUsage=critical,digitalSignature,keyAgreement\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ext + ": " + e.getMessage(), e);
    }
    openssl(
        "sign the certificate for " + address,
        List.of(
            "x509",
            "-req",
            "-in",
            csr.toString(),
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-set_serial",
            "0x" + new BigInteger(63, RANDOM).toString(16),
            "-out",
            crt.toString(),
            "-days",
            Integer.toString(days),
            "-extfile",
            ext.toString()),
        dir);
    try {
      Files.delete(csr);
      Files.delete(ext);
      Files.copy(caCert(), out.resolve("ca.crt"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the certificate in " + out, e);
    }
  }

  /**
   * {@code openssl verify -CAfile ca.crt -verify_ip ADDRESS cert}: whether {@code cert} chains to
   * the CA and names {@code address}.
   *
   * @return openssl's output ({@code <cert>: OK} on success)
   * @throws HostException when it does not verify
   */
  public String verify(Path cert, String address) {
    return openssl(
        "verify " + cert.getFileName() + " for " + address,
        List.of("verify", "-CAfile", caCert().toString(), "-verify_ip", address, cert.toString()),
        dir);
  }

  private static String openssl(String what, List<String> args, Path cwd) {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(args);
    ProcessRunner.Result r;
    try {
      r = ProcessRunner.run("certificates", what, cmd, cwd, Map.of(), TIMEOUT);
    } catch (HostException e) {
      throw new HostException(
          "certificates",
          what,
          "cannot run openssl (the HA Raft example makes its certificates with openssl, as NSO's"
              + " example does): "
              + e.getMessage());
    }
    if (!r.ok()) {
      throw new HostException(
          "certificates",
          what,
          "openssl " + args.get(0) + " exited with status " + r.exitCode() + ": " + r.tail(4));
    }
    return r.output().strip();
  }

  private static void mkdirs(Path d) {
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + d + ": " + e.getMessage(), e);
    }
  }

  private static void privateFile(Path f) {
    try {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + f + " private: " + e.getMessage(), e);
    }
  }
}
