package org.newswatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.newswatch.index.indexing.ArticleFields;

/**
 * The words {@link PageBench} types, taken from the index itself: body words in 1 % to 26 % of the
 * articles, the middling frequency of the search bench's words (its ranks 100 to 2,000 of a Zipf
 * vocabulary fall in that band), so that both benches ask alike whatever corpus the index holds.
 */
final class PageWords {
  static final double MIN_SHARE = 0.01;
  static final double MAX_SHARE = 0.26;

  /** The index's live articles, and the words in the order they are to be typed. */
  record Picked(int documents, List<String> words) {}

  private PageWords() {}

  /**
   * {@code count} words from the index in {@code dir}, read-only, shuffled by {@code seed}:
   * distinct while the index has enough, then round again in the same order.
   */
  static Picked pick(Path dir, int count, long seed) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      List<String> candidates = candidates(reader);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException(
            "no word of the body field is in 1 % to 26 % of the "
                + reader.numDocs()
                + " articles in "
                + dir
                + ": nothing to search for");
      }
      Collections.shuffle(candidates, new Random(seed));
      List<String> words = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        words.add(candidates.get(i % candidates.size()));
      }
      return new Picked(reader.numDocs(), List.copyOf(words));
    }
  }

  /** Every qualifying word, in the index's term order (so a seed picks the same ones each run). */
  static List<String> candidates(IndexReader reader) throws IOException {
    List<String> words = new ArrayList<>();
    Terms terms = MultiTerms.getTerms(reader, ArticleFields.BODY);
    if (terms == null) {
      return words;
    }
    long min = (long) Math.ceil(MIN_SHARE * reader.numDocs());
    long max = (long) Math.floor(MAX_SHARE * reader.numDocs());
    Analyzer analyzer = ArticleFields.analyzer().wordsOnly();
    TermsEnum e = terms.iterator();
    for (BytesRef term = e.next(); term != null; term = e.next()) {
      int df = e.docFreq();
      if (df < min || df > max) {
        continue;
      }
      String word = term.utf8ToString();
      // A term with a space is a common-word pair the index adds for fast phrases: not a word.
      if (word.indexOf(' ') < 0 && typedAs(analyzer, word)) {
        words.add(word);
      }
    }
    return words;
  }

  /**
   * True when {@code word}, typed as a query, is analysed to itself: terms are stems, and a stem
   * stemmed again can become another term, which would ask the service for a different word.
   */
  static boolean typedAs(Analyzer analyzer, String word) throws IOException {
    try (TokenStream stream = analyzer.tokenStream(ArticleFields.BODY, word)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      boolean same = stream.incrementToken() && word.contentEquals(term);
      boolean more = same && stream.incrementToken();
      stream.end();
      return same && !more;
    }
  }
}
