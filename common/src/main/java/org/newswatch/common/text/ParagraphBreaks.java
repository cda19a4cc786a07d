package org.newswatch.common.text;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import org.apache.lucene.analysis.CharFilter;

/**
 * Passes text through unchanged and notes where its blank lines are (a line break, only white
 * space, another line break: the extractor's paragraph separator), as offsets of the original text,
 * for {@link ParagraphGapFilter}.
 *
 * <p>Why not one field value per paragraph: Lucene then counts each value's offsets from the end of
 * the previous value plus an offset gap of one character, so offsets drift from the text by the
 * separators' length, one character or more per paragraph (issue 16: the alerts' matched words came
 * out cut and shifted, worse further into the article). With the whole text as one value the
 * offsets are the text's own, corrected through {@link ScriptNormalizer}'s deletions.
 */
final class ParagraphBreaks extends CharFilter {
  private int[] breaks = new int[8];
  private int count;

  /** Characters read so far: the offset of the next one. */
  private int read;

  /** A line break has been read and only white space since. */
  private boolean afterLineBreak;

  ParagraphBreaks(Reader input) {
    super(input);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = input.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      char c = buffer[offset + i];
      if (c == '\n') {
        if (afterLineBreak) {
          note(correctOffset(read + i));
        }
        afterLineBreak = true;
      } else if (!Character.isWhitespace(c)) {
        afterLineBreak = false;
      }
    }
    read += Math.max(n, 0);
    return n;
  }

  private void note(int offset) {
    if (count == breaks.length) {
      breaks = Arrays.copyOf(breaks, count * 2);
    }
    breaks[count++] = offset;
  }

  @Override
  protected int correct(int currentOff) {
    return currentOff;
  }

  /** Breaks noted so far, in text order. */
  int count() {
    return count;
  }

  /** The original-text offset of break {@code i} (its second line break). */
  int at(int i) {
    return breaks[i];
  }
}
