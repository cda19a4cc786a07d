package org.newswatch.alert.match;

/** Short excerpts of article text, cut at word boundaries. */
final class Snippets {
  private Snippets() {}

  /** The first {@code max} characters or so. */
  static String lead(String text, int max) {
    return around(text, 0, max);
  }

  /** About {@code max} characters around {@code offset}, a quarter of them before it. */
  static String around(String text, int offset, int max) {
    if (text.length() <= max) {
      return text.strip();
    }
    int start = Math.max(0, Math.min(offset - max / 4, text.length() - max));
    int end = Math.min(text.length(), start + max);
    if (start > 0) {
      int space = text.indexOf(' ', start);
      start = space < 0 || space >= offset ? start : space + 1;
    }
    if (end < text.length()) {
      int space = text.lastIndexOf(' ', end);
      end = space <= offset ? end : space;
    }
    return (start > 0 ? "…" : "")
        + text.substring(start, end).strip()
        + (end < text.length() ? "…" : "");
  }
}
