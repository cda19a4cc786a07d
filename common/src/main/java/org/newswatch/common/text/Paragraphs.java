package org.newswatch.common.text;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An article body's paragraphs, as the extractor joined them (a blank line between two). The
 * index and the alert matcher add each as a value of its own, and {@link NewsAnalyzer} puts a
 * position gap between values, so that a phrase or a proximity query never matches the last words
 * of one paragraph with the first of the next (a "Balochistan" ending a sports paragraph and a
 * "border attack" opening the next are not a story about the Balochistan border).
 */
public final class Paragraphs {
  private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");

  private Paragraphs() {}

  public static List<String> of(String body) {
    if (body == null || body.isBlank()) {
      return List.of();
    }
    return Arrays.stream(BLANK_LINE.split(body)).map(String::strip).filter(p -> !p.isEmpty()).toList();
  }
}
