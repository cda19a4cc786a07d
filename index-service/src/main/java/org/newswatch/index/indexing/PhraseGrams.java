package org.newswatch.index.indexing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.newswatch.common.text.FunctionWords;
import org.newswatch.common.text.NewsAnalyzer;

/**
 * Common-word pairs, indexed as one term each, so that a phrase with a word found in nearly every
 * article ({@code "the border"}, {@code "کے خلاف"}, {@code "در مرز"}) reads the short list of
 * articles holding that pair instead of checking the positions of the common word in every article
 * that has the other one (at a million articles that check was most of a slow phrase's time).
 *
 * <p>The text fields index, besides every word, each two adjacent words of which at least one is
 * common, as {@code "first second"} at the first one's position (a space never occurs inside a
 * word, so a pair cannot be mistaken for one). An exact phrase is then asked as those pairs and the
 * words no pair covers; it matches exactly the articles the word-by-word phrase matches. Pairs are
 * not made across a paragraph gap, so a phrase still does not reach across paragraphs. Lucene's
 * {@code CommonGramsFilter} does the same, but pairs across gaps.
 */
public final class PhraseGrams {
  /** The token type of a pair: the highlighter and explain see it as one term. */
  static final String TYPE = "phrase-gram";

  /**
   * The version of the common words' list, kept in the index's commits: an index whose pairs were
   * made from another list would lack pairs a phrase is asked with, so it is searched word by word.
   * Change it with {@link FunctionWords#WORDS}.
   */
  static final String VERSION = "1";

  /**
   * The function words, analysed as the fields are (so that stemmed and normalised forms match).
   * Each takes index space (its pairs with every neighbour), so only words in a large share of
   * articles are worth it.
   */
  private static final Set<String> COMMON = analysed(FunctionWords.WORDS);

  private PhraseGrams() {}

  /** True for a word (as analysed) whose pairs are indexed. */
  static boolean isCommon(String analysed) {
    return COMMON.contains(analysed);
  }

  /** The term of the pair {@code first second}. */
  static String pair(String first, String second) {
    return first + ' ' + second;
  }

  /** Adds the pairs to {@code words}, an analysed text field's tokens. */
  static TokenStream filter(TokenStream words) {
    return new PairFilter(words);
  }

  /** A word of an analysed phrase at its position. */
  public record Word(String text, int position) {}

  /**
   * The exact phrase of {@code words} (one token per position, in order) in {@code field}, asked as
   * pairs where a common word is, or null when no pair applies (the word-by-word phrase is as
   * fast).
   */
  public static Query phrase(String field, List<Word> words) {
    boolean[] covered = new boolean[words.size()];
    List<Word> terms = new ArrayList<>();
    for (int i = 0; i + 1 < words.size(); i++) {
      Word a = words.get(i);
      Word b = words.get(i + 1);
      if (b.position() == a.position() + 1 && (isCommon(a.text()) || isCommon(b.text()))) {
        terms.add(new Word(pair(a.text(), b.text()), a.position()));
        covered[i] = true;
        covered[i + 1] = true;
      }
    }
    if (terms.isEmpty()) {
      return null;
    }
    for (int i = 0; i < words.size(); i++) {
      if (!covered[i]) {
        terms.add(words.get(i));
      }
    }
    terms.sort(java.util.Comparator.comparingInt(Word::position));
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    for (Word w : terms) {
      phrase.add(new Term(field, w.text()), w.position());
    }
    return phrase.build();
  }

  private static Set<String> analysed(List<String> words) {
    Set<String> set = new HashSet<>();
    try (NewsAnalyzer analyzer = new NewsAnalyzer()) {
      for (String word : words) {
        try (TokenStream stream = analyzer.tokenStream(ArticleFields.BODY, word)) {
          CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
          stream.reset();
          while (stream.incrementToken()) {
            set.add(term.toString());
          }
          stream.end();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(set);
  }

  /**
   * Emits each word, then, when it and the next word are adjacent and one of them is common, their
   * pair at the same position (offsets from the first word's start to the second's end, so that a
   * snippet marks the phrase). Reads one word ahead.
   */
  private static final class PairFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    /** The word read ahead, to emit next; null when none is. */
    private State ahead;

    private boolean exhausted;
    private String pair;
    private int pairStart;
    private int pairEnd;

    PairFilter(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (pair != null) {
        clearAttributes();
        term.setEmpty().append(pair);
        increment.setPositionIncrement(0);
        offset.setOffset(pairStart, pairEnd);
        type.setType(TYPE);
        pair = null;
        return true;
      }
      State current;
      if (ahead != null) {
        current = ahead;
        ahead = null;
        restoreState(current);
      } else if (exhausted || !input.incrementToken()) {
        exhausted = true;
        return false;
      } else {
        current = captureState();
      }
      String first = term.toString();
      int firstStart = offset.startOffset();
      if (input.incrementToken()) {
        String second = term.toString();
        if (increment.getPositionIncrement() == 1 && (isCommon(first) || isCommon(second))) {
          pair = pair(first, second);
          pairStart = firstStart;
          pairEnd = offset.endOffset();
        }
        ahead = captureState();
      } else {
        exhausted = true;
      }
      restoreState(current);
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      ahead = null;
      pair = null;
      exhausted = false;
    }
  }
}
