package dev.nsoha.transport.restconf;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debug logging of RESTCONF traffic: request line, headers and body, and the reply's status,
 * timing, headers and body. The {@code Authorization} header (and any cookie or token header) is
 * printed as {@code <redacted>}, and the value of every {@code token}, {@code password} or {@code
 * secret} member of a JSON body (a config read or merge may carry the HA token) as {@code
 * <redacted>}. Bodies are cut at {@value #MAX_BODY} characters. Thread-safe.
 *
 * <p>Also applies the per-request read timeout carried by a {@link Timeout} tag.
 */
final class WireLog implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(WireLog.class);
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-auth-token");

  static final int MAX_BODY = 16_384;

  private static final Pattern SECRET_MEMBER =
      Pattern.compile(
          "(?i)(\"[A-Za-z0-9:_-]*(?:token|password|secret)[A-Za-z0-9_-]*\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\s]+)");

  /** The read and write deadline of one request. */
  record Timeout(long millis) {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Timeout t = request.tag(Timeout.class);
    if (t != null) {
      int ms = (int) Math.min(Integer.MAX_VALUE, t.millis());
      chain =
          chain
              .withReadTimeout(ms, TimeUnit.MILLISECONDS)
              .withWriteTimeout(ms, TimeUnit.MILLISECONDS);
    }
    if (!log.isDebugEnabled()) {
      return chain.proceed(request);
    }
    log.debug(
        "--> {} {} {}{}",
        request.method(),
        request.url(),
        headers(request.headers()),
        requestBody(request.body()));
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.debug(
          "<-- {} {} {} ({} ms) {}{}",
          response.code(),
          request.method(),
          request.url(),
          ms,
          headers(response.headers()),
          responseBody(response));
      return response;
    } catch (IOException e) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.debug("<-- failed {} {} ({} ms): {}", request.method(), request.url(), ms, e.toString());
      throw e;
    }
  }

  private static String requestBody(RequestBody body) {
    if (body == null || body.isDuplex() || body.isOneShot()) {
      return "";
    }
    try {
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      return text(buffer.readUtf8());
    } catch (IOException e) {
      return "\n(body not readable: " + e.getMessage() + ")";
    }
  }

  private static String responseBody(Response response) {
    try {
      return text(response.peekBody(MAX_BODY).string());
    } catch (IOException | IllegalStateException e) {
      return "";
    }
  }

  private static String text(String body) {
    if (body.isBlank()) {
      return "";
    }
    String cut = body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "..." : body;
    return "\n" + redactBody(cut.strip());
  }

  /** A JSON body with the values of secret members replaced by {@code <redacted>}. */
  static String redactBody(String body) {
    return SECRET_MEMBER.matcher(body).replaceAll("$1\"<redacted>\"");
  }

  /** The headers as {@code [Name: value, ...]} with secrets redacted. */
  static String headers(Headers headers) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String name = headers.name(i);
      sb.append(name).append(": ");
      sb.append(
          SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? "<redacted>" : headers.value(i));
    }
    return sb.append(']').toString();
  }
}
