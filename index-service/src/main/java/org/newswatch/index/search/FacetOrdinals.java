package org.newswatch.index.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Per segment and facet field, each document's value as a small number into the segment's list of
 * values, read once from the doc values and kept until the segment is closed. Counting a facet is
 * then one array read per match, instead of decoding doc values and merging the segments' value
 * lists again on every search.
 *
 * <p>Keyed by the segment's core: a refresh adds entries for new segments only, a deletion needs
 * none (deleted documents are never collected), a merge replaces entries as Lucene closes the old
 * cores. Source and language hold one value per article; a field with several values per article
 * (places) keeps the second and later values of those articles aside, so all of them are counted.
 */
final class FacetOrdinals {
  /**
   * One segment's values for one field; {@code ords.get(doc)} is 0 for no value, else index + 1 of
   * the first value; {@code more}, null for single-valued fields, holds the later values (index +
   * 1).
   */
  record Segment(String[] labels, PackedInts.Reader ords, int[][] more) {
    int ord(int doc) {
      return (int) ords.get(doc);
    }

    /** The values after the first of {@code doc}, or null. */
    int[] moreOrds(int doc) {
      return more == null ? null : more[doc];
    }
  }

  private static final Segment NONE = new Segment(new String[0], null, null);

  private final Map<IndexReader.CacheKey, Map<String, Segment>> cores = new ConcurrentHashMap<>();

  /** The values of {@code field} in {@code leaf}; a segment without the field has no labels. */
  Segment of(LeafReader leaf, String field) throws IOException {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    if (helper == null) {
      return read(leaf, field); // a reader that cannot say when it closes: never cached
    }
    Map<String, Segment> fields =
        cores.computeIfAbsent(
            helper.getKey(),
            key -> {
              helper.addClosedListener(cores::remove);
              return new ConcurrentHashMap<>();
            });
    Segment cached = fields.get(field);
    if (cached == null) {
      cached = read(leaf, field);
      fields.putIfAbsent(field, cached);
    }
    return cached;
  }

  /** Segments with entries: for tests that closed segments are forgotten. */
  int segments() {
    return cores.size();
  }

  private static Segment read(LeafReader leaf, String field) throws IOException {
    SortedSetDocValues values = DocValues.getSortedSet(leaf, field);
    long count = values.getValueCount();
    if (count == 0) {
      return NONE;
    }
    String[] labels = new String[Math.toIntExact(count)];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = values.lookupOrd(i).utf8ToString();
    }
    // Bits for count + 1 numbers: 3 bits for 5 sources, 16 for 40,000; FAST rounds up to a byte or
    // short.
    PackedInts.Mutable ords =
        PackedInts.getMutable(leaf.maxDoc(), PackedInts.bitsRequired(count), PackedInts.FAST);
    int[][] more = null;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      int n = values.docValueCount();
      ords.set(doc, values.nextOrd() + 1);
      if (n > 1) {
        if (more == null) {
          more = new int[leaf.maxDoc()][];
        }
        int[] rest = new int[n - 1];
        for (int i = 0; i < rest.length; i++) {
          rest[i] = Math.toIntExact(values.nextOrd() + 1);
        }
        more[doc] = rest;
      }
    }
    return new Segment(labels, ords, more);
  }
}
