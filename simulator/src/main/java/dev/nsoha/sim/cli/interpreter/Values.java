package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.schema.InvalidValueException;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.List;

/** Values typed on a command line, checked against the leaf's type and made canonical. */
final class Values {

  private Values() {}

  /**
   * The canonical value of a word for a leaf (or leaf-list, or list key).
   *
   * @throws CommandLines.SyntaxException {@code syntax error: "x" is an invalid value.}
   */
  static String value(SchemaNode leaf, String text) throws CommandLines.SyntaxException {
    if (leaf.type() == null) {
      return text;
    }
    try {
      return leaf.type().canonical(text);
    } catch (InvalidValueException e) {
      throw new CommandLines.SyntaxException("syntax error: \"" + text + "\" is an invalid value.");
    }
  }

  /**
   * Reads one leaf-list value or a bracketed list {@code [ a b ]} starting at {@code t[i]} into
   * {@code into}; returns the index after it.
   */
  static int leafListValues(SchemaNode c, List<Token> t, int i, List<String> into)
      throws CliFailure, CommandLines.SyntaxException {
    if (i >= t.size()) {
      throw new CliFailure("syntax error: expecting " + c.name() + " value");
    }
    if (t.get(i).is("[")) {
      i++;
      while (i < t.size() && !t.get(i).is("]")) {
        into.add(value(c, t.get(i++).text()));
      }
      if (i >= t.size()) {
        throw new CliFailure("syntax error: expecting ]");
      }
      return i + 1;
    }
    into.add(value(c, t.get(i).text()));
    return i + 1;
  }
}
