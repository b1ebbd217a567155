package dev.nsoha.sim.cli.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The output pipes after a command: rendering options ({@code tab}, {@code notab}, {@code display
 * json|xml}, {@code details}: configuration shown with its default values) and line filters ({@code
 * include}, {@code exclude}, {@code begin}, {@code until}, {@code count}; {@code nomore} and {@code
 * more} are accepted and do nothing, as there is no pager).
 */
public final class Pipes {

  /** Output formats of {@code | display}. */
  public enum Display {
    CLI,
    JSON,
    XML
  }

  private boolean tab;
  private Display display = Display.CLI;
  private boolean count;
  private boolean details;
  private final List<Filter> filters = new ArrayList<>();

  private record Filter(String kind, Pattern pattern) {}

  private Pipes() {}

  /** No pipes. */
  public static Pipes none() {
    return new Pipes();
  }

  /**
   * Parses pipe commands (without the {@code |}).
   *
   * @throws CommandLines.SyntaxException with an NSO-style {@code syntax error: ...} text
   */
  public static Pipes parse(List<String> segments) throws CommandLines.SyntaxException {
    Pipes p = new Pipes();
    for (String seg : segments) {
      List<Token> t = CommandLines.tokenize(seg, false);
      if (t.isEmpty()) {
        throw new CommandLines.SyntaxException("syntax error: expecting pipe command");
      }
      String cmd = t.get(0).text();
      switch (cmd) {
        case "tab":
          p.tab = true;
          break;
        case "notab":
          p.tab = false;
          break;
        case "nomore":
        case "more":
          break;
        case "count":
          p.count = true;
          break;
        case "details":
          p.details = true;
          break;
        case "display":
          if (t.size() < 2) {
            throw new CommandLines.SyntaxException("syntax error: expecting json, xml");
          }
          switch (t.get(1).text()) {
            case "json":
              p.display = Display.JSON;
              break;
            case "xml":
              p.display = Display.XML;
              break;
            default:
              throw new CommandLines.SyntaxException("syntax error: expecting json, xml");
          }
          break;
        case "include":
        case "exclude":
        case "begin":
        case "until":
          if (t.size() < 2) {
            throw new CommandLines.SyntaxException("syntax error: expecting <regular expression>");
          }
          String re = seg.strip().substring(cmd.length()).strip();
          if (re.length() >= 2 && re.startsWith("\"") && re.endsWith("\"")) {
            re = t.get(1).text();
          }
          try {
            p.filters.add(new Filter(cmd, Pattern.compile(re)));
          } catch (PatternSyntaxException e) {
            throw new CommandLines.SyntaxException("syntax error: invalid regular expression");
          }
          break;
        default:
          throw new CommandLines.SyntaxException("syntax error: unknown argument");
      }
    }
    return p;
  }

  public boolean tab() {
    return tab;
  }

  /** Whether configuration is shown with the values its leaves take by default. */
  public boolean details() {
    return details;
  }

  public Display display() {
    return display;
  }

  /** Applies the line filters and {@code count} to command output. */
  public List<String> apply(List<String> lines) {
    List<String> cur = lines;
    for (Filter f : filters) {
      List<String> next = new ArrayList<>();
      boolean on = false;
      for (String l : cur) {
        boolean m = f.pattern().matcher(l).find();
        switch (f.kind()) {
          case "include":
            if (m) {
              next.add(l);
            }
            break;
          case "exclude":
            if (!m) {
              next.add(l);
            }
            break;
          case "begin":
            on |= m;
            if (on) {
              next.add(l);
            }
            break;
          default: // until
            if (!on) {
              next.add(l);
            }
            on |= m;
            break;
        }
      }
      cur = next;
    }
    if (count) {
      return List.of("Count: " + cur.size() + " lines");
    }
    return cur;
  }
}
