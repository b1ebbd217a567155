package dev.nsoha.sim.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.data.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one codec of {@link HaMessage}s: each message is a JSON object with a {@code type} (the frame
 * body of {@link HaLink}). Stateless.
 */
final class HaCodec {
  private HaCodec() {}

  /** The JSON form of a message. */
  static ObjectNode encode(HaMessage m) {
    ObjectNode o = JsonCodec.MAPPER.createObjectNode();
    if (m instanceof HaMessage.Hello h) {
      o.put("type", "hello").put("nonce", h.nonce()).put("mode", h.mode().yang()).put("id", h.id());
    } else if (m instanceof HaMessage.Query) {
      o.put("type", "query");
    } else if (m instanceof HaMessage.Status s) {
      o.put("type", "status").put("mode", s.mode().yang()).put("id", s.id());
    } else if (m instanceof HaMessage.Join j) {
      o.put("type", "join").put("id", j.id()).put("version", j.version());
      j.fxs().forEach(o.putArray("fxs")::add);
      o.put("txid", j.txid()).put("proof", j.proof());
    } else if (m instanceof HaMessage.Welcome w) {
      o.put("type", "welcome").put("txid", w.txid());
      if (w.data() != null) {
        o.set("data", w.data());
      }
    } else if (m instanceof HaMessage.Reject r) {
      o.put("type", "reject")
          .put("code", r.refusal().code().number())
          .put("text", r.refusal().text());
    } else if (m instanceof HaMessage.Tick) {
      o.put("type", "tick");
    } else if (m instanceof HaMessage.Commit c) {
      o.put("type", "commit").put("rid", c.rid()).put("txid", c.txid());
      o.set("data", c.data());
    } else if (m instanceof HaMessage.SyncPackages s) {
      o.put("type", "pkg-sync").put("rid", s.rid());
      ObjectNode a = o.putObject("archives");
      new TreeMap<>(s.archives())
          .forEach((n, b) -> a.put(n, Base64.getEncoder().encodeToString(b)));
    } else if (m instanceof HaMessage.ReloadPackages r) {
      o.put("type", "pkg-reload")
          .put("rid", r.rid())
          .put("force", r.force())
          .put("dry-run", r.dryRun());
    } else if (m instanceof HaMessage.Reply r) {
      o.put("type", "reply").put("rid", r.rid()).put("ok", r.ok());
      if (r.info() != null) {
        o.put("info", r.info());
      }
    } else {
      throw new IllegalArgumentException("unknown HA message " + m);
    }
    return o;
  }

  /**
   * The message a JSON object encodes.
   *
   * @throws IOException for an unknown type or a missing field
   */
  static HaMessage decode(ObjectNode o) throws IOException {
    String type = o.path("type").asText();
    try {
      return switch (type) {
        case "hello" -> new HaMessage.Hello(text(o, "nonce"), role(o), o.path("id").asText(null));
        case "query" -> new HaMessage.Query();
        case "status" -> new HaMessage.Status(role(o), o.path("id").asText(null));
        case "join" -> {
          List<String> fxs = new ArrayList<>();
          o.path("fxs").forEach(n -> fxs.add(n.asText()));
          yield new HaMessage.Join(
              o.path("id").asText(null),
              text(o, "version"),
              fxs,
              text(o, "txid"),
              text(o, "proof"));
        }
        case "welcome" -> new HaMessage.Welcome(text(o, "txid"), object(o.get("data")));
        case "reject" ->
            new HaMessage.Reject(
                new HaRefusal(
                    HaRefusal.Code.of(o.path("code").asInt(25)),
                    o.path("text").asText("could not connect to primary")));
        case "tick" -> new HaMessage.Tick();
        case "commit" -> {
          ObjectNode data = object(o.get("data"));
          if (data == null) {
            throw new IOException("HA commit without data");
          }
          yield new HaMessage.Commit(o.path("rid").asLong(), text(o, "txid"), data);
        }
        case "pkg-sync" -> {
          Map<String, byte[]> archives = new LinkedHashMap<>();
          o.path("archives")
              .properties()
              .forEach(
                  e -> archives.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
          yield new HaMessage.SyncPackages(o.path("rid").asLong(), archives);
        }
        case "pkg-reload" ->
            new HaMessage.ReloadPackages(
                o.path("rid").asLong(), o.path("force").asBoolean(), o.path("dry-run").asBoolean());
        case "reply" ->
            new HaMessage.Reply(
                o.path("rid").asLong(), o.path("ok").asBoolean(), o.path("info").asText(null));
        default -> throw new IOException("unknown HA message type '" + type + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new IOException("bad HA message '" + type + "': " + e.getMessage(), e);
    }
  }

  private static String text(ObjectNode o, String field) throws IOException {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IOException("HA message '" + o.path("type").asText() + "' without " + field);
    }
    return n.asText();
  }

  private static HaRole role(ObjectNode o) throws IOException {
    return HaRole.of(text(o, "mode"));
  }

  private static ObjectNode object(JsonNode n) {
    return n instanceof ObjectNode on ? on : null;
  }
}
