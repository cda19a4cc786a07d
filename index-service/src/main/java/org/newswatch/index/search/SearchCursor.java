package org.newswatch.index.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque {@code cursor} of a result page: the sort values of its last hit (search-after), so
 * the next page starts right after it however the index changed meanwhile. For {@code newest} the
 * order is fixed (time, then id) and pages never skip or repeat an article; for {@code relevance}
 * scores may shift slightly as documents are added, which can move an article across a page edge.
 */
final class SearchCursor {
  private static final String VERSION = "c1";

  private SearchCursor() {}

  static String encode(SortOrder order, FieldDoc last) {
    Object[] f = last.fields;
    String text =
        switch (order) {
          case RELEVANCE ->
              VERSION
                  + ":r:"
                  + Float.floatToIntBits((Float) f[0])
                  + ":"
                  + f[1]
                  + ":"
                  + id((BytesRef) f[2]);
          case NEWEST -> VERSION + ":n:" + f[0] + ":" + id((BytesRef) f[1]);
        };
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The place to search after; a cursor not made by {@link #encode} for this order is refused. */
  static FieldDoc decode(SortOrder order, String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] p = text.split(":", -1);
      if (!p[0].equals(VERSION)) {
        throw new IllegalArgumentException();
      }
      // Integer.MAX_VALUE as doc: the id already makes the place unique; the doc number never
      // decides.
      if (order == SortOrder.RELEVANCE && p[1].equals("r") && p.length == 5) {
        return new FieldDoc(
            Integer.MAX_VALUE,
            Float.NaN,
            new Object[] {
              Float.intBitsToFloat(Integer.parseInt(p[2])), Long.parseLong(p[3]), bytes(p[4])
            });
      }
      if (order == SortOrder.NEWEST && p[1].equals("n") && p.length == 4) {
        return new FieldDoc(
            Integer.MAX_VALUE, Float.NaN, new Object[] {Long.parseLong(p[2]), bytes(p[3])});
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException(
        "cursor is not one this search returned (was the sort changed?)");
  }

  private static String id(BytesRef id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(BytesRef.deepCopyOf(id).bytes);
  }

  private static BytesRef bytes(String encoded) {
    return new BytesRef(Base64.getUrlDecoder().decode(encoded));
  }
}
