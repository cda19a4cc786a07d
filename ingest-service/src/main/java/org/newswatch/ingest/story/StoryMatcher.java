package org.newswatch.ingest.story;

import org.newswatch.common.model.Article;

/**
 * Decides which story an article belongs to, from what it remembers of earlier articles. The one
 * place that knows what "the same event" means; the linker calls it from one thread, in the order
 * articles were taken in, so implementations need not be thread-safe.
 */
public interface StoryMatcher {

  /**
   * The id of the story this article joins (an earlier article's) or a new id; remembers the
   * article.
   */
  String assign(Article article);

  /**
   * Remembers an article whose {@link Article#storyId()} was assigned earlier, without assigning:
   * used to rebuild the memory from Kafka when the linker starts.
   */
  void remember(Article article);
}
