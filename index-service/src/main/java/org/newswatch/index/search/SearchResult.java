package org.newswatch.index.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of results as the API returns it.
 *
 * @param total every article that matches, not just this page
 * @param facets per facet (source, language): value → matching articles, most first
 * @param cursor pass as {@code cursor} for the next page; null on the last page
 * @param partial true when the time limit cut the search short (counts and hits may be incomplete)
 */
public record SearchResult(
    long total,
    List<Hit> hits,
    Map<String, Map<String, Long>> facets,
    String cursor,
    boolean partial) {

  /**
   * One result: what a result list shows, the snippet highlighted with {@code <mark>}
   * (HTML-escaped), and why it ranked there when asked ({@code explain=true}; null, and left out of
   * the JSON, otherwise).
   */
  public record Hit(
      String id,
      String url,
      String title,
      String source,
      String language,
      Instant publishedAt,
      String snippet,
      HitExplanation explanation) {

    public Hit(
        String id,
        String url,
        String title,
        String source,
        String language,
        Instant publishedAt,
        String snippet) {
      this(id, url, title, source, language, publishedAt, snippet, null);
    }

    Hit withExplanation(HitExplanation e) {
      return new Hit(id, url, title, source, language, publishedAt, snippet, e);
    }
  }
}
