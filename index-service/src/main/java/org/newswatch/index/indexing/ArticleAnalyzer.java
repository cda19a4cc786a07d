package org.newswatch.index.indexing;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;

/**
 * The index's analysis ({@link ArticleFields#analyzer()}), and whether its text fields hold {@link
 * PhraseGrams}: the query parser asks exact phrases as pairs only when they do.
 */
public final class ArticleAnalyzer extends AnalyzerWrapper {
  /** The fields of running text: where phrases are asked. */
  private static final java.util.Set<String> PROSE =
      java.util.Set.of(ArticleFields.TITLE, ArticleFields.LEAD, ArticleFields.BODY);

  private final Analyzer fields;
  private final boolean phraseGrams;

  ArticleAnalyzer(Analyzer fields, boolean phraseGrams) {
    super(PER_FIELD_REUSE_STRATEGY);
    this.fields = fields;
    this.phraseGrams = phraseGrams;
  }

  /** True when {@code field} holds common-word pairs. */
  public boolean hasPhraseGrams(String field) {
    return phraseGrams && PROSE.contains(field);
  }

  /**
   * The same analysis without the pairs: what the query parser analyses a query with (it asks
   * phrases as pairs itself, see {@link PhraseGrams#phrase}).
   */
  public Analyzer wordsOnly() {
    return fields;
  }

  /** {@code analyzer}'s words only, when it is an {@code ArticleAnalyzer}; else itself. */
  public static Analyzer wordsOf(Analyzer analyzer) {
    return analyzer instanceof ArticleAnalyzer a ? a.wordsOnly() : analyzer;
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return fields;
  }

  @Override
  protected TokenStreamComponents wrapComponents(
      String fieldName, TokenStreamComponents components) {
    return hasPhraseGrams(fieldName)
        ? new TokenStreamComponents(
            components.getSource(), PhraseGrams.filter(components.getTokenStream()))
        : components;
  }
}
