package org.newswatch.index.indexing;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;

/**
 * Near-real-time searchers over the index, like Lucene's {@code SearcherManager} on a writer, but
 * able to move to a new writer: after a write failure (a full disk) the indexer reopens its writer
 * from the last commit, and searches must go on meanwhile.
 *
 * <p>While the writer is down, {@link #acquire()} keeps handing out the last searcher opened: its
 * segment files stay open, so researchers still search what was visible before the failure. The
 * next refresh after {@link #follow} opens a searcher on the new writer, which shows the last
 * commit (the uncommitted tail is indexed again from Kafka).
 */
final class IndexSearchers extends ReferenceManager<IndexSearcher> {
  /** The writer refreshes read from; replaced by {@link #follow}. */
  private volatile IndexWriter writer;

  /** The writer the current searcher's reader came from; only touched under the refresh lock. */
  private IndexWriter readerWriter;

  IndexSearchers(IndexWriter writer) throws IOException {
    this.writer = writer;
    this.readerWriter = writer;
    this.current = new IndexSearcher(DirectoryReader.open(writer));
  }

  /** Searches from now on read from {@code newWriter}; takes effect with this blocking refresh. */
  void follow(IndexWriter newWriter) throws IOException {
    this.writer = newWriter;
    maybeRefreshBlocking();
  }

  @Override
  protected IndexSearcher refreshIfNeeded(IndexSearcher old) throws IOException {
    IndexWriter from = writer;
    DirectoryReader reader = (DirectoryReader) old.getIndexReader();
    // A reader from a writer that is gone cannot be reopened incrementally: open afresh.
    DirectoryReader newer =
        from == readerWriter
            ? DirectoryReader.openIfChanged(reader, from)
            : DirectoryReader.open(from);
    if (newer == null) {
      return null;
    }
    readerWriter = from;
    return new IndexSearcher(newer);
  }

  @Override
  protected boolean tryIncRef(IndexSearcher searcher) {
    return searcher.getIndexReader().tryIncRef();
  }

  @Override
  protected void decRef(IndexSearcher searcher) throws IOException {
    searcher.getIndexReader().decRef();
  }

  @Override
  protected int getRefCount(IndexSearcher searcher) {
    return searcher.getIndexReader().getRefCount();
  }
}
