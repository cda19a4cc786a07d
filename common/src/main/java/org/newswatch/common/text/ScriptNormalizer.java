package org.newswatch.common.text;

import java.io.Reader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Maps the letters that Arabic, Persian and Urdu write differently to one form, before tokenizing,
 * so that {@code زاہدان} (Urdu) and {@code زاهدان} (Persian) are the same word. See GAZETTEER.md,
 * "Script normalisation that matters".
 */
public final class ScriptNormalizer {
  private static final NormalizeCharMap MAP = build();

  private ScriptNormalizer() {}

  public static Reader wrap(Reader reader) {
    return new MappingCharFilter(MAP, reader);
  }

  /** The normalised form of a whole string (for tests and for ids). */
  public static String normalize(String text) {
    try (Reader r = wrap(new java.io.StringReader(text))) {
      StringBuilder sb = new StringBuilder(text.length());
      char[] buf = new char[1024];
      for (int n; (n = r.read(buf)) > 0; ) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static NormalizeCharMap build() {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    // Arabic yeh and alef maksura, Urdu bari yeh → Persian yeh (U+06CC).
    b.add("\u064A", "\u06CC");
    b.add("\u0649", "\u06CC");
    b.add("\u06D2", "\u06CC");
    // Arabic kaf → keheh (U+06A9).
    b.add("\u0643", "\u06A9");
    // Urdu heh goal, do-chashmee heh, heh with yeh above, teh marbuta → heh (U+0647).
    b.add("\u06C1", "\u0647");
    b.add("\u06BE", "\u0647");
    b.add("\u06C0", "\u0647");
    b.add("\u0629", "\u0647");
    // Alef with hamza or madda → bare alef.
    b.add("\u0623", "\u0627");
    b.add("\u0625", "\u0627");
    b.add("\u0622", "\u0627");
    // Zero-width non-joiner, joiner and space, soft hyphen, tatweel: invisible, dropped.
    for (String invisible : new String[] {"\u200C", "\u200D", "\u200B", "\u00AD", "\u0640"}) {
      b.add(invisible, "");
    }
    // Harakat (fathatan … sukun), superscript alef: diacritics, dropped.
    for (char c = '\u064B'; c <= '\u0652'; c++) {
      b.add(String.valueOf(c), "");
    }
    b.add("\u0670", "");
    // Arabic-Indic and Persian digits → ASCII, so years and numbers match across scripts.
    for (int d = 0; d < 10; d++) {
      b.add(String.valueOf((char) ('\u0660' + d)), String.valueOf(d));
      b.add(String.valueOf((char) ('\u06F0' + d)), String.valueOf(d));
    }
    return b.build();
  }
}
