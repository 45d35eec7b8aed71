package dev.winfleet.core.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Dockerfile says about where its app logs: the final stage's base image, the entry point it
 * sets (or inherits from an earlier stage), and whether it registers a Windows service. Read from
 * the text only; the base image's own entry point is not looked up here.
 *
 * @param baseImage the final stage's base image, through stage aliases ({@code
 *     mcr.microsoft.com/dotnet/framework/aspnet:4.8.1})
 * @param entrypoint the final stage's ENTRYPOINT (or CMD when there is none) in exec form; a
 *     shell-form instruction is {@code cmd /S /C text}; empty when the Dockerfile sets neither
 * @param entrypointText the instruction as written, for messages; empty when none
 * @param service the Windows service a RUN registers ({@code New-Service -Name X}, {@code sc.exe
 *     create X}), if any
 */
public record DockerfileFacts(
    String baseImage, List<String> entrypoint, String entrypointText, Optional<String> service) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ESCAPE = Pattern.compile("^#\\s*escape\\s*=\\s*(\\S)");
  private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([A-Za-z]+)\\s+(.*)$");
  private static final Pattern NEW_SERVICE =
      Pattern.compile("New-Service\\b[^\\n]*?-Name\\s+['\"]?([\\w.$-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SC_CREATE =
      Pattern.compile("\\bsc(?:\\.exe)?\\s+create\\s+['\"]?([\\w.$-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern INSTALLUTIL =
      Pattern.compile("\\binstallutil(?:\\.exe)?\\b", Pattern.CASE_INSENSITIVE);

  public DockerfileFacts {
    Objects.requireNonNull(baseImage, "baseImage");
    entrypoint = List.copyOf(entrypoint);
    Objects.requireNonNull(entrypointText, "entrypointText");
    Objects.requireNonNull(service, "service");
  }

  /** Reads a Dockerfile; throws {@link IllegalArgumentException} when it has no FROM. */
  public static DockerfileFacts parse(String dockerfile) {
    List<String> lines = logicalLines(dockerfile);
    Map<String, Stage> stages = new HashMap<>();
    Stage current = null;
    for (String line : lines) {
      Matcher m = INSTRUCTION.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String keyword = m.group(1).toUpperCase(Locale.ROOT);
      String rest = m.group(2).trim();
      switch (keyword) {
        case "FROM" -> {
          String[] words = rest.split("\\s+");
          int i = 0;
          while (i < words.length && words[i].startsWith("--")) {
            i++;
          }
          String image = i < words.length ? words[i] : "";
          Stage parent = stages.get(image.toLowerCase(Locale.ROOT));
          current = parent == null ? new Stage(image) : parent.child();
          if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
            stages.put(words[i + 2].toLowerCase(Locale.ROOT), current);
          }
        }
        case "ENTRYPOINT" -> {
          if (current != null) {
            current.entrypoint = command(rest);
            current.entrypointText = "ENTRYPOINT " + rest;
          }
        }
        case "CMD" -> {
          if (current != null) {
            current.cmd = command(rest);
            current.cmdText = "CMD " + rest;
          }
        }
        case "RUN" -> {
          if (current != null && current.service == null) {
            current.service = service(rest);
          }
        }
        default -> {}
      }
    }
    if (current == null) {
      throw new IllegalArgumentException("the Dockerfile has no FROM instruction");
    }
    boolean hasEntrypoint = current.entrypoint != null;
    return new DockerfileFacts(
        current.baseImage,
        hasEntrypoint ? current.entrypoint : current.cmd == null ? List.of() : current.cmd,
        hasEntrypoint ? current.entrypointText : current.cmdText == null ? "" : current.cmdText,
        Optional.ofNullable(current.service));
  }

  private static String service(String run) {
    Matcher m = NEW_SERVICE.matcher(run);
    if (m.find()) {
      return m.group(1);
    }
    m = SC_CREATE.matcher(run);
    if (m.find()) {
      return m.group(1);
    }
    return INSTALLUTIL.matcher(run).find() ? "" : null;
  }

  private static List<String> command(String rest) {
    if (rest.startsWith("[")) {
      try {
        List<String> exec = new ArrayList<>();
        for (var node : JSON.readTree(rest)) {
          exec.add(node.asText());
        }
        return exec;
      } catch (JsonProcessingException e) {
        // Docker runs a malformed JSON array in shell form; so do we.
      }
    }
    return List.of("cmd", "/S", "/C", rest);
  }

  /** Joins continuation lines (the escape character at a line's end) and drops comments. */
  private static List<String> logicalLines(String text) {
    String[] raw = text.replace("\r\n", "\n").split("\n", -1);
    char escape = '\\';
    for (String line : raw) {
      if (!line.startsWith("#")) {
        break;
      }
      Matcher m = ESCAPE.matcher(line);
      if (m.find()) {
        escape = m.group(1).charAt(0);
      }
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : raw) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        continue;
      }
      if (!trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == escape) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      if (current.length() > 0) {
        out.add(current.toString());
      }
      current.setLength(0);
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private static final class Stage {
    final String baseImage;
    List<String> entrypoint;
    String entrypointText;
    List<String> cmd;
    String cmdText;
    String service;

    Stage(String baseImage) {
      this.baseImage = baseImage;
    }

    Stage child() {
      Stage s = new Stage(baseImage);
      s.entrypoint = entrypoint;
      s.entrypointText = entrypointText;
      s.cmd = cmd;
      s.cmdText = cmdText;
      s.service = service;
      return s;
    }
  }
}
