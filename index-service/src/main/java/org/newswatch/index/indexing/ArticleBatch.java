package org.newswatch.index.indexing;

import java.util.List;
import java.util.Map;
import org.newswatch.common.model.Article;

/**
 * What one poll brought, free of Kafka types: articles to upsert, ids to delete (tombstones), and
 * for each partition the offset to resume from once this batch is durable.
 *
 * @param positions partition key (see {@link ArticleIndexer#positionKey}) to next offset to read
 */
public record ArticleBatch(
    List<Article> upserts, List<String> deletes, Map<String, Long> positions) {
  public ArticleBatch {
    upserts = List.copyOf(upserts);
    deletes = List.copyOf(deletes);
    positions = Map.copyOf(positions);
  }

  public static ArticleBatch of(List<Article> upserts) {
    return new ArticleBatch(upserts, List.of(), Map.of());
  }
}
