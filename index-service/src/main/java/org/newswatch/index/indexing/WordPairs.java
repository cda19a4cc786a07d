package org.newswatch.index.indexing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * Each two words that stand side by side in a text, as one term of a field of their own: the pair
 * {@code border crossing} at the position of {@code border}. A phrase search reads the postings of
 * its pairs, rare even when its words are common, instead of every position of every word (a phrase
 * with {@code the} in it read the positions of nearly every article). A pair exists exactly where a
 * two-word phrase matches: two words at positions p and p + 1 of the analysed text, none across a
 * paragraph gap ({@link org.newswatch.common.text.NewsAnalyzer#PARAGRAPH_GAP}); two words at one
 * position (a stacked synonym) pair with each word of the next. Unlike Lucene's {@code
 * ShingleFilter}, no filler tokens and no pairs within one position.
 */
public final class WordPairs {
  /**
   * Between the two words of a pair term: U+001F (unit separator), which no analysed word holds
   * (the tokenizer never keeps control characters), so that two pairs cannot spell the same term.
   */
  static final char SEPARATOR = '\u001f';

  private WordPairs() {}

  /** The term of the pair {@code first second}, as analysed words. */
  public static BytesRef term(BytesRef first, BytesRef second) {
    byte[] bytes = new byte[first.length + 1 + second.length];
    System.arraycopy(first.bytes, first.offset, bytes, 0, first.length);
    bytes[first.length] = (byte) SEPARATOR;
    System.arraycopy(second.bytes, second.offset, bytes, first.length + 1, second.length);
    return new BytesRef(bytes);
  }

  /** The analysis of a pair field: {@code words}' tokens, then their pairs in place of them. */
  static Analyzer analyzer(Analyzer words) {
    return new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return words;
      }

      @Override
      protected TokenStreamComponents wrapComponents(
          String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(
            components.getSource(), new PairFilter(components.getTokenStream()));
      }
    };
  }

  /**
   * Turns words into pairs of adjacent words; each pair at its first word's position, so that a
   * phrase of three or more words is pairs at consecutive positions.
   */
  static final class PairFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

    /** The words at the position before the current one (empty after a gap) and at the current. */
    private Words previous = new Words();

    private Words current = new Words();

    /** Of the current words; -1 before the first. */
    private int position = -1;

    /** Of the last pair given out; -1 before the first. */
    private int emitted = -1;

    /** Pairs of previous word {@code next} with the newest word still to give out. */
    private int next;

    private String newest;
    private int newestEnd;

    PairFilter(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      while (next >= previous.size()) {
        if (!input.incrementToken()) {
          return false;
        }
        int inc = increment.getPositionIncrement();
        if (inc == 0 && position >= 0) {
          // Stacked on the current position: pairs with the previous words, none with its
          // neighbours at this position.
          current.add(term.toString(), offset.startOffset());
        } else {
          position += Math.max(inc, 1); // the first word's increment is at least 1 in Lucene
          Words done = previous;
          previous = inc == 1 ? current : done.cleared();
          current = inc == 1 ? done.cleared() : current.cleared();
          current.add(term.toString(), offset.startOffset());
        }
        newest = term.toString();
        newestEnd = offset.endOffset();
        next = 0;
      }
      int at = position - 1;
      clearAttributes();
      term.setEmpty().append(previous.word(next)).append(SEPARATOR).append(newest);
      increment.setPositionIncrement(at - emitted);
      length.setPositionLength(1);
      offset.setOffset(previous.start(next), newestEnd);
      emitted = at;
      next++;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      previous.cleared();
      current.cleared();
      position = -1;
      emitted = -1;
      next = 0;
      newest = null;
    }

    /** The words at one position, with their start offsets. */
    private static final class Words {
      private final List<String> words = new ArrayList<>(2);
      private int[] starts = new int[2];

      void add(String word, int start) {
        if (words.size() == starts.length) {
          starts = java.util.Arrays.copyOf(starts, starts.length * 2);
        }
        starts[words.size()] = start;
        words.add(word);
      }

      int size() {
        return words.size();
      }

      String word(int i) {
        return words.get(i);
      }

      int start(int i) {
        return starts[i];
      }

      Words cleared() {
        words.clear();
        return this;
      }
    }
  }
}
