package dev.winfleet.core.containerize;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read with StAX, for MSBuild project files, solution files (.slnx) and
 * web.config/App.config. Namespaces are dropped (MSBuild's 2003 namespace is optional); DTDs and
 * external entities are never resolved.
 *
 * @param name the local name
 * @param attributes attribute local name to value, in document order
 * @param text the element's own text, trimmed
 * @param children child elements in document order
 */
record XmlTree(String name, Map<String, String> attributes, String text, List<XmlTree> children) {

  XmlTree {
    attributes = Map.copyOf(attributes);
    children = List.copyOf(children);
  }

  /** The document element of an XML text, or empty when the text is not well-formed XML. */
  static Optional<XmlTree> parse(String xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    String body = xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new StringReader(body));
      try {
        return Optional.ofNullable(read(r));
      } finally {
        r.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static XmlTree read(XMLStreamReader r) throws XMLStreamException {
    final class Open {
      final String name;
      final Map<String, String> attributes = new LinkedHashMap<>();
      final StringBuilder text = new StringBuilder();
      final List<XmlTree> children = new ArrayList<>();

      Open(String name) {
        this.name = name;
      }

      XmlTree close() {
        return new XmlTree(name, attributes, text.toString().trim(), children);
      }
    }
    Deque<Open> stack = new ArrayDeque<>();
    XmlTree root = null;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          Open open = new Open(r.getLocalName());
          for (int i = 0; i < r.getAttributeCount(); i++) {
            open.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
          }
          stack.push(open);
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!stack.isEmpty()) {
            stack.peek().text.append(r.getText());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          XmlTree done = stack.pop().close();
          if (stack.isEmpty()) {
            root = done;
          } else {
            stack.peek().children.add(done);
          }
        }
        default -> {
          // comments, processing instructions, whitespace
        }
      }
    }
    return root;
  }

  /** The attribute, case-insensitively (MSBuild and IIS configuration do not care about case). */
  Optional<String> attribute(String attribute) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (e.getKey().equalsIgnoreCase(attribute)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  boolean is(String elementName) {
    return name.equalsIgnoreCase(elementName);
  }

  /** Direct children with this name, case-insensitively. */
  List<XmlTree> children(String elementName) {
    return children.stream().filter(c -> c.is(elementName)).toList();
  }

  /** All descendants (not this element) with this name, in document order. */
  List<XmlTree> descendants(String elementName) {
    List<XmlTree> out = new ArrayList<>();
    collect(elementName.toLowerCase(Locale.ROOT), out);
    return out;
  }

  private void collect(String lowerName, List<XmlTree> out) {
    for (XmlTree c : children) {
      if (c.name.toLowerCase(Locale.ROOT).equals(lowerName)) {
        out.add(c);
      }
      c.collect(lowerName, out);
    }
  }
}
