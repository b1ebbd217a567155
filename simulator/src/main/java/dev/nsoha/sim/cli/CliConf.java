package dev.nsoha.sim.cli;

import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.Prompts;
import dev.nsoha.sim.conf.NcsConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The CLI settings of an ncs.conf: style and prompts ({@code /ncs-config/cli/...}). */
public final class CliConf {

  private CliConf() {}

  /**
   * The prompt templates of an ncs.conf. The element text is used verbatim (prompts end with a
   * blank that a trimmed value would lose), read from the file itself.
   */
  public static Prompts prompts(NcsConf conf) {
    Map<String, String> raw = rawCliElements(conf.file());
    return Prompts.DEFAULTS.with(
        prompt(raw, conf, "prompt1"),
        prompt(raw, conf, "prompt2"),
        prompt(raw, conf, "c-prompt1"),
        prompt(raw, conf, "c-prompt2"));
  }

  private static String prompt(Map<String, String> raw, NcsConf conf, String name) {
    String v = raw.get(name);
    if (v != null) {
      return v;
    }
    return conf.value("/ncs-config/cli/" + name)
        .map(s -> s.isEmpty() || s.endsWith(" ") ? s : s + " ")
        .orElse(null);
  }

  /** Untrimmed text of the direct children of {@code /ncs-config/cli} (empty map if unreadable). */
  static Map<String, String> rawCliElements(Path file) {
    Map<String, String> out = new HashMap<>();
    if (file == null || !Files.isRegularFile(file)) {
      return out;
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
      for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && "cli".equals(e.getLocalName())) {
          for (Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
            if (k instanceof Element ke) {
              out.put(ke.getLocalName(), ke.getTextContent());
            }
          }
        }
      }
    } catch (Exception e) {
      out.clear();
    }
    return out;
  }

  /**
   * The SSH CLI style of an ncs.conf: C if {@code /ncs-config/cli/style} is {@code c}, J otherwise.
   */
  public static CliStyle style(NcsConf conf) {
    return conf.value("/ncs-config/cli/style")
        .map(s -> s.equalsIgnoreCase("c") ? CliStyle.C : CliStyle.J)
        .orElse(CliStyle.J);
  }
}
