package org.newswatch.common.model;

import java.time.Instant;
import java.util.List;

/**
 * A subscription firing on a story. The id is derived from subscription and story, so the same
 * story (an update, a syndicated copy) always yields the same id and is alerted once.
 *
 * <p>{@code explanation} (why it fired) is optional: alerts written before it existed have none,
 * and the JSON leaves it out when absent, so readers of either age read both.
 */
public record Alert(
    int schema,
    String id,
    String subscriptionId,
    String owner,
    String articleId,
    String storyId,
    String url,
    String title,
    String source,
    String language,
    Instant publishedAt,
    List<String> matched,
    String snippet,
    Instant createdAt,
    Explanation explanation) {

  public static final int SCHEMA = 1;

  public Alert {
    Article.requireText(id, "id");
    Article.requireText(subscriptionId, "subscriptionId");
    Article.requireText(articleId, "articleId");
    matched = matched == null ? List.of() : List.copyOf(matched);
  }

  /** An alert without an explanation (as before explanations existed). */
  public Alert(
      int schema,
      String id,
      String subscriptionId,
      String owner,
      String articleId,
      String storyId,
      String url,
      String title,
      String source,
      String language,
      Instant publishedAt,
      List<String> matched,
      String snippet,
      Instant createdAt) {
    this(
        schema,
        id,
        subscriptionId,
        owner,
        articleId,
        storyId,
        url,
        title,
        source,
        language,
        publishedAt,
        matched,
        snippet,
        createdAt,
        null);
  }
}
