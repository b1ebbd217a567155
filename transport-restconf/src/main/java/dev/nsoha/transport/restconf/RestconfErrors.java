package dev.nsoha.transport.restconf;

import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NotFoundException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.error.ReadOnlyException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.transport.restconf.RestconfJson.RestconfError;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Maps RESTCONF replies and I/O failures into core's exception hierarchy (RFC 8040 §7,
 * docs/nso-interface.md, "RESTCONF").
 *
 * <ul>
 *   <li>any status whose error message says {@code read-only mode}: {@link ReadOnlyException};
 *   <li>401 and 403: {@link AuthenticationException};
 *   <li>404: {@link NotFoundException};
 *   <li>400 and 405 (invalid-value, malformed-message, unknown-element, ...): {@link
 *       InvalidInputException}; a 400 tagged operation-failed: {@link OperationFailedException};
 *   <li>409, 412 and 5xx: {@link OperationFailedException};
 *   <li>anything else: {@link ProtocolException}.
 * </ul>
 *
 * <p>Connection refused, DNS failure, a connect timeout, a TLS failure or a dropped connection
 * become {@link UnreachableException} naming {@code host:port}; a read timeout once connected
 * becomes {@link NsoTimeoutException}. Stateless and thread-safe.
 */
final class RestconfErrors {
  /** error-tags that mean "the request is wrong" (RFC 8040 §7). */
  private static final Set<String> INVALID_TAGS =
      Set.of(
          "invalid-value",
          "malformed-message",
          "unknown-element",
          "bad-element",
          "missing-element",
          "unknown-attribute",
          "bad-attribute",
          "missing-attribute",
          "unknown-namespace",
          "too-big",
          "operation-not-supported");

  private RestconfErrors() {}

  /**
   * The exception for a non-2xx reply.
   *
   * @param where {@code n2 (127.0.2.1, restconf)}
   * @param operation the operation in words
   * @param status the HTTP status
   * @param body the reply body, maybe empty
   * @param user the user name, for the 401 message (never the password)
   */
  static NsoException forStatus(
      String where, String operation, int status, String body, String user) {
    List<RestconfError> errors = RestconfJson.errors(body);
    String messages =
        errors.stream()
            .map(e -> !e.message().isEmpty() ? e.message() : e.tag())
            .filter(m -> !m.isEmpty())
            .distinct()
            .collect(Collectors.joining("; "));
    Set<String> tags = errors.stream().map(RestconfError::tag).collect(Collectors.toSet());
    String detail = messages.isEmpty() ? fallbackDetail(status, body) : messages;

    if (isReadOnly(errors, body)) {
      return new ReadOnlyException(where, operation, detail);
    }
    if (status == 401) {
      return new AuthenticationException(
          where,
          operation,
          messages.isEmpty()
              ? "the node refused the credentials of user '" + user + "' (HTTP 401)"
              : messages + " (HTTP 401)");
    }
    if (status == 403) {
      return new AuthenticationException(
          where,
          operation,
          messages.isEmpty()
              ? "access denied for user '" + user + "' (HTTP 403)"
              : messages + " (HTTP 403)");
    }
    if (status == 404) {
      return new NotFoundException(where, operation, detail);
    }
    if (status == 400
        && tags.contains("operation-failed")
        && tags.stream().noneMatch(INVALID_TAGS::contains)) {
      return new OperationFailedException(where, operation, detail);
    }
    if (status == 400 || status == 405) {
      return new InvalidInputException(where, operation, detail);
    }
    if (status == 409 || status == 412 || (status >= 500 && status <= 599)) {
      return new OperationFailedException(where, operation, detail);
    }
    return new ProtocolException(
        where, operation, "unexpected HTTP status " + status + ": " + detail);
  }

  private static boolean isReadOnly(List<RestconfError> errors, String body) {
    for (RestconfError e : errors) {
      if (mentionsReadOnly(e.message()) || mentionsReadOnly(e.appTag())) {
        return true;
      }
    }
    return errors.isEmpty() && body != null && mentionsReadOnly(body);
  }

  private static boolean mentionsReadOnly(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.contains("read-only mode") || t.contains("read only mode");
  }

