package dev.nsoha.transport.restconf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.transport.restconf.RestconfJson.BadReplyException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;

/**
 * The reply of {@code GET /restconf/data} read as it arrives, with Jackson's streaming parser, and
 * handed on as {@link ConfigEvents}: no tree of the configuration is built, so a configuration of
 * any size is read in the memory of one token. The same shape as {@link RestconfJson#datastore}:
 * the members inside {@code ietf-restconf:data} (or {@code data}), or the members themselves when
 * the server does not wrap them; {@code [null]} is an empty leaf.
 */
final class RestconfStream {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(RestconfJson.MAX_DEPTH).build())
          .build();

  private RestconfStream() {}

  /**
   * Parses {@code in} into {@code sink}.
   *
   * @throws BadReplyException when the body is not JSON of that shape
   * @throws IOException when reading the body fails
   */
  static void datastore(InputStream in, ConfigEvents sink) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        sink.beginObject();
        sink.endObject();
        return;
      }
      if (t != JsonToken.START_OBJECT) {
        throw new BadReplyException("the reply is not a JSON object (it starts with " + t + ")");
      }
      t = p.nextToken();
      if (t == JsonToken.FIELD_NAME
          && (p.currentName().equals("ietf-restconf:data") || p.currentName().equals("data"))) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new BadReplyException("'" + p.currentName() + "' is not an object");
        }
        object(p, sink);
        if (p.nextToken() != JsonToken.END_OBJECT) {
          throw new BadReplyException("the reply has members beside its data");
        }
      } else {
        sink.beginObject();
        members(p, t, sink);
      }
      if (p.nextToken() != null) {
        throw new BadReplyException("the reply has text after its JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new BadReplyException("the reply is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The parser is on START_OBJECT: the object's members, and its end. */
  private static void object(JsonParser p, ConfigEvents sink) throws IOException {
    sink.beginObject();
    members(p, p.nextToken(), sink);
  }

  /** From {@code t}, the first token after START_OBJECT, to the matching END_OBJECT. */
  private static void members(JsonParser p, JsonToken t, ConfigEvents sink) throws IOException {
    while (t != JsonToken.END_OBJECT) {
      if (t != JsonToken.FIELD_NAME) {
        throw new BadReplyException("expected a member name, found " + t);
      }
      sink.name(p.currentName());
      value(p, p.nextToken(), sink);
      t = p.nextToken();
    }
    sink.endObject();
  }

  private static void value(JsonParser p, JsonToken t, ConfigEvents sink) throws IOException {
    if (t == null) {
      throw new BadReplyException("the reply ends in the middle of its JSON");
    }
    switch (t) {
      case START_OBJECT -> object(p, sink);
      case START_ARRAY -> {
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NULL) {
          if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new BadReplyException("an array holds null beside other values");
          }
          sink.value(DataTree.EMPTY_LEAF.toString());
          return;
        }
        sink.beginArray();
        for (JsonToken x = first; x != JsonToken.END_ARRAY; x = p.nextToken()) {
          value(p, x, sink);
        }
        sink.endArray();
      }
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE -> sink.value(p.getText());
      // As the tree reader takes a number with a fraction: a double, written back shortest.
      case VALUE_NUMBER_FLOAT -> sink.value(BigDecimal.valueOf(p.getDoubleValue()).toString());
      default -> throw new BadReplyException("unexpected " + t + " in the reply");
    }
  }
}
