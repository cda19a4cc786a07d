/**
 * The ingest-service: watches RSS/Atom feeds and publishes their articles to {@code news.articles}.
 *
 * <p>How it fits together: {@link org.newswatch.ingest.IngestService} seeds the compacted {@code
 * news.feeds} topic from the feeds file ({@link org.newswatch.ingest.feed.FeedsFile}) and reads it
 * back through {@link org.newswatch.ingest.feed.FeedRegistry}; the {@link
 * org.newswatch.ingest.feed.FeedScheduler} hands due feeds to the {@link
 * org.newswatch.ingest.feed.FeedPoller}, which fetches them with the {@link
 * org.newswatch.ingest.fetch.HttpFetcher} (the only class that talks HTTP), parses them with {@link
 * org.newswatch.ingest.feed.FeedParser}, fetches and extracts each new item's page, and publishes
 * through {@link org.newswatch.ingest.publish.ArticlePublisher}, recording what was published in
 * {@link org.newswatch.ingest.publish.SeenStore} so a restart does not re-publish.
 */
package org.newswatch.ingest;
