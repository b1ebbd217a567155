package dev.nsoha.transport.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.model.DataTree;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;

/**
 * The output of {@code show running-config | display json} read as it arrives, with Jackson's
 * streaming parser, and handed on as {@link ConfigEvents}: the same shape as {@link CliJson#data}
 * (the members of {@code data}, or of the object itself when it is not wrapped; {@code [null]} an
 * empty leaf), without building a tree, so that a configuration of any size is read in the memory
 * of one token. Stateless.
 */
final class CliJsonStream {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(CliJson.MAX_DEPTH).build())
          .build();

  private CliJsonStream() {}

  /**
   * Parses the JSON object in {@code in} into {@code sink}; the text before its first {@code {} is
   * skipped, and the text after it is left unread.
   *
   * @return false when there is no JSON object at all (nothing was handed on)
   * @throws IllegalArgumentException when the output is not JSON of that shape
   * @throws IOException when reading fails
   */
  static boolean data(Reader in, ConfigEvents sink) throws IOException {
    int c;
    do {
      c = in.read();
      if (c < 0) {
        return false;
      }
    } while (c != '{');
    try (JsonParser p = JSON.createParser(new Prefixed('{', in))) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the JSON output is not an object");
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.FIELD_NAME && p.currentName().equals("data")) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException("'data' is not an object");
        }
        sink.beginObject();
        members(p, p.nextToken(), sink);
      } else {
        sink.beginObject();
        members(p, t, sink);
      }
      return true;
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException(
          "JSON nested deeper than " + CliJson.MAX_DEPTH + " levels", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** From {@code t}, the first token after START_OBJECT, to the matching END_OBJECT. */
  private static void members(JsonParser p, JsonToken t, ConfigEvents sink) throws IOException {
    while (t != JsonToken.END_OBJECT) {
      if (t != JsonToken.FIELD_NAME) {
        throw new IllegalArgumentException(
            t == null
                ? "the JSON output ends in the middle"
                : "expected a member name, found " + t);
      }
      sink.name(p.currentName());
      value(p, p.nextToken(), sink);
      t = p.nextToken();
    }
    sink.endObject();
  }

  private static void value(JsonParser p, JsonToken t, ConfigEvents sink) throws IOException {
    if (t == null) {
      throw new IllegalArgumentException("the JSON output ends in the middle");
    }
    switch (t) {
      case START_OBJECT -> {
        sink.beginObject();
        members(p, p.nextToken(), sink);
      }
      case START_ARRAY -> {
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NULL) {
          if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new IllegalArgumentException("an array holds null beside other values");
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
      // As the tree reader (CliJson) takes a number with a fraction: a double, written back
      // shortest.
      case VALUE_NUMBER_FLOAT -> sink.value(BigDecimal.valueOf(p.getDoubleValue()).toString());
      case VALUE_NULL -> sink.value(DataTree.EMPTY_LEAF.toString());
      default -> throw new IllegalArgumentException("unexpected " + t + " in the JSON output");
    }
  }

  /** {@code in} with one character put back in front of it. */
  private static final class Prefixed extends Reader {
    private final Reader in;
    private int first;

    Prefixed(char first, Reader in) {
      this.first = first;
      this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (first >= 0) {
        buf[off] = (char) first;
        first = -1;
        return 1;
      }
      return in.read(buf, off, len);
    }

    @Override
    public void close() {
      // the caller owns the reader
    }
  }
}
