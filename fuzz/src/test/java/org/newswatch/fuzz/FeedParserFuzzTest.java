package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.ingest.feed.FeedParseException;
import org.newswatch.ingest.feed.FeedParser;
import org.newswatch.ingest.feed.ParsedFeed;

/**
 * Fuzzes {@link FeedParser}, the poller's reader of whatever a feed URL answers: bytes with the
 * HTTP {@code Content-Type}. A readable feed or a {@link FeedParseException} (which the poller
 * records as the feed's error) are the only acceptable outcomes.
 */
@ExtendWith(FuzzSummary.class)
class FeedParserFuzzTest {
  private static final URI FEED_URL = URI.create("https://news.example.org/rss/world.xml");

  /** Content types seen on real feeds, and ones that lie about the charset. */
  private static final String[] CONTENT_TYPES = {
    null,
    "application/rss+xml",
    "application/atom+xml; charset=utf-8",
    "text/xml",
    "text/xml; charset=windows-1256",
    "application/xml; charset=ISO-8859-1",
    "text/html; charset=utf-8",
    "text/plain",
    "application/xml; charset=\"utf-16\"",
    "application/rss+xml; charset=bogus-charset",
    "application/rdf+xml",
  };

  private final FeedParser parser = new FeedParser();

  @FuzzTest(maxDuration = "12s")
  void parse(FuzzedDataProvider data) {
    FuzzSummary.executed();
    // The selector comes from the end of the input, so a checked-in feed file stays a feed.
    int pick = data.consumeInt(0, CONTENT_TYPES.length);
    String contentType =
        pick == CONTENT_TYPES.length ? data.consumeString(80) : CONTENT_TYPES[pick];
    byte[] body = data.consumeRemainingAsBytes();
    try {
      ParsedFeed feed = parser.parse(body, contentType, FEED_URL);
      assertNotNull(feed.items());
    } catch (FeedParseException expected) {
      // Not a feed: the poller reports the message as the feed's status.
    }
  }
}
