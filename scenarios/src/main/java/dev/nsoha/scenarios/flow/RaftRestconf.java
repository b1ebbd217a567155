package dev.nsoha.scenarios.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.spi.NodeEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A stop-gap HA Raft helper for the example until the tool's node clients learn Raft: reads {@code
 * /ha-raft/status} and runs {@code /ha-raft/create-cluster} over a node's RESTCONF, in the forms
 * NSO documents ({@code tailf-ncs-high-availability-raft:ha-raft}). Plain HTTP only.
 */
public final class RaftRestconf {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODULE = "tailf-ncs-high-availability-raft:";
  private final NodeEndpoint node;
  private final HttpClient http;

  public RaftRestconf(NodeEndpoint node) {
    this.node = node;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A node's Raft status as read. */
  public record Status(
      String role,
      String leader,
      String localNode,
      List<String> members,
      List<String> connected,
      String error) {
    /** One line for waits and output. */
    public String summary() {
      if (error != null) {
        return "unreadable: " + error;
      }
      return "role "
          + role
          + (leader == null ? "" : ", leader " + leader)
          + ", member "
          + members
          + ", connected-node "
          + connected;
    }
  }

  private String base() {
    return "http://" + node.address() + ":" + node.restconfPort() + "/restconf";
  }

  private HttpRequest.Builder request(String path) {
    String auth = node.credentials().username() + ":" + node.credentials().password();
    return HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(30))
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/yang-data+json");
  }

  /** {@code GET /restconf/data/tailf-ncs-high-availability-raft:ha-raft?content=nonconfig}. */
  public Status status() {
    try {
      HttpResponse<String> r =
          http.send(
              request("/data/" + MODULE + "ha-raft?content=nonconfig").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return new Status(null, null, null, List.of(), List.of(), "HTTP " + r.statusCode());
      }
      JsonNode st = JSON.readTree(r.body()).path(MODULE + "ha-raft").path("status");
      return new Status(
          text(st.get("role")),
          text(st.get("leader")),
          text(st.get("local-node")),
          list(st.get("member")),
          list(st.get("connected-node")),
          null);
    } catch (IOException e) {
      return new Status(null, null, null, List.of(), List.of(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Status(null, null, null, List.of(), List.of(), "interrupted");
    }
  }

  /**
   * {@code POST /restconf/operations/tailf-ncs-high-availability-raft:ha-raft/create-cluster} with
   * the other members.
   *
   * @throws OperationFailedException with the node's own error text when it refuses
   */
  public void createCluster(List<String> members) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode m = body.putObject("input").putArray("member");
    members.forEach(m::add);
    try {
      HttpResponse<String> r =
          http.send(
              request("/operations/" + MODULE + "ha-raft/create-cluster")
                  .header("Content-Type", "application/yang-data+json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        String msg = r.body();
        try {
          JsonNode e = JSON.readTree(r.body()).path("ietf-restconf:errors").path("error");
          JsonNode first = e.isArray() ? e.get(0) : e;
          if (first != null && first.hasNonNull("error-message")) {
            msg = first.get("error-message").asText();
          }
        } catch (IOException ignored) {
          // keep the raw body
        }
        throw new OperationFailedException(
            node.id().toString(),
            "ha-raft create-cluster",
            "HTTP " + r.statusCode() + ": " + msg.strip());
      }
    } catch (IOException e) {
      throw new OperationFailedException(
          node.id().toString(), "ha-raft create-cluster", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(
          node.id().toString(), "ha-raft create-cluster", "interrupted");
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static List<String> list(JsonNode n) {
    List<String> r = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(x -> r.add(x.asText()));
    }
    return r;
  }
}
