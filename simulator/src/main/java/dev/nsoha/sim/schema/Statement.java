package dev.nsoha.sim.schema;

import java.util.ArrayList;
import java.util.List;

/** A generic YANG statement: keyword, optional argument, substatements. */
final class Statement {
  final String keyword;
  final String arg;
  final int line;
  final List<Statement> subs = new ArrayList<>();

  Statement(String keyword, String arg, int line) {
    this.keyword = keyword;
    this.arg = arg;
    this.line = line;
  }

  Statement first(String kw) {
    for (Statement s : subs) {
      if (s.keyword.equals(kw)) {
        return s;
      }
    }
    return null;
  }

  String argOf(String kw) {
    Statement s = first(kw);
    return s == null ? null : s.arg;
  }

  List<Statement> all(String kw) {
    List<Statement> out = new ArrayList<>();
    for (Statement s : subs) {
      if (s.keyword.equals(kw)) {
        out.add(s);
      }
    }
    return out;
  }
}
