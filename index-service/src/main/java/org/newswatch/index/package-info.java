/**
 * The index-service: every article on {@code news.articles}, searchable.
 *
 * <h2>Using it</h2>
 *
 * <p>{@link org.newswatch.index.IndexService#start} (or {@link org.newswatch.index.IndexMain}
 * alone, configured by the {@code NEWSWATCH_*} variables) consumes the topic into a Lucene index
 * under {@code dataDir/index} and serves, with a Bearer key:
 *
 * <ul>
 *   <li>{@code GET /api/search?q=&source=&lang=&from=&to=&sort=relevance|newest&size=&cursor=}: one
 *       page of hits with highlighted snippets, exact total, facet counts and the next page's
 *       cursor;
 *   <li>{@code GET /api/timeline?q=…&interval=day|week|month}: matches per interval;
 *   <li>{@code GET /api/export?q=…&format=csv|jsonl}: every match, streamed;
 *   <li>{@code GET /api/articles/{id}} and {@code /api/articles/{id}/similar};
 * </ul>
 *
 * and, without a key, the researchers' page on {@code /}, {@code /health}, {@code /metrics} and
 * {@code /api/openapi.json}.
 *
 * <h2>Guarantees</h2>
 *
 * <p>Effectively exactly once from Kafka to Lucene: each Lucene commit stores the Kafka positions
 * it covers ({@link org.newswatch.index.indexing.ArticleIndexer}); on start the consumer is
 * assigned every partition and seeks there ({@link org.newswatch.index.indexing.ArticleConsumer});
 * articles are upserted by id. New articles are searchable within a quarter second and durable
 * within a second. Replicas each read the whole topic into their own index, so they scale reads and
 * answer alike.
 *
 * <h2>Packages</h2>
 *
 * <ul>
 *   <li>{@code index}: the schema, the indexer and the consumer loop;
 *   <li>{@code search}: query syntax and its limits, search, timeline, export;
 *   <li>{@code web}: the HTTP routes and the researchers' page.
 * </ul>
 */
package org.newswatch.index;
