package org.newswatch.index.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.newswatch.index.indexing.ArticleFields;

/** What ids an index on disk holds, for the tests that check "each article exactly once". */
public final class IndexedIds {
  private IndexedIds() {}

  /** The ids with a live document, failing if any id has two. */
  public static Set<String> liveEachOnce(DirectoryReader reader) throws IOException {
    Set<String> ids = new HashSet<>();
    Terms terms = MultiTerms.getTerms(reader, ArticleFields.ID);
    if (terms == null) {
      return ids;
    }
    Bits live = MultiBits.getLiveDocs(reader);
    TermsEnum te = terms.iterator();
    PostingsEnum postings = null;
    while (te.next() != null) {
      postings = te.postings(postings, PostingsEnum.NONE);
      int liveDocs = 0;
      for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
        if (live == null || live.get(d)) {
          liveDocs++;
        }
      }
      assertTrue(
          liveDocs <= 1, te.term().utf8ToString() + " is in the index " + liveDocs + " times");
      if (liveDocs == 1) {
        ids.add(te.term().utf8ToString());
      }
    }
    return ids;
  }
}
