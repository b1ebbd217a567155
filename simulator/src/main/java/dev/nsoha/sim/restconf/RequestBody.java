package dev.nsoha.sim.restconf;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.util.Xml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A parsed request body: a JSON value or an XML element, or neither when empty. */
record RequestBody(JsonNode json, Element xml) {
  boolean isEmpty() {
    return json == null && xml == null;
  }

  /** Reads and parses the request body (by Content-Type, else by its first character). */
  static RequestBody read(HttpExchange ex) throws IOException, RestconfError {
    byte[] b = ex.getRequestBody().readAllBytes();
    String text = new String(b, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return new RequestBody(null, null);
    }
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    boolean xml = ct != null ? ct.toLowerCase(Locale.ROOT).contains("xml") : text.startsWith("<");
    if (xml) {
      try {
        Document d = Xml.parse(new ByteArrayInputStream(b));
        return new RequestBody(null, d.getDocumentElement());
      } catch (IOException e) {
        throw new RestconfError(
            400, "protocol", "malformed-message", "malformed message: " + e.getMessage(), null);
      }
    }
    return new RequestBody(JsonCodec.parse(text), null);
  }
}
