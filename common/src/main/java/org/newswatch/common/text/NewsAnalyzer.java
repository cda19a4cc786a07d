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
 *   <li>ICU folding: lower case, Latin diacritics removed ({@code Baluchestān} = {@code baluchestan});
 *   <li>{@link NameVariants}: the region's spelling variants and their Urdu/Persian forms to one
 *       canonical token ({@code Baluchistan}, {@code بلوچستان} → {@code balochistan});
 *   <li>English possessive and Porter stemming, which leave Arabic-script tokens unchanged.
 * </ol>
 */
public final class NewsAnalyzer extends Analyzer {
  /**
   * Positions between two values of one field (the paragraphs of a body): more than any phrase slop
   * or proximity a subscription or a search uses, so that neither reaches across a paragraph.
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
    TokenStream stream = new ICUFoldingFilter(tokenizer);
    stream = new NameVariantFilter(stream, variants);
    stream = new EnglishPossessiveFilter(stream);
    stream = new PorterStemFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
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
