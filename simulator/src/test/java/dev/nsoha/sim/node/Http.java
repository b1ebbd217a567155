package dev.nsoha.sim.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A tiny RESTCONF test client over the JDK's HttpClient (Basic auth admin/admin by default). */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private String auth = "admin:admin";

  public Http(String base) {
    this.base = base;
  }

  public Http auth(String userPass) {
    this.auth = userPass;
    return this;
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null, "application/yang-data+json", "application/yang-data+json");
  }

  public HttpResponse<String> getXml(String path) {
    return send("GET", path, null, null, "application/yang-data+xml");
  }

  public HttpResponse<String> post(String path, String json) {
    return send("POST", path, json, "application/yang-data+json", "application/yang-data+json");
  }

  public HttpResponse<String> patch(String path, String json) {
    return send("PATCH", path, json, "application/yang-data+json", "application/yang-data+json");
  }

  public HttpResponse<String> put(String path, String json) {
    return send("PUT", path, json, "application/yang-data+json", "application/yang-data+json");
  }

  public HttpResponse<String> delete(String path) {
    return send("DELETE", path, null, null, "application/yang-data+json");
  }

  /** A request; null contentType/accept leave the header out. */
  public HttpResponse<String> send(
      String method, String path, String body, String contentType, String accept) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
