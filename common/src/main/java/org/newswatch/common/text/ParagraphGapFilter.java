package org.newswatch.common.text;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Puts {@link NewsAnalyzer#PARAGRAPH_GAP} positions between the last word of a paragraph and the
 * first of the next, where {@link ParagraphBreaks} saw a blank line between them: a phrase or a
 * proximity query never joins two paragraphs, as with one field value per paragraph, while the
 * offsets stay the text's own.
 */
final class ParagraphGapFilter extends TokenFilter {
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private ParagraphBreaks breaks;
  private int next;
  private boolean first;

  ParagraphGapFilter(TokenStream input) {
    super(input);
  }

  /**
   * The breaks of the text about to be analysed (set with each new reader, before {@link
   * #reset()}).
   */
  void readFrom(ParagraphBreaks breaks) {
    this.breaks = breaks;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    // The tokenizer has read past this token's start, so every break before it is noted.
    boolean gap = false;
    while (breaks != null && next < breaks.count() && breaks.at(next) < offset.startOffset()) {
      gap = true;
      next++;
    }
    if (gap && !first) {
      increment.setPositionIncrement(increment.getPositionIncrement() + NewsAnalyzer.PARAGRAPH_GAP);
    }
    first = false;
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    next = 0;
    first = true;
  }
}
