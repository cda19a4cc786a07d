/**
 * One feed item becomes one article: {@link org.newswatch.ingest.item.ItemIngester} canonicalises
 * the link, skips an item the feed still describes the same way, fetches and extracts the page (the
 * feed's description stands in when it cannot), tags places and publishes the article to {@code
 * news.intake}, where the story linker takes it. {@code FeedPoller} hands it each item of a poll or
 * a push; {@code IngestService} builds it.
 */
package org.newswatch.ingest.item;
