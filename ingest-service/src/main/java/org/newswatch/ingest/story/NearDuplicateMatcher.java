package org.newswatch.ingest.story;

import org.newswatch.common.model.Article;
import org.newswatch.ingest.extract.StoryClusterer;
import org.newswatch.ingest.extract.StoryIds;

/**
 * Same-language near-duplicates only (128-bit SimHash), as ingest assigned stories before linking.
 */
public final class NearDuplicateMatcher implements StoryMatcher {
  private final StoryClusterer clusterer;

  public NearDuplicateMatcher(StoryClusterer clusterer) {
    this.clusterer = clusterer;
  }

  @Override
  public String assign(Article article) {
    return clusterer.assign(article.title(), article.body(), article.language());
  }

  @Override
  public void remember(Article article) {
    if (article.storyId() != null) {
      clusterer.remember(
          article.language(),
          StoryIds.fingerprint128(article.title(), article.body()),
          article.storyId());
    }
  }
}
