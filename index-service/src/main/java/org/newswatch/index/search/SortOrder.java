package org.newswatch.index.search;

import java.util.Locale;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.newswatch.index.indexing.ArticleFields;

/**
 * The orders results come in. Each ends with the article id, unique, so that a search-after cursor
 * names one exact place in the order even when scores or times are equal.
 */
public enum SortOrder {
  RELEVANCE(new Sort(SortField.FIELD_SCORE, newest(), byId())),
  /** The index's own order ({@link ArticleFields#NEWEST_FIRST}): a sorted index stops early. */
  NEWEST(ArticleFields.NEWEST_FIRST);

  private final Sort sort;

  SortOrder(Sort sort) {
    this.sort = sort;
  }

  public Sort sort() {
    return sort;
  }

  public static SortOrder parse(String value) {
    if (value == null || value.isBlank()) {
      return RELEVANCE;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "relevance" -> RELEVANCE;
      case "newest" -> NEWEST;
      default ->
          throw new IllegalArgumentException(
              "sort must be relevance or newest, was '" + value + "'");
    };
  }

  private static SortField newest() {
    return ArticleFields.NEWEST_FIRST.getSort()[0];
  }

  private static SortField byId() {
    return ArticleFields.NEWEST_FIRST.getSort()[1];
  }
}