  private static String fallbackDetail(int status, String body) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty() || text.startsWith("<")) {
      return "HTTP " + status;
    }
    return RestconfJson.abbreviate(text) + " (HTTP " + status + ")";
  }

  /**
   * The exception for a request that got no HTTP reply.
   *
   * @param hostPort {@code 127.0.2.1:8080}
   * @param phase how far the call got before it failed
   * @param connectTimeout the connect deadline, for the message
   * @param readTimeout the read deadline of this request, for the message
   */
  static NsoException forIo(
      String where,
      String operation,
      String hostPort,
      IOException e,
      ConnectTracker.Phase phase,
      Duration connectTimeout,
      Duration readTimeout) {
    boolean connected = phase == ConnectTracker.Phase.CONNECTED;
    String tls = tlsProblem(e, hostPort);
    if (tls != null) {
      return new UnreachableException(where, operation, tls, e);
    }
    if (e instanceof ConnectException) {
      return new UnreachableException(
          where, operation, "cannot connect to " + hostPort + ": connection refused", e);
    }
    if (e instanceof UnknownHostException) {
      return new UnreachableException(
          where, operation, "cannot resolve " + hostPort + ": unknown host", e);
    }
    if (e instanceof NoRouteToHostException) {
      return new UnreachableException(
          where, operation, "cannot connect to " + hostPort + ": no route to host", e);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      if (phase == ConnectTracker.Phase.TLS_HANDSHAKE) {
        return new UnreachableException(
            where,
            operation,
            "TLS handshake with "
                + hostPort
                + " failed: no TLS reply within "
                + seconds(readTimeout)
                + " (is the port plain HTTP?)",
            e);
      }
      if (connected) {
        return new NsoTimeoutException(
            where, operation, "no reply from " + hostPort + " within " + seconds(readTimeout), e);
      }
      return new UnreachableException(
          where,
          operation,
          "cannot connect to " + hostPort + ": connect timed out after " + seconds(connectTimeout),
          e);
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (connected) {
      return new UnreachableException(
          where, operation, "connection to " + hostPort + " lost: " + msg, e);
    }
    return new UnreachableException(
        where, operation, "cannot connect to " + hostPort + ": " + msg, e);
  }

  /** A clear text for a TLS failure, or null when {@code e} is not one. */
  static String tlsProblem(IOException e, String hostPort) {
    if (!(e instanceof SSLException)) {
      return null;
    }
    String prefix = "TLS handshake with " + hostPort + " failed: ";
    if (e instanceof SSLPeerUnverifiedException) {
      return prefix
          + "the certificate does not name this address ("
          + e.getMessage()
          + "); if you trust this certificate anyway, pin it with --tls-pin and the sha256/... value"
          + " above";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return prefix + "the certificate has expired (" + t.getMessage() + ")";
      }
      if (t instanceof CertificateNotYetValidException) {
        return prefix + "the certificate is not yet valid (" + t.getMessage() + ")";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException
          || String.valueOf(t.getMessage()).contains("PKIX path building failed")) {
        return prefix
            + "certificate not trusted: it is not signed by a CA in the trust store (pass the CA"
            + " that signed the node's certificate with --trust-store)";
      }
      if (t instanceof CertificateExpiredException) {
        return prefix + "the certificate has expired (" + t.getMessage() + ")";
      }
      if (t instanceof CertificateNotYetValidException) {
        return prefix + "the certificate is not yet valid (" + t.getMessage() + ")";
      }
      if (t instanceof CertPathValidatorException) {
        return prefix
            + "certificate not trusted ("
            + t.getMessage()
            + "); pass the CA that signed the node's certificate with --trust-store";
      }
    }
    String msg = String.valueOf(e.getMessage());
    String lower = msg.toLowerCase(Locale.ROOT);
    if (lower.contains("unrecognized ssl message")) {
      return prefix + "the node does not speak TLS on this port (is the port plain HTTP?)";
    }
    if (e instanceof SSLHandshakeException
        && (lower.contains("terminated the handshake") || e.getCause() instanceof EOFException)) {
      return prefix
          + "the node closed the connection during the handshake (is the port plain HTTP?)";
    }
    return prefix + msg;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
