package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedCorpusTest {
  private static final Instant EPOCH = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void aLiveFeedGainsOneItemPerGapFromItsPhase() {
    FeedCorpus c = FeedCorpus.live(4, 2, 3, 8080, EPOCH, Duration.ofSeconds(120));
    // Feed 2's phase is half the gap: its first new item appears 60 s after the epoch.
    assertEquals(3, c.itemCount(2, EPOCH.plusSeconds(59)));
    assertEquals(4, c.itemCount(2, EPOCH.plusSeconds(60)));
    assertEquals(4, c.itemCount(2, EPOCH.plusSeconds(179)));
    assertEquals(5, c.itemCount(2, EPOCH.plusSeconds(180)));
    assertEquals(EPOCH.plusSeconds(60), c.published(2, 3));
    assertEquals(EPOCH.plusSeconds(180), c.published(2, 4));
    // The starting items lie before, a gap apart, so the poller learns the rhythm it will see.
    assertEquals(Duration.ofSeconds(120), Duration.between(c.published(2, 1), c.published(2, 2)));
  }

  @Test
  void allFeedsTogetherPublishFeedsPerGap() {
    FeedCorpus c = FeedCorpus.live(1_000, 10, 3, 8080, EPOCH, Duration.ofSeconds(100));
    int added = 0;
    for (int f = 0; f < 1_000; f++) {
      added += c.itemCount(f, EPOCH.plusSeconds(500).minusMillis(1)) - 3;
    }
    assertEquals(5_000, added); // 10 items/s for 500 s
  }

  @Test
  void aLiveFeedDocumentListsItsNewestItemsAndItsEtagFollowsTheCount() {
    FeedCorpus c = FeedCorpus.live(4, 2, 3, 8080, EPOCH, Duration.ofSeconds(120));
    String feed = new String(c.feed(1, 6), StandardCharsets.UTF_8);
    assertTrue(feed.contains("<guid isPermaLink=\"false\">bench-1-5</guid>"));
    assertTrue(feed.contains("bench-1-3"));
    assertTrue(!feed.contains("bench-1-2<"), "only the newest three items");
    assertNotEquals(FeedCorpus.etag(1, 6), FeedCorpus.etag(1, 7));
    assertThrows(IllegalStateException.class, () -> c.advance(0.1));
  }

  @Test
  void vocabularyWordsAreDistinctAlsoInTheirFirstFiveLetters() {
    Set<String> words = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    for (int r = 0; r < FeedCorpus.VOCABULARY; r++) {
      String w = FeedCorpus.word(r);
      words.add(w);
      prefixes.add(w.substring(0, 5));
    }
    assertEquals(FeedCorpus.VOCABULARY, words.size());
    assertTrue(
        prefixes.size() > FeedCorpus.VOCABULARY * 0.9,
        prefixes.size() + " distinct five-letter prefixes");
  }
}
