package dev.winfleet.core.manifest;

/**
 * A place in a source file, 1-based, as editors count.
 *
 * @param line 1 for the first line
 * @param column 1 for the first character of a line
 */
public record Position(int line, int column) {

  public Position {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column start at 1, got " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
