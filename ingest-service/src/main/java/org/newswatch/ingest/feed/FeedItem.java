package org.newswatch.ingest.feed;

import java.time.Instant;
import java.util.List;
import org.newswatch.common.Hashes;

/**
 * One entry of a feed, as the parser read it. {@code link} is absolute (resolved against the feed
 * URL); {@code description} is the entry's summary or content as HTML; any field may be null.
 */
public record FeedItem(
    String guid,
    String link,
    String title,
    String description,
    List<String> authors,
    Instant publishedAt,
    Instant updatedAt) {

  public FeedItem {
    authors = authors == null ? List.of() : List.copyOf(authors);
  }

  /**
   * A hash of what the feed says about the item. When it changes (a new title, summary or update
   * time), the item's page is fetched again; while it stays the same, the page is not re-fetched.
   */
  public String fingerprint() {
    return Hashes.id(
        String.valueOf(link),
        String.valueOf(title),
        String.valueOf(description),
        String.valueOf(publishedAt),
        String.valueOf(updatedAt));
  }
}
