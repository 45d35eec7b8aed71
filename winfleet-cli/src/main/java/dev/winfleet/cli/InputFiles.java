package dev.winfleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads small input files named by flags ({@code --images}, {@code --images-file}) safely: only
 * regular files (a FIFO would block forever, {@code /dev/urandom} never ends), and only up to a
 * size, so a wrong path gives a clear error instead of a hang or an OutOfMemoryError.
 */
final class InputFiles {

  /** Saved inspect results: thousands of images fit in a few MiB. */
  static final long MAX_JSON_BYTES = 64L * 1024 * 1024;

  private InputFiles() {}

  /**
   * The bytes of {@code file}.
   *
   * @param flag names the input in messages, e.g. {@code --images}
   * @throws UserException when it does not exist, is not a regular file, or is too large
   */
  static byte[] read(Path file, String flag, long maxBytes) {
    if (!Files.exists(file)) {
      throw new UserException(flag + " " + file + ": no such file");
    }
    // Symbolic links are followed (a mounted Secret's files are links), so /dev/stdin or a
    // link to a FIFO is still refused.
    if (!Files.isRegularFile(file)) {
      throw new UserException(
          flag
              + " "
              + file
              + " is not a regular file ("
              + (Files.isDirectory(file) ? "a directory" : "a FIFO, socket or device")
              + "); give the path of a file");
    }
    try {
      if (Files.size(file) > maxBytes) {
        throw new UserException(tooLarge(file, flag, maxBytes));
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
          throw new UserException(tooLarge(file, flag, maxBytes));
        }
        return bytes;
      }
    } catch (java.nio.file.AccessDeniedException e) {
      throw new UserException(flag + " " + file + ": permission denied");
    } catch (IOException e) {
      throw new UserException(flag + " " + file + ": " + ManifestSources.reason(e));
    }
  }

  private static String tooLarge(Path file, String flag, long maxBytes) {
    return flag
        + " "
        + file
        + " is larger than "
        + maxBytes / (1024 * 1024)
        + " MiB; it is not the file winfleet expects there";
  }
}
