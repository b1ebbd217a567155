package dev.nsoha.sim.tools;

import dev.nsoha.sim.util.Xml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * {@code ncs_conf_tool}: edits an {@code ncs.conf} (or an {@code ncs.conf.d/*.conf} fragment) as a
 * filter, the way NSO's examples use it. It reads XML on standard input and writes the edited XML
 * on standard output; everything it does not edit (comments, white space, the prolog) is copied as
 * it was.
 *
 * <pre>
 * ncs_conf_tool -e VALUE PATH...   set the element at PATH to VALUE (text, or an XML fragment)
 * ncs_conf_tool -a XML PATH...     append the XML fragment as children of the element at PATH
 * ncs_conf_tool -R XML PATH...     replace the element at PATH with the XML fragment
 * ncs_conf_tool -d PATH...         delete the element at PATH
 * </pre>
 *
 * PATH is a sequence of element names from the root ({@code ncs-config cli ssh port}) or from the
 * root's children ({@code cli ssh port}). A PATH step matches every child of that name, so an edit
 * applies to all matches. {@code -e} and {@code -a} create missing elements along PATH; {@code -R}
 * of a missing element adds the fragment to its parent; {@code -d} of a missing element changes
 * nothing. Errors (bad options, unparsable input or fragment) print one line on standard error,
 * nothing on standard output, and exit 1.
 */
public final class NcsConfTool {
  /** The edit to apply. */
  enum Op {
    SET,
    APPEND,
    REPLACE,
    DELETE
  }

  /** A usage or input error: one line for standard error. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private static final String USAGE =
      "Usage: ncs_conf_tool -e VALUE PATH... | -a XML PATH... | -R XML PATH... | -d PATH...\n"
          + "Reads XML (ncs.conf) on standard input and writes the edited XML on standard output.\n"
          + "PATH is element names from the root (ncs-config cli ssh port) or from its children.\n"
          + "  -e VALUE  set the element at PATH to VALUE (text or an XML fragment)\n"
          + "  -a XML    append the XML fragment as children of the element at PATH\n"
          + "  -R XML    replace the element at PATH with the XML fragment\n"
          + "  -d        delete the element at PATH\n";

  private NcsConfTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the tool; returns the exit code. */
  public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
    if (args.length == 1 && ("-h".equals(args[0]) || "--help".equals(args[0]))) {
      try {
        out.write(USAGE.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        return 1;
      }
      return 0;
    }
    try {
      byte[] result = edit(args, in.readAllBytes());
      out.write(result);
      out.flush();
      return 0;
    } catch (Failure e) {
      err.println("ncs_conf_tool: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("ncs_conf_tool: " + e.getMessage());
      return 1;
    }
  }

  /** Parses the arguments and applies the edit to {@code input}; returns the edited document. */
  static byte[] edit(String[] args, byte[] input) throws Failure {
    Op op = null;
    String operand = null;
    List<String> path = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      Op o =
          switch (a) {
            case "-e" -> Op.SET;
            case "-a" -> Op.APPEND;
            case "-R" -> Op.REPLACE;
            case "-d" -> Op.DELETE;
            default -> null;
          };
      if (o != null) {
        if (op != null) {
          throw new Failure("only one of -e, -a, -R and -d per call (got " + a + " after one)");
        }
        op = o;
        if (o != Op.DELETE) {
          if (i + 1 >= args.length) {
            throw new Failure(a + " needs a value");
          }
          operand = args[++i];
        }
      } else if (a.startsWith("-")) {
        throw new Failure("unknown option " + a + " (see ncs_conf_tool -h)");
      } else if (!a.matches("[A-Za-z_][A-Za-z0-9_.:-]*")) {
        throw new Failure("'" + a + "' is not an element name");
      } else {
        path.add(a);
      }
    }
    if (op == null) {
      throw new Failure("no edit given: use one of -e, -a, -R or -d (see ncs_conf_tool -h)");
    }
    if (path.isEmpty()) {
      throw new Failure("no PATH given (element names, e.g. ncs-config cli style)");
    }
    String text = new String(input, StandardCharsets.UTF_8);
    Document doc;
    try {
      doc = Xml.builder().parse(new ByteArrayInputStream(input));
    } catch (SAXException e) {
      throw new Failure("cannot parse the input as XML: " + oneLine(e.getMessage()));
    } catch (IOException e) {
      throw new Failure("cannot read the input: " + oneLine(e.getMessage()));
    }
    Element root = doc.getDocumentElement();
    List<String> steps = path;
    if (name(root).equals(path.get(0))) {
      steps = path.subList(1, path.size());
    }
    List<Node> fragment = op == Op.DELETE ? List.of() : fragment(doc, op, operand);
    if (steps.isEmpty()) {
      if (op == Op.DELETE || op == Op.REPLACE) {
        throw new Failure(
            "PATH names the root element " + path.get(0) + ", which cannot be deleted or replaced");
      }
      apply(op, root, fragment);
      return serialize(text, root);
    }
    boolean create = op == Op.SET || op == Op.APPEND;
    List<Element> parents = resolve(List.of(root), steps.subList(0, steps.size() - 1), create);
    String last = steps.get(steps.size() - 1);
    for (Element parent : parents) {
      List<Element> targets = children(parent, last);
      if (targets.isEmpty()) {
        if (op == Op.DELETE) {
          continue;
        }
        if (op == Op.REPLACE) {
          apply(Op.APPEND, parent, fragment);
          continue;
        }
        Element e = doc.createElement(last);
        append(parent, List.of(e));
        targets = List.of(e);
      }
      for (Element t : targets) {
        if (op == Op.REPLACE) {
          for (Node n : fragment) {
            parent.insertBefore(n.cloneNode(true), t);
          }
          removeWithIndent(t);
        } else if (op == Op.DELETE) {
          removeWithIndent(t);
        } else {
          apply(op, t, fragment);
        }
      }
    }
    return serialize(text, root);
  }

  /**
   * Sets ({@code -e}) or appends to ({@code -a}) the content of {@code t}. An append into an
   * indented element goes on a line of its own, indented like the element's other children.
   */
  private static void apply(Op op, Element t, List<Node> fragment) {
    if (op == Op.SET) {
      while (t.getFirstChild() != null) {
        t.removeChild(t.getFirstChild());
      }
      for (Node n : fragment) {
        t.appendChild(n.cloneNode(true));
      }
      return;
    }
    List<Node> copies = new ArrayList<>();
    for (Node n : fragment) {
      copies.add(n.cloneNode(true));
    }
    append(t, copies);
  }

  /** Appends nodes to {@code t}: on a line of their own when {@code t} is indented. */
  private static void append(Element t, List<Node> fragment) {
    Node last = t.getLastChild();
    if (last == null || !isBlank(last) || last.getNodeValue().indexOf('\n') < 0) {
      for (Node n : fragment) {
        t.appendChild(n);
      }
      return;
    }
    String closing = last.getNodeValue();
    String indent = closing.substring(closing.lastIndexOf('\n') + 1) + "  ";
    for (Node n = last.getPreviousSibling(); n != null; n = n.getPreviousSibling()) {
      if (n instanceof Element && isBlank(n.getPreviousSibling())) {
        String w = n.getPreviousSibling().getNodeValue();
        if (w.indexOf('\n') >= 0) {
          indent = w.substring(w.lastIndexOf('\n') + 1);
        }
        break;
      }
    }
    int from = 0;
    int to = fragment.size();
    while (from < to && isBlank(fragment.get(from))) {
      from++;
    }
    while (to > from && isBlank(fragment.get(to - 1))) {
      to--;
    }
    Document doc = t.getOwnerDocument();
    t.insertBefore(doc.createTextNode("\n".concat(indent)), last);
    for (Node n : fragment.subList(from, to)) {
      t.insertBefore(n, last);
    }
  }

  private static boolean isBlank(Node n) {
    return n != null && n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank();
  }

  private static byte[] serialize(String text, Element root) {
    StringBuilder sb = new StringBuilder();
    sb.append(prolog(text));
    write(root, sb);
    sb.append(epilog(text));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The nodes an operand stands for: text for a plain {@code -e} value, else parsed XML. */
  private static List<Node> fragment(Document doc, Op op, String operand) throws Failure {
    String v = operand.strip();
    if (op == Op.SET && !v.startsWith("<")) {
      return List.of(doc.createTextNode(operand));
    }
    Document f;
    try {
      f =
          Xml.builder()
              .parse(
                  new ByteArrayInputStream(
                      "<nsosim-fragment>"
                          .concat(operand)
                          .concat("</nsosim-fragment>")
                          .getBytes(StandardCharsets.UTF_8)));
    } catch (SAXException | IOException e) {
      throw new Failure("cannot parse the XML fragment: " + oneLine(e.getMessage()));
    }
    List<Node> nodes = new ArrayList<>();
    for (Node n = f.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
      nodes.add(doc.importNode(n, true));
    }
    boolean element = false;
    for (Node n : nodes) {
      element |= n instanceof Element;
    }
    if (op != Op.SET && !element) {
      throw new Failure("the XML fragment holds no element: " + oneLine(operand));
    }
    return nodes;
  }

  private static List<Element> resolve(List<Element> from, List<String> steps, boolean create) {
    List<Element> current = from;
    for (String step : steps) {
      List<Element> next = new ArrayList<>();
      for (Element e : current) {
        List<Element> c = children(e, step);
        if (c.isEmpty() && create) {
          Element made = e.getOwnerDocument().createElement(step);
          append(e, List.of(made));
          c = List.of(made);
        }
        next.addAll(c);
      }
      current = next;
    }
    return current;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> r = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name(e).equals(name)) {
        r.add(e);
      }
    }
    return r;
  }

  private static String name(Element e) {
    String n = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    int colon = n.indexOf(':');
    return colon < 0 ? n : n.substring(colon + 1);
  }

  /** Removes an element and the white space that indented it, so no empty line is left. */
  private static void removeWithIndent(Element e) {
    Node prev = e.getPreviousSibling();
    if (prev != null && prev.getNodeType() == Node.TEXT_NODE && prev.getNodeValue().isBlank()) {
      String v = prev.getNodeValue();
      int nl = v.lastIndexOf('\n');
      if (nl >= 0) {
        prev.setNodeValue(v.substring(0, nl));
        if (prev.getNodeValue().isEmpty() && e.getNextSibling() != null) {
          prev.getParentNode().removeChild(prev);
        }
      }
    }
    e.getParentNode().removeChild(e);
  }

  /** The input text before the root element (XML declaration, comments), copied verbatim. */
  static String prolog(String text) {
    int i = 0;
    if (text.startsWith("\uFEFF")) {
      i = 1;
    }
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
      } else if (text.startsWith("<?", i)) {
        int end = text.indexOf("?>", i);
        i = end < 0 ? text.length() : end + 2;
      } else if (text.startsWith("<!--", i)) {
        int end = text.indexOf("-->", i);
        i = end < 0 ? text.length() : end + 3;
      } else {
        break;
      }
    }
    return text.substring(text.startsWith("\uFEFF") ? 1 : 0, i);
  }

  /** The input text after the root element (trailing comments, the final newline). */
  static String epilog(String text) {
    int i = text.length();
    while (i > 0) {
      if (Character.isWhitespace(text.charAt(i - 1))) {
        i--;
      } else if (i >= 3 && text.startsWith("-->", i - 3) && text.lastIndexOf("<!--", i - 3) >= 0) {
        i = text.lastIndexOf("<!--", i - 3);
      } else {
        break;
      }
    }
    return text.substring(i);
  }

  private static void write(Node n, StringBuilder sb) {
    switch (n.getNodeType()) {
      case Node.ELEMENT_NODE -> {
        sb.append('<').append(n.getNodeName());
        NamedNodeMap attrs = n.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
          Attr a = (Attr) attrs.item(i);
          sb.append(' ').append(a.getName()).append("=\"");
          escape(a.getValue(), sb, true);
          sb.append('"');
        }
        if (n.getFirstChild() == null) {
          sb.append("/>");
          return;
        }
        sb.append('>');
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
          write(c, sb);
        }
        sb.append("</").append(n.getNodeName()).append('>');
      }
      case Node.TEXT_NODE -> escape(n.getNodeValue(), sb, false);
      case Node.CDATA_SECTION_NODE -> sb.append("<![CDATA[").append(n.getNodeValue()).append("]]>");
      case Node.COMMENT_NODE -> sb.append("<!--").append(n.getNodeValue()).append("-->");
      case Node.PROCESSING_INSTRUCTION_NODE ->
          sb.append("<?").append(n.getNodeName()).append(' ').append(n.getNodeValue()).append("?>");
      default -> {
        // Entity references are not expanded by the parser's settings; nothing else occurs.
      }
    }
  }

  private static void escape(String s, StringBuilder sb, boolean attribute) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append(attribute || (i >= 2 && s.startsWith("]]", i - 2)) ? "&gt;" : ">");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        default -> sb.append(c);
      }
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
