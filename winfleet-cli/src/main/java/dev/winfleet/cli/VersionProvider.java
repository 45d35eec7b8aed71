package dev.winfleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads winfleet's version, written into the jar at build time. */
final class VersionProvider implements IVersionProvider {

  static String version() {
    return properties().getProperty("version", "unknown");
  }

  /**
   * The image a release of this version is published as ({@code
   * ghcr.io/winfleet/winfleet:<version>}); empty for a development build, of which no image is
   * published.
   */
  static java.util.Optional<String> releaseImage() {
    String version = version();
    String repository = properties().getProperty("image.repository", "");
    if (version.equals("unknown") || version.endsWith("-SNAPSHOT") || repository.isBlank()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(repository + ":" + version);
  }

  private static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "winfleet " + version(),
      "Windows release catalog as of "
          + dev.winfleet.core.catalog.WindowsCatalog.builtInAsOf()
          + " ('winfleet releases' lists it)",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
