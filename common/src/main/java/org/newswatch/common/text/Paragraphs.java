package org.newswatch.common.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An article body's paragraphs, as the extractor joined them: a blank line between two. {@link
 * NewsAnalyzer} puts a position gap at each blank line, so that a phrase or a proximity query never
 * matches the last words of one paragraph with the first of the next (a "Balochistan" ending a
 * sports paragraph and a "border attack" opening the next are not a story about the Balochistan
 * border); an alert's explanation says whether a word stood in the lead, the first paragraph.
 */
public final class Paragraphs {
  /**
   * The separator {@link ParagraphBreaks} finds too: a line break, only white space, a line break.
   */
  private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");

  private Paragraphs() {}

  /**
   * Where the lead ends: the offset of the first blank line after some text, or the body's length
   * when it is one paragraph (0 for a null body).
   */
  public static int leadEnd(String body) {
    if (body == null) {
      return 0;
    }
    Matcher m = BLANK_LINE.matcher(body);
    while (m.find()) {
      if (!body.substring(0, m.start()).isBlank()) {
        return m.start();
      }
    }
    return body.length();
  }
}
