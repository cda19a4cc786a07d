package org.newswatch.common.text;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The text analysis that the index and the alert matcher share, so that a query finds in search
 * exactly what it fires on as an alert. In order:
 *
 * <ol>
 *   <li>{@link ScriptNormalizer}: Arabic-script letter variants to one form (ي/ی, ك/ک, ہ/ھ/ه),
 *       zero-width characters, tatweel and diacritics dropped, Eastern digits to ASCII;
 *   <li>Unicode word segmentation (UAX #29), which handles Latin and Arabic script alike;
 *   <li>{@link ParagraphGapFilter}: {@link #PARAGRAPH_GAP} positions at each blank line, so that a
 *       body is one value whose offsets are its own (see {@link ParagraphBreaks}) and still no
 *       phrase reaches across paragraphs;
 *   <li>ICU folding: lower case, Latin diacritics removed ({@code Baluchestān} = {@code
 *       baluchestan});
 *   <li>{@link NameVariants}: the region's spelling variants and their Urdu/Persian forms to one
 *       canonical token ({@code Baluchistan}, {@code بلوچستان} → {@code balochistan});
 *   <li>English possessive and Porter stemming, which leave Arabic-script tokens unchanged.
 * </ol>
 */
public final class NewsAnalyzer extends Analyzer {
  /**
   * Positions between two paragraphs of a text (a blank line between them) and between two values
   * of one field: more than any phrase slop or proximity a subscription or a search uses, so that
   * neither reaches across a paragraph.
   */
  public static final int PARAGRAPH_GAP = 100;

  private final NameVariants variants;

  public NewsAnalyzer() {
    this(NameVariants.bundled());
  }

  public NewsAnalyzer(NameVariants variants) {
    this.variants = variants;
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return ScriptNormalizer.wrap(reader);
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return ScriptNormalizer.wrap(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    ParagraphGapFilter gaps = new ParagraphGapFilter(tokenizer);
    TokenStream stream = new ICUFoldingFilter(gaps);
    stream = new NameVariantFilter(stream, variants);
    stream = new EnglishPossessiveFilter(stream);
    stream = new PorterStemFilter(stream);
    // Each text gets its own break recorder, outermost so that it sees what the tokenizer reads.
    return new TokenStreamComponents(
        reader -> {
          ParagraphBreaks breaks = new ParagraphBreaks(reader);
          gaps.readFrom(breaks);
          tokenizer.setReader(breaks);
        },
        stream);
  }

  @Override
  public int getPositionIncrementGap(String fieldName) {
    return PARAGRAPH_GAP;
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ICUFoldingFilter(in);
  }
}
