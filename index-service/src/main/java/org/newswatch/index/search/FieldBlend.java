package org.newswatch.index.search;

import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns each free-text word, which the parser spreads over the weighted fields as {@code
 * (title:w)^2 (lead:w)^1 (body:w)^1}, into one BM25F query over the three ({@link
 * CombinedFieldQuery}): an occurrence in the title counts as two in one combined field, with one
 * document frequency for the word. Scored per field instead, a word that is common in bodies but
 * rare in titles (a province's name) gets a title IDF several times its body IDF, so any title
 * mention outweighs a story that is about the place in every paragraph. Phrases, wildcards and
 * explicit {@code field:} terms are left as the parser made them. Each word's query is wrapped in a
 * {@link BlendedWordQuery}, which scores the same and lets top hits skip blocks.
 */
final class FieldBlend {
  private FieldBlend() {}

  static Query blend(Query query, Map<String, Float> weights) {
    if (query instanceof BooleanQuery bq) {
      Query word = word(bq, weights);
      if (word != null) {
        return word;
      }
      BooleanQuery.Builder b =
          new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        b.add(blend(c.query(), weights), c.occur());
      }
      return b.build();
    }
    if (query instanceof BoostQuery boost) {
      return new BoostQuery(blend(boost.getQuery(), weights), boost.getBoost());
    }
    return query;
  }

  /** The BM25F query when {@code bq} is one word over exactly the weighted fields, else null. */
  private static Query word(BooleanQuery bq, Map<String, Float> weights) {
    if (bq.clauses().size() != weights.size() || bq.getMinimumNumberShouldMatch() != 0) {
      return null;
    }
    BytesRef text = null;
    CombinedFieldQuery.Builder combined = new CombinedFieldQuery.Builder();
    Map<String, Float> used = new java.util.HashMap<>();
    for (BooleanClause c : bq.clauses()) {
      Query q = c.query();
      float boost = 1f;
      if (q instanceof BoostQuery b) {
        boost = b.getBoost();
        q = b.getQuery();
      }
      if (c.occur() != BooleanClause.Occur.SHOULD || !(q instanceof TermQuery tq)) {
        return null;
      }
      Term t = tq.getTerm();
      Float weight = weights.get(t.field());
      if (weight == null
          || weight != boost
          || used.containsKey(t.field())
          || (text != null && !text.equals(t.bytes()))) {
        return null;
      }
      text = t.bytes();
      // BM25F weights must be at least 1: an occurrence counts as that many in the combined field.
      used.put(t.field(), Math.max(1f, weight));
      combined.addField(t.field(), Math.max(1f, weight));
    }
    // Scored by the combined query; the wrapper adds block bounds so that top hits can skip.
    return new BlendedWordQuery(combined.addTerm(text).build(), text, used);
  }
}
