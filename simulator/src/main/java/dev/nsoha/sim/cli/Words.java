package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * Values typed on a command line: converted to JSON by leaf type and checked against the node's
 * type.
 */
final class Words {

  private final CliBackend backend;

  Words(CliBackend backend) {
    this.backend = backend;
  }

  JsonNode value(SchemaNode leaf, String text) throws CommandLines.SyntaxException {
    JsonNode v = Trees.value(leaf, text);
    if (backend.checkValue(leaf, text) != null) {
      throw new CommandLines.SyntaxException("syntax error: \"" + text + "\" is an invalid value.");
    }
    return v;
  }

  int leafListValues(SchemaNode c, List<Token> t, int i, ArrayNode arr)
      throws CliFailure, CommandLines.SyntaxException {
    if (i >= t.size()) {
      throw new CliFailure("syntax error: expecting " + c.name() + " value");
    }
    if (t.get(i).is("[")) {
      i++;
      while (i < t.size() && !t.get(i).is("]")) {
        arr.add(value(c, t.get(i++).text()));
      }
      if (i >= t.size()) {
        throw new CliFailure("syntax error: expecting ]");
      }
      return i + 1;
    }
    arr.add(value(c, t.get(i).text()));
    return i + 1;
  }
}
