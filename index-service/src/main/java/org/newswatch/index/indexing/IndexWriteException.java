package org.newswatch.index.indexing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing the index failed (a full disk, an I/O error, or a writer Lucene closed after such a
 * failure). The index on disk still holds its last commit; the consumer pauses and retries.
 */
final class IndexWriteException extends UncheckedIOException {
  IndexWriteException(String message, IOException cause) {
    super(message, cause);
  }

  /** For a writer that Lucene closed after a failure it could not recover from (its "tragedy"). */
  static IndexWriteException afterTragedy(String message, Throwable tragedy) {
    IOException cause =
        tragedy instanceof IOException io ? io : new IOException(tragedy.toString(), tragedy);
    return new IndexWriteException(
        message + ": the index writer stopped after " + cause.getMessage(), cause);
  }
}
