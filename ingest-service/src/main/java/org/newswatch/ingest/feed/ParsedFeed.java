package org.newswatch.ingest.feed;

import java.time.Duration;
import java.util.List;

/**
 * A feed document as read: its entries and the hints it gives about itself.
 *
 * @param format e.g. {@code rss_2.0}, {@code atom_1.0}, or {@code lenient} when only a tolerant
 *     read worked
 * @param ttl how long the publisher says the feed may be cached (RSS 2.0 {@code <ttl>}, {@code
 *     sy:updatePeriod}), or null
 * @param warnings what was wrong with the document but did not stop it being read
 * @param hub the WebSub hub the feed advertises ({@code <link rel="hub">}), or null
 * @param self the feed's own URL as it states it ({@code <link rel="self">}), the WebSub topic; or
 *     null
 */
public record ParsedFeed(
    String format,
    String title,
    List<FeedItem> items,
    Duration ttl,
    List<String> warnings,
    String hub,
    String self) {
  public ParsedFeed {
    items = List.copyOf(items);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public ParsedFeed(
      String format, String title, List<FeedItem> items, Duration ttl, List<String> warnings) {
    this(format, title, items, ttl, warnings, null, null);
  }
}
