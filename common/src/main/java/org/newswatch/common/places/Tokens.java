package org.newswatch.common.places;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.newswatch.common.text.NewsAnalyzer;

/**
 * A text as the project's {@link NewsAnalyzer} sees it: the same script normalisation, folding,
 * name variants and stemming as search and alerts, so a name in the gazetteer and a name in an
 * article meet in one form whatever script or spelling each was written in. Positions jump by
 * {@link NewsAnalyzer#PARAGRAPH_GAP} between paragraphs, so neither a name nor a cue window reaches
 * across one.
 */
final class Tokens {
  private static final Analyzer ANALYZER = new NewsAnalyzer();

  record Token(String term, int position, int start, int end) {}

  private Tokens() {}

  static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream("place", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        out.add(new Token(term.toString(), position, offset.startOffset(), offset.endOffset()));
      }
      stream.end();
    } catch (IOException e) {
      // Reading a String does not fail; the analyzer's API declares it anyway.
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Just the terms, for names and cues in the gazetteer. */
  static List<String> terms(String text) {
    return of(text).stream().map(Token::term).toList();
  }
}
