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
   * The longest lead: a first paragraph longer than this is a body without paragraphs (a feed's
   * summary, a page whose paragraphs the extractor could not see, generated text), and the whole of
   * it is no more the lead than the whole of a long article is. A wire story's first paragraph is
   * one or two sentences, 150-350 characters in English; Urdu and Persian ones are about as long.
   */
  public static final int MAX_LEAD_CHARS = 400;

  /** A sentence's end: its closing mark (Latin, or the Urdu full stop and Arabic question mark). */
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?\u06D4\u061F](?=\s)");

  /**
   * Where the lead ends: the offset of the first blank line after some text, or the body's length
   * when it is one paragraph (0 for a null body); but at most {@link #MAX_LEAD_CHARS} after the
   * text's first character, cut after the last sentence that ends within them, or at the last space
   * when none does.
   */
  public static int leadEnd(String body) {
    if (body == null) {
      return 0;
    }
    int start = 0;
    while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
      start++;
    }
    int end = firstParagraphEnd(body);
    int limit = start + MAX_LEAD_CHARS;
    return end <= limit ? end : openingEnd(body, start, limit);
  }

  private static int firstParagraphEnd(String body) {
    Matcher m = BLANK_LINE.matcher(body);
    while (m.find()) {
      if (!body.substring(0, m.start()).isBlank()) {
        return m.start();
      }
    }
    return body.length();
  }

  /** The end of the opening sentences within [start, limit), the body running past limit. */
  private static int openingEnd(String body, int start, int limit) {
    int sentences = -1;
    Matcher m = SENTENCE_END.matcher(body).region(start, limit + 1);
    while (m.find()) {
      sentences = m.end();
    }
    if (sentences > start) {
      return sentences;
    }
    for (int i = limit; i > start; i--) {
      if (Character.isWhitespace(body.charAt(i))) {
        return i;
      }
    }
    // One word longer than a lead: cut it, between two characters.
    return Character.isLowSurrogate(body.charAt(limit)) ? limit - 1 : limit;
  }
}
