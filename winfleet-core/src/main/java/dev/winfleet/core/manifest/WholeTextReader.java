package dev.winfleet.core.manifest;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader} over text that is already in memory, in linear time.
 *
 * <p>Why: {@code StreamReader} reads 1 KiB at a time and, on every read, copies its whole window of
 * code points from the current token's start ({@code Arrays.copyOfRange} in {@code update()}). A
 * scanner looking ahead through one long scalar never moves that start, so one scalar of n
 * characters costs n/1024 copies of up to n ints: quadratic (an 8 MiB value took 58 s; measured 1,
 * 2 and 4 MiB: 1.7 s, 3.7 s, 11.7 s). This reader answers the same calls from the whole text: a
 * {@code peek} is an array or string index, a {@code prefix} one substring.
 *
 * <p>Memory: a copy of the text's chars when it holds no surrogate pairs (code point i is char i);
 * otherwise one int per code point. Marks carry a window of the text around their position, enough
 * for the parser's snippets, never the whole text. The scanner asks for a mark at the start and end
 * of every token, so marks share windows: one per {@value #MARK_CHUNK} code points, reaching
 * {@value #MARK_CONTEXT} code points past each side of its chunk (a window of its own for each mark
 * cost 2 KiB per token, about 400 bytes allocated per byte of YAML, most of {@code winfleet
 * check}'s time on a large corpus: issue 21).
 *
 * <p>Same behaviour as {@code StreamReader} for the scanner: positions (index, line, column,
 * document index) move the same way, a non-printable character is reported as a {@link
 * ReaderException} when the scanner reaches it.
 */
final class WholeTextReader extends StreamReader {

  private static final String NAME = "'string'";
  private static final int MARK_CONTEXT = 256;
  private static final int MARK_CHUNK = 4096;

  private final char[] chars; // null when the text has surrogate pairs
  private final int[] codePoints; // null: code point i is chars[i]
  private final int length; // code points before the first non-printable one
  private final int badCodePoint; // -1 when every code point is printable

  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  private int[] window; // the text from windowFrom, shared by the marks of one chunk
  private int windowFrom;
  private int windowChunk = -1;

  WholeTextReader(String text) {
    super("");
    char[] all = text.toCharArray();
    boolean surrogates = false;
    for (int i = 0; i < all.length && !surrogates; i++) {
      surrogates = Character.isSurrogate(all[i]);
    }
    // Arrays rather than String.charAt: the scanner reads every character several times, and
    // short runs use the quick compiler only, which does not make charAt as cheap as an index.
    this.codePoints = surrogates ? text.codePoints().toArray() : null;
    this.chars = surrogates ? null : all;
    int total = surrogates ? codePoints.length : text.length();
    int bad = -1;
    int end = total;
    for (int i = 0; i < total; i++) {
      int c = at(i);
      if (!StreamReader.isPrintable(c)) {
        bad = c;
        end = i;
        break;
      }
    }
    this.length = end;
    this.badCodePoint = bad;
  }

  private int at(int i) {
    return codePoints == null ? chars[i] : codePoints[i];
  }

  /** Whether position i can be read; throws when it is the first non-printable character. */
  private boolean readable(int i) {
    if (i < length) {
      return true;
    }
    if (badCodePoint >= 0) {
      throw new ReaderException(NAME, length, badCodePoint, "special characters are not allowed");
    }
    return false;
  }

  @Override
  public Mark getMark() {
    // Every mark sees at least MARK_CONTEXT code points on each side of its position (fewer only
    // at the ends of the text), as when each had a window of its own: the same snippets.
    int chunk = pointer / MARK_CHUNK;
    if (chunk != windowChunk) {
      int from = Math.max(0, chunk * MARK_CHUNK - MARK_CONTEXT);
      int to = Math.min(length, (chunk + 1) * MARK_CHUNK + MARK_CONTEXT);
      int[] w = new int[Math.max(0, to - from)];
      for (int i = from; i < to; i++) {
        w[i - from] = at(i);
      }
      window = w;
      windowFrom = from;
      windowChunk = chunk;
    }
    return new Mark(NAME, index, line, column, window, pointer - windowFrom);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int count) {
    for (int i = 0; i < count && readable(pointer); i++) {
      int c = at(pointer++);
      index++;
      documentIndex++;
      if (Constant.LINEBR.has(c) || (c == '\r' && readable(pointer) && at(pointer) != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return peek(0);
  }

  @Override
  public int peek(int offset) {
    int i = pointer + offset;
    return readable(i) ? at(i) : '\0';
  }

  @Override
  public String prefix(int count) {
    if (count == 0) {
      return "";
    }
    readable(pointer + count - 1);
    int end = Math.min(pointer + count, length);
    if (end <= pointer) {
      return "";
    }
    return codePoints == null
        ? new String(chars, pointer, end - pointer)
        : new String(codePoints, pointer, end - pointer);
  }

  @Override
  public String prefixForward(int count) {
    String prefix = prefix(count);
    pointer += count;
    index += count;
    documentIndex += count;
    column += count;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }
}
