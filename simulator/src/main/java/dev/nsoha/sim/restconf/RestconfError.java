package dev.nsoha.sim.restconf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.util.Xml;
import java.io.IOException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A RESTCONF error reply: HTTP status, {@code error-type}, {@code error-tag}, optional {@code
 * error-path} and the message, and its {@code ietf-restconf:errors} body.
 */
final class RestconfError extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;
  private final String tag;
  private final String path;

  RestconfError(int status, String type, String tag, String message, String path) {
    super(message);
    this.status = status;
    this.type = type;
    this.tag = tag;
    this.path = path;
  }

  int status() {
    return status;
  }

  /** The reply for a refusal of the node. */
  static RestconfError of(NodeRefusal e) {
    return switch (e.kind()) {
      case READ_ONLY -> new RestconfError(409, "application", "in-use", e.getMessage(), null);
      case NOT_FOUND ->
          new RestconfError(404, "application", "invalid-value", e.getMessage(), null);
      case DATA_EXISTS -> new RestconfError(409, "application", "data-exists", e.getMessage(), "");
      case INVALID_VALUE ->
          new RestconfError(400, "application", "invalid-value", e.getMessage(), e.errorPath());
      case UNKNOWN_ELEMENT ->
          new RestconfError(400, "application", "unknown-element", e.getMessage(), e.errorPath());
      case MALFORMED ->
          new RestconfError(400, "protocol", "malformed-message", e.getMessage(), null);
      case VALIDATION ->
          new RestconfError(400, "application", "invalid-value", e.getMessage(), e.errorPath());
      case ACCESS_DENIED ->
          new RestconfError(403, "protocol", "access-denied", e.getMessage(), null);
      case OPERATION_FAILED ->
          new RestconfError(400, "application", "operation-failed", e.getMessage(), null);
    };
  }

  /** The {@code ietf-restconf:errors} body, JSON or XML. */
  String body(boolean json) throws IOException {
    String body;
    if (json) {
      ObjectNode e = JsonCodec.MAPPER.createObjectNode();
      e.put("error-type", type);
      e.put("error-tag", tag);
      if (path != null) {
        e.put("error-path", path);
      }
      e.put("error-message", getMessage());
      ObjectNode errors = JsonCodec.MAPPER.createObjectNode();
      ArrayNode arr = errors.putObject("ietf-restconf:errors").putArray("error");
      arr.add(e);
      body = JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(errors);
    } else {
      Document d = Xml.newDocument();
      Element errs = d.createElementNS(RestconfHandler.RESTCONF_NS, "errors");
      errs.setAttribute("xmlns", RestconfHandler.RESTCONF_NS);
      d.appendChild(errs);
      Element er = d.createElementNS(RestconfHandler.RESTCONF_NS, "error");
      errs.appendChild(er);
      add(d, er, "error-type", type);
      add(d, er, "error-tag", tag);
      if (path != null) {
        add(d, er, "error-path", path);
      }
      add(d, er, "error-message", getMessage());
      body = Xml.toString(d, true);
    }
    return body;
  }

  private static void add(Document d, Element parent, String name, String text) {
    Element e = d.createElementNS(RestconfHandler.RESTCONF_NS, name);
    e.setTextContent(text);
    parent.appendChild(e);
  }
}
