package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CadenceTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static FeedItem at(String time) {
    return new FeedItem(
        null,
        "https://example.org/" + time,
        "t",
        null,
        null,
        time == null ? null : Instant.parse(time),
        null);
  }

  @Test
  void medianGapOfTheNewestItems() {
    List<FeedItem> items =
        Stream.of(
                "2026-11-28T11:00:00Z",
                "2026-11-28T10:30:00Z",
                "2026-11-28T10:00:00Z",
                "2026-11-28T09:30:00Z",
                "2026-11-27T09:30:00Z")
            .map(CadenceTest::at)
            .toList();
    // Gaps 30, 30, 30 min and one overnight day: the median ignores the lull.
    assertEquals(Duration.ofMinutes(30), Cadence.usualGap(items, NOW));
    assertEquals(Instant.parse("2026-11-28T11:00:00Z"), Cadence.newest(items, NOW));
  }

  @Test
  void saysNothingWithTooFewDatesAndIgnoresFutureDates() {
    assertNull(
        Cadence.usualGap(
            List.of(at("2026-11-28T11:00:00Z"), at(null), at("2026-11-28T10:00:00Z")), NOW));
    List<FeedItem> withFuture =
        List.of(
            at("2027-01-01T00:00:00Z"),
            at("2026-11-28T11:00:00Z"),
            at("2026-11-28T10:00:00Z"),
            at("2026-11-28T09:00:00Z"));
    assertEquals(Duration.ofHours(1), Cadence.usualGap(withFuture, NOW));
    assertEquals(Instant.parse("2026-11-28T11:00:00Z"), Cadence.newest(withFuture, NOW));
  }
}
