package dev.winfleet.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * WholeTextReader's marks share one window per chunk of the text (issue 21): at every position,
 * across chunk boundaries, a mark must say what SnakeYAML's own reader says (index, line, column)
 * and show the same snippet as a mark over the whole text.
 */
class WholeTextReaderTest {

  /** About 12,000 characters of YAML-like lines, short and long, with CRLF and non-ASCII text. */
  private static String text(String extra) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 12_000; i++) {
      sb.append("key").append(i).append(": ");
      sb.append("v".repeat(i % 7 == 0 ? 150 : i % 40)).append(i % 5 == 0 ? extra : "");
      sb.append(i % 11 == 0 ? "\r\n" : "\n");
    }
    return sb.toString();
  }

  @Test
  void marksMatchSnakeYamlsReaderAndShowTheSameSnippetsAtEveryPosition() {
    assertSameMarks(text("é"));
  }

  @Test
  void marksMatchWithSurrogatePairsInTheText() {
    assertSameMarks(text("\uD83D\uDE00"));
  }

  private static void assertSameMarks(String text) {
    int[] all = text.codePoints().toArray();
    WholeTextReader ours = new WholeTextReader(text);
    StreamReader theirs = new StreamReader(text);
    for (int pointer = 0; pointer < all.length; pointer++) {
      Mark mark = ours.getMark();
      Mark expected = theirs.getMark();
      assertThat(mark.getIndex()).as("index at %d", pointer).isEqualTo(expected.getIndex());
      assertThat(mark.getLine()).as("line at %d", pointer).isEqualTo(expected.getLine());
      assertThat(mark.getColumn()).as("column at %d", pointer).isEqualTo(expected.getColumn());
      Mark whole = new Mark("'string'", 0, 0, 0, all, pointer);
      assertThat(mark.get_snippet()).as("snippet at %d", pointer).isEqualTo(whole.get_snippet());
      assertThat(ours.peek()).isEqualTo(theirs.peek());
      ours.forward();
      theirs.forward();
    }
  }
}
