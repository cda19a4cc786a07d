package org.newswatch.ingest.story;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.newswatch.common.text.NewsAnalyzer;

/**
 * A text's terms as the project's {@link NewsAnalyzer} makes them (script variants folded, name
 * variants to one token, English stemmed), with positions, so that a group or event word written in
 * any of the three scripts meets the table's form. Positions jump between paragraphs, so a phrase
 * does not match across one.
 */
record Terms(String[] terms, int[] positions) {
  private static final Analyzer ANALYZER = new NewsAnalyzer();

  static Terms of(String text) {
    List<String> terms = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream("story", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        terms.add(term.toString());
        positions.add(position);
      }
      stream.end();
    } catch (IOException e) {
      // Reading a String does not fail; the analyzer's API declares it anyway.
      throw new UncheckedIOException(e);
    }
    int[] p = new int[positions.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = positions.get(i);
    }
    return new Terms(terms.toArray(String[]::new), p);
  }

  int size() {
    return terms.length;
  }

  /** Whether the phrase's terms stand at i, i+1, … in adjacent positions. */
  boolean phraseAt(List<String> phrase, int i) {
    if (i + phrase.size() > terms.length) {
      return false;
    }
    for (int k = 0; k < phrase.size(); k++) {
      if (!terms[i + k].equals(phrase.get(k))
          || (k > 0 && positions[i + k] != positions[i + k - 1] + 1)) {
        return false;
      }
    }
    return true;
  }
}
