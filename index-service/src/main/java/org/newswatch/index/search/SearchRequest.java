package org.newswatch.index.search;

import java.time.Instant;
import java.util.List;

/**
 * One search as a researcher asks it.
 *
 * @param q the query in Lucene syntax; blank = every article
 * @param sources keep only these sources (any of them); empty = all
 * @param languages keep only these languages (any of them); empty = all
 * @param from keep articles published at or after this, or null
 * @param to keep articles published before this, or null
 * @param cursor the {@code cursor} of the previous page, or null for the first
 * @param places keep only articles naming one of these places (ids or names, see {@code
 *     Gazetteer#lookup}); empty = all
 * @param explain add to each hit why it ranked where it did
 */
public record SearchRequest(
    String q,
    List<String> sources,
    List<String> languages,
    Instant from,
    Instant to,
    SortOrder sort,
    int size,
    String cursor,
    List<String> places,
    boolean explain) {
  public static final int MAX_SIZE = 100;
  public static final int DEFAULT_SIZE = 20;

  public SearchRequest {
    q = q == null ? "" : q.strip();
    sources = sources == null ? List.of() : List.copyOf(sources);
    languages = languages == null ? List.of() : List.copyOf(languages);
    places = places == null ? List.of() : List.copyOf(places);
    sort = sort == null ? SortOrder.RELEVANCE : sort;
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1-" + MAX_SIZE + ", was " + size);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }

  /** A search without a place filter. */
  public SearchRequest(
      String q,
      List<String> sources,
      List<String> languages,
      Instant from,
      Instant to,
      SortOrder sort,
      int size,
      String cursor) {
    this(q, sources, languages, from, to, sort, size, cursor, List.of(), false);
  }

  public SearchRequest(
      String q,
      List<String> sources,
      List<String> languages,
      Instant from,
      Instant to,
      SortOrder sort,
      int size,
      String cursor,
      List<String> places) {
    this(q, sources, languages, from, to, sort, size, cursor, places, false);
  }

  public SearchRequest(
      String q,
      List<String> sources,
      List<String> languages,
      Instant from,
      Instant to,
      SortOrder sort,
      int size,
      String cursor,
      boolean explain) {
    this(q, sources, languages, from, to, sort, size, cursor, List.of(), explain);
  }

  public static SearchRequest of(String q) {
    return new SearchRequest(
        q, List.of(), List.of(), null, null, SortOrder.RELEVANCE, DEFAULT_SIZE, null);
  }

  public SearchRequest withCursor(String next) {
    return new SearchRequest(q, sources, languages, from, to, sort, size, next, places, explain);
  }

  public SearchRequest withSort(SortOrder order) {
    return new SearchRequest(q, sources, languages, from, to, order, size, cursor, places, explain);
  }

  public SearchRequest withSize(int n) {
    return new SearchRequest(q, sources, languages, from, to, sort, n, cursor, places, explain);
  }

  public SearchRequest withPlaces(List<String> placeFilter) {
    return new SearchRequest(
        q, sources, languages, from, to, sort, size, cursor, placeFilter, explain);
  }

  public SearchRequest withExplain(boolean on) {
    return new SearchRequest(q, sources, languages, from, to, sort, size, cursor, places, on);
  }
}
