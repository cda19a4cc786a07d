package org.newswatch.ingest.feed;

/**
 * Drops characters that XML 1.0 §2.2 does not allow (control characters other than tab, CR and LF;
 * U+FFFE and U+FFFF). Feeds pasted from word processors carry them, and one such character makes a
 * strict parser throw away the whole feed.
 */
final class XmlChars {
  private XmlChars() {}

  static boolean allowed(char c) {
    // Surrogates pass: they are halves of characters above U+FFFF, which XML allows.
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
  }

  /** The text without the characters XML forbids; the same instance when there were none. */
  static String clean(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!allowed(c)) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
