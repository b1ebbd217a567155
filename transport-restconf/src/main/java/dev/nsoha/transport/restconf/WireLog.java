package dev.nsoha.transport.restconf;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debug logging of RESTCONF traffic: request line, headers and reply status with timing. The {@code
 * Authorization} header (and any cookie or token header) is printed as {@code <redacted>}, and
 * request bodies are not printed at all, since a config merge may carry secrets such as the HA
 * token. Thread-safe.
 *
 * <p>Also applies the per-request read timeout carried by a {@link Timeout} tag.
 */
final class WireLog implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(WireLog.class);
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-auth-token");

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
    log.debug("--> {} {} {}", request.method(), request.url(), headers(request.headers()));
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.debug(
          "<-- {} {} {} ({} ms) {}",
          response.code(),
          request.method(),
          request.url(),
          ms,
          headers(response.headers()));
      return response;
    } catch (IOException e) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.debug("<-- failed {} {} ({} ms): {}", request.method(), request.url(), ms, e.toString());
      throw e;
    }
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
