package dev.winfleet.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders of rule texts. A missing value is a bug in the rule. The
 * catalog's texts are split into text and placeholder names once, when the catalog is built; the
 * instance is immutable.
 */
final class Templates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");

  /** Each known template split into text and placeholder names (odd indexes). */
  private final Map<String, List<String>> parsed;

  Templates(List<String> templates) {
    Map<String, List<String>> byText = new HashMap<>();
    for (String t : templates) {
      byText.computeIfAbsent(t, Templates::parse);
    }
    this.parsed = Map.copyOf(byText);
  }

  String render(String ruleId, String template, Map<String, String> values) {
    List<String> parts = parsed.get(template);
    if (parts == null) {
      parts = parse(template);
    }
    StringBuilder sb = new StringBuilder(template.length() + 64);
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        sb.append(parts.get(i));
        continue;
      }
      String value = values.get(parts.get(i));
      if (value == null) {
        throw new IllegalStateException(
            "rule " + ruleId + " gives no value for {" + parts.get(i) + "} in: " + template);
      }
      sb.append(value);
    }
    return sb.toString();
  }

  private static List<String> parse(String template) {
    List<String> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      parts.add(template.substring(last, m.start()));
      parts.add(m.group(1));
      last = m.end();
    }
    parts.add(template.substring(last));
    return List.copyOf(parts);
  }

  static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
