package org.newswatch.index.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * A value per segment and field, read once and kept until Lucene closes the segment. Keyed by the
 * segment's core, which never changes (a deletion changes only which documents are live): a refresh
 * reads new segments only, and a merge drops the old ones' entries as it closes them.
 */
final class PerSegment<V> {
  /** Reads a segment's value for a field. */
  @FunctionalInterface
  interface Reader<V> {
    V read(LeafReader leaf, String field) throws IOException;
  }

  private final Reader<V> reader;
  private final Map<IndexReader.CacheKey, Map<String, V>> cores = new ConcurrentHashMap<>();

  PerSegment(Reader<V> reader) {
    this.reader = reader;
  }

  V of(LeafReader leaf, String field) throws IOException {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    if (helper == null) {
      return reader.read(leaf, field); // a reader that cannot say when it closes: never cached
    }
    Map<String, V> fields =
        cores.computeIfAbsent(
            helper.getKey(),
            key -> {
              helper.addClosedListener(cores::remove);
              return new ConcurrentHashMap<>();
            });
    V cached = fields.get(field);
    if (cached == null) {
      cached = reader.read(leaf, field);
      fields.putIfAbsent(field, cached);
    }
    return cached;
  }

  /** Segments with entries: for tests that closed segments are forgotten. */
  int segments() {
    return cores.size();
  }
}
