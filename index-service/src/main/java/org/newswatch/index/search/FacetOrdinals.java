package org.newswatch.index.search;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

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
   * One segment's values for one field: {@link #ord} is 0 for no value, else index + 1 of the first
   * value, from {@code small} (up to 65,535 values: two bytes a document) or else {@code large};
   * {@code more}, null for single-valued fields, holds the later values (index + 1). Plain arrays,
   * not packed ints: the count loop reads one per match and field, and unpacking bits was a tenth
   * of a search's time at a million articles (profiled).
   */
  record Segment(String[] labels, char[] small, int[] large, int[][] more) {
    boolean hasValues() {
      return small != null || large != null;
    }

    int ord(int doc) {
      return small != null ? small[doc] : large[doc];
    }

    /** The values after the first of {@code doc}, or null. */
    int[] moreOrds(int doc) {
      return more == null ? null : more[doc];
    }
  }

  private static final Segment NONE = new Segment(new String[0], null, null, null);

  private final PerSegment<Segment> segments = new PerSegment<>(FacetOrdinals::read);

  /** The values of {@code field} in {@code leaf}; a segment without the field has no labels. */
  Segment of(LeafReader leaf, String field) throws IOException {
    return segments.of(leaf, field);
  }

  /** Segments with entries: for tests that closed segments are forgotten. */
  int segments() {
    return segments.segments();
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
    boolean fitsInChar = count + 1 <= Character.MAX_VALUE;
    char[] small = fitsInChar ? new char[leaf.maxDoc()] : null;
    int[] large = fitsInChar ? null : new int[leaf.maxDoc()];
    int[][] more = null;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      int n = values.docValueCount();
      int first = Math.toIntExact(values.nextOrd() + 1);
      if (fitsInChar) {
        small[doc] = (char) first;
      } else {
        large[doc] = first;
      }
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
    return new Segment(labels, small, large, more);
  }
}
