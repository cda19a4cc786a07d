package org.newswatch.common.text;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Replaces a token that is a known spelling variant with its canonical form, and keeps stemmers off
 * it.
 */
final class NameVariantFilter extends TokenFilter {
  private final NameVariants variants;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  NameVariantFilter(TokenStream input, NameVariants variants) {
    super(input);
    this.variants = variants;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    var canonical = variants.canonicalOf(term.toString());
    if (canonical.isPresent()) {
      term.setEmpty().append(canonical.get());
      // A name is not an English word: "baloch" must not be stemmed into something else.
      keyword.setKeyword(true);
    }
    return true;
  }
}
