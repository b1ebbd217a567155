package dev.nsoha.sim.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Small, safe (no external entities) DOM helpers. */
public final class Xml {
  private Xml() {}

  /** A namespace-aware builder with DTDs and external entities disabled. */
  public static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(
          new DefaultHandler() {
            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a document; the message of the IOException is a one-line reason. */
  public static Document parse(InputStream in) throws IOException {
    try {
      return builder().parse(in);
    } catch (SAXException e) {
      throw new IOException("XML syntax error: " + e.getMessage(), e);
    }
  }

  /** An empty document. */
  public static Document newDocument() {
    return builder().newDocument();
  }

  /** Element children of {@code parent}, in document order. */
  public static List<Element> children(Node parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first element child with this local name, or null. */
  public static Element child(Node parent, String localName) {
    for (Element e : children(parent)) {
      if (localName.equals(localName(e))) {
        return e;
      }
    }
    return null;
  }

  /** The local name of an element (namespace aware or not). */
  public static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  /** Whether the element has element children. */
  public static boolean hasElementChildren(Element e) {
    return !children(e).isEmpty();
  }

  /** Serialises a DOM node, indented when {@code pretty}. */
  public static String toString(Node node, boolean pretty) {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      if (pretty) {
        t.setOutputProperty(OutputKeys.INDENT, "yes");
        t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      }
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(node), new StreamResult(w));
      return w.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
