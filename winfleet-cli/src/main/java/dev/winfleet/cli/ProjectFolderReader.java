package dev.winfleet.cli;

import dev.winfleet.core.containerize.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the files of an app folder that containerize looks at ({@link ProjectFiles#wantsName},
 * {@link ProjectFiles#wantsContent}), within bounds: build output, package caches and VCS folders
 * are skipped, symbolic links are not followed, and file sizes, counts and depth are limited.
 */
final class ProjectFolderReader {

  static final int MAX_DEPTH = 16;
  static final int MAX_ENTRIES = 50_000;
  static final long MAX_FILE_BYTES = 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;

  private static final Set<String> SKIPPED_DIRS =
      Set.of(".git", ".vs", ".vscode", ".idea", "obj", "node_modules", "packages", "testresults");

  private ProjectFolderReader() {}

  /**
   * The folder's relevant files.
   *
   * @param exclude a folder inside root not to read (winfleet's own output), or null
   */
  static ProjectFiles read(Path root, Path exclude) {
    Map<String, String> files = new LinkedHashMap<>();
    long[] total = {0};
    int[] entries = {0};
    try {
      Files.walkFileTree(
          root,
          Set.of(),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
              }
              String name = dir.getFileName().toString().toLowerCase(Locale.ROOT);
              if (SKIPPED_DIRS.contains(name)
                  || (exclude != null && dir.equals(exclude))
                  || (name.equals("bin") && hasProjectFile(dir.getParent()))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (++entries[0] > MAX_ENTRIES) {
                throw new UserException(
                    root
                        + " has more than "
                        + MAX_ENTRIES
                        + " files; point containerize at the app's own folder");
              }
              if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              String relative = root.relativize(file).toString().replace('\\', '/');
              if (!ProjectFiles.wantsName(relative)) {
                return FileVisitResult.CONTINUE;
              }
              String content = "";
              if (ProjectFiles.wantsContent(relative)
                  && attrs.size() <= MAX_FILE_BYTES
                  && total[0] + attrs.size() <= MAX_TOTAL_BYTES) {
                byte[] bytes = Files.readAllBytes(file);
                total[0] += bytes.length;
                content = decode(bytes);
              }
              files.put(relative, content);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE; // unreadable files are not evidence
            }
          });
    } catch (IOException e) {
      throw new UserException("cannot read " + root + ": " + e.getMessage(), e);
    }
    Path name = root.toAbsolutePath().normalize().getFileName();
    return new ProjectFiles(name == null ? "app" : name.toString(), files);
  }

  private static boolean hasProjectFile(Path dir) throws IOException {
    if (dir == null) {
      return false;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT))
          .anyMatch(n -> n.endsWith(".csproj") || n.endsWith(".vbproj") || n.endsWith(".fsproj"));
    }
  }

  /** UTF-8 with or without BOM; UTF-16 with BOM (Visual Studio writes both). */
  private static String decode(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    }
    return new String(b, StandardCharsets.UTF_8);
  }
}
