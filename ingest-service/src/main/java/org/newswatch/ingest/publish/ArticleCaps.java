package org.newswatch.ingest.publish;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounds on every field of an article, applied at ingest before the article is hashed and
 * published, so that no feed item or page can put an unbounded value on {@code news.articles}.
 *
 * <p>Why: the index keeps {@code url}, {@code authors}, {@code keywords}, {@code source} and {@code
 * language} as single Lucene terms, which may not exceed 32,766 UTF-8 bytes; and one record must
 * stay well below the producer's {@code max.request.size} (4 MiB) and a default broker's {@code
 * message.max.bytes} (1 MiB), or the producer refuses it on every poll.
 *
 * <table>
 *   <caption>The caps</caption>
 *   <tr><th>field</th><th>cap</th><th>past the cap</th></tr>
 *   <tr><td>item link, {@code url}, {@code canonicalUrl}</td><td>{@value #MAX_URL_CHARS} characters
 *       (the sitemaps.org limit; browsers and servers rarely take more)</td><td>the item is refused
 *       with a counted, logged reason in the feed's status (a cut URL would name another page and
 *       become a wrong id); a too-long redirect target or {@code rel=canonical} is ignored and the
 *       feed's link stands in</td></tr>
 *   <tr><td>{@code title}</td><td>{@value #MAX_TITLE_CHARS} characters</td><td>cut, ending in "…"</td></tr>
 *   <tr><td>{@code body}</td><td>{@value #MAX_BODY_BYTES} bytes as UTF-8 JSON (about 260,000
 *       English or 130,000 Urdu or Persian characters; longer than any news article)</td><td>cut at a
 *       word, with a warning in {@code extraction.warnings}</td></tr>
 *   <tr><td>{@code authors}, {@code keywords}</td><td>{@value #MAX_NAMES} values of {@value
 *       #MAX_NAME_CHARS} characters each</td><td>each cut, the rest dropped</td></tr>
 *   <tr><td>{@code source}</td><td>{@value #MAX_NAME_CHARS} characters</td><td>cut</td></tr>
 *   <tr><td>{@code language}</td><td>{@value #MAX_LANGUAGE_CHARS} characters (the longest BCP 47
 *       tag in use)</td><td>{@code und}</td></tr>
 *   <tr><td>{@code extraction.warnings}</td><td>{@value #MAX_WARNINGS} of {@value
 *       #MAX_WARNING_CHARS} characters</td><td>each cut, the rest dropped</td></tr>
 *   <tr><td>the whole record</td><td>{@value #MAX_RECORD_BYTES} bytes of JSON</td><td>refused with a
 *       reason (cannot happen with the caps above, which sum to under 450 KB even for text that is
 *       all escapes)</td></tr>
 * </table>
 *
 * <p>Ids, hashes and the feed id are bounded by construction (hex digests; {@code Feed} allows 100
 * characters). Feed {@code <category>} elements are not read at all.
 */
public final class ArticleCaps {
  public static final int MAX_URL_CHARS = 2048;
  public static final int MAX_TITLE_CHARS = 1000;
  public static final int MAX_BODY_BYTES = 256 * 1024;
  public static final int MAX_NAMES = 30;
  public static final int MAX_NAME_CHARS = 200;
  public static final int MAX_LANGUAGE_CHARS = 35;
  public static final int MAX_WARNINGS = 20;
  public static final int MAX_WARNING_CHARS = 500;

  /** Half a default broker's 1 MiB limit, so headers, batching and a later schema field all fit. */
  public static final int MAX_RECORD_BYTES = 512 * 1024;

  /** How much of a refused value a log line or the feed's status shows. */
  private static final int PREVIEW_CHARS = 120;

  private ArticleCaps() {}

  /**
   * Whether a URL is short enough to become an article's {@code url}, {@code canonicalUrl} and id.
   */
  public static boolean urlFits(String url) {
    return url != null && url.length() <= MAX_URL_CHARS;
  }

  public static String title(String title) {
    return cut(title, MAX_TITLE_CHARS);
  }

  public static String source(String source) {
    return cut(source, MAX_NAME_CHARS);
  }

  /** A language tag, or null ({@code und}) when it is too long to be one. */
  public static String language(String language) {
    return language == null || language.length() > MAX_LANGUAGE_CHARS ? null : language;
  }

  /** Authors or keywords: blanks dropped, each cut, at most {@value #MAX_NAMES}. */
  public static List<String> names(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (out.size() == MAX_NAMES) {
        break;
      }
      if (name != null && !name.isBlank()) {
        out.add(cut(name.strip(), MAX_NAME_CHARS));
      }
    }
    return out;
  }

  public static List<String> warnings(List<String> warnings) {
    return warnings.stream().limit(MAX_WARNINGS).map(w -> cut(w, MAX_WARNING_CHARS)).toList();
  }

  /**
   * The body cut to {@value #MAX_BODY_BYTES} bytes of UTF-8 JSON, at the last space before the cap
   * when there is one nearby; a note of the cut is added to {@code warnings}.
   */
  public static String body(String body, List<String> warnings) {
    int bytes = 0;
    int end = 0;
    while (end < body.length()) {
      int cp = body.codePointAt(end);
      bytes += jsonBytes(cp);
      if (bytes > MAX_BODY_BYTES) {
        break;
      }
      end += Character.charCount(cp);
    }
    if (end == body.length()) {
      return body;
    }
    int space = body.lastIndexOf(' ', end);
    int at = space > end - 200 ? space : end;
    warnings.add(
        "body cut at "
            + at
            + " of "
            + body.length()
            + " characters (the cap is "
            + MAX_BODY_BYTES
            + " bytes)");
    return body.substring(0, at);
  }

  /** The start of a value too long to show whole, for logs and the feed's status. */
  public static String preview(String value) {
    return value == null ? "null" : cut(value, PREVIEW_CHARS);
  }

  /** At most {@code max} characters, never splitting a surrogate pair; a cut value ends in "…". */
  static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + "…";
  }

  /**
   * What one code point costs in UTF-8 JSON as {@code Json} writes it: escapes for quotes,
   * backslashes and controls; and Jackson writes a character beyond U+FFFF (an emoji) as two {@code
   * \\uXXXX} escapes, 12 bytes, not as its 4 UTF-8 bytes.
   */
  private static int jsonBytes(int cp) {
    if (cp == '"' || cp == '\\') {
      return 2;
    }
    if (cp < 0x20) {
      return 6; // \\uXXXX (a few have two-byte escapes; counting six is safe)
    }
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 12;
  }
}
