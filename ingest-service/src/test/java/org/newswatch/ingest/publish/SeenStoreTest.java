package org.newswatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenStoreTest {
  @TempDir Path dir;

  @Test
  void replaysWhatWasRecordedLastLineWinning() {
    try (SeenStore store = SeenStore.open(dir)) {
      store.record(new SeenStore.Seen("item1", "art1", "fp1", "hash1", "story1"));
      store.record(new SeenStore.Seen("item1", "art1", "fp2", "hash2", "story1"));
      store.record(new SeenStore.Seen("item2", "art2", "fp", "hash", null));
      store.sync();
    }
    try (SeenStore store = SeenStore.open(dir)) {
      assertEquals(2, store.size());
      assertEquals("fp2", store.byItem("item1").orElseThrow().fingerprint());
      assertEquals(Optional.of("hash2"), store.publishedHash("art1"));
      assertEquals(Optional.of("story1"), store.storyOf("art1"));
      assertEquals(Optional.empty(), store.storyOf("art2"));
    }
  }

  @Test
  void skipsATornLastLineAndReadsOldFourColumnLines() throws Exception {
    Files.writeString(
        dir.resolve(SeenStore.FILE),
        "old\tartOld\tfp\th\nitem\tart\tfp\th\tstory\nitem2\tar",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE);
    try (SeenStore store = SeenStore.open(dir)) {
      assertEquals(2, store.size());
      assertTrue(store.byItem("old").isPresent());
      assertTrue(store.byItem("item2").isEmpty(), "the torn line is not taken");
    }
  }

  @Test
  void compactsWhenMostLinesAreStale() throws Exception {
    try (SeenStore store = SeenStore.open(dir)) {
      for (int i = 0; i < 3000; i++) {
        store.record(new SeenStore.Seen("item", "art", "fp" + i, "h" + i, "s"));
      }
    }
    try (SeenStore store = SeenStore.open(dir)) {
      assertEquals("fp2999", store.byItem("item").orElseThrow().fingerprint());
    }
    // Compacted while running (at 2 × live + 1,000 lines), so never more than that many lines.
    assertTrue(Files.readAllLines(dir.resolve(SeenStore.FILE)).size() <= 2 + 1000 + 1);
  }

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The store as a service started on {@code day} days after T0 would open it. */
  private SeenStore openOnDay(int day) {
    return SeenStore.open(
        dir, Clock.fixed(T0.plus(Duration.ofDays(day)), ZoneOffset.UTC), SeenStore.RETENTION);
  }

  @Test
  void forgetsItemsNoFeedListedForTheRetentionButKeepsListedOnesAcrossRestarts() {
    try (SeenStore store = openOnDay(0)) {
      store.record(new SeenStore.Seen("gone", "art-gone", "fp", "h1", "s1"));
      store.record(new SeenStore.Seen("listed", "art-listed", "fp", "h2", "s2"));
    }
    try (SeenStore store = openOnDay(10)) {
      store.touch("listed"); // a poll on day 10 still found it in its feed
    }
    try (SeenStore store = openOnDay(13)) {
      assertTrue(store.byItem("gone").isPresent(), "within the retention of 14 days");
    }
    try (SeenStore store = openOnDay(20)) {
      assertTrue(store.byItem("gone").isEmpty(), "out of every feed for 20 days");
      assertEquals(Optional.empty(), store.publishedHash("art-gone"));
      assertEquals(
          Optional.of("h2"), store.publishedHash("art-listed"), "still listed on day 10: kept");
      assertEquals(Optional.of("s2"), store.storyOf("art-listed"));
      store.touch("listed");
    }
    try (SeenStore store = openOnDay(30)) {
      assertTrue(store.byItem("listed").isPresent(), "touched on day 20");
    }
  }

  @Test
  void aTouchWritesALineOnlyOnceAQuarterOfTheRetentionHasPassed() throws Exception {
    try (SeenStore store = openOnDay(0)) {
      store.record(new SeenStore.Seen("item", "art", "fp", "h", "s"));
      for (int i = 0; i < 100; i++) {
        store.touch("item"); // every poll of the day
      }
    }
    assertEquals(1, Files.readAllLines(dir.resolve(SeenStore.FILE)).size());
    try (SeenStore store = openOnDay(4)) { // past a quarter of 14 days
      store.touch("item");
      store.touch("item");
    }
    assertEquals(2, Files.readAllLines(dir.resolve(SeenStore.FILE)).size());
  }

  @Test
  void theFileIsCompactedWhileRunningSoItFollowsTheLiveItems() throws Exception {
    try (SeenStore store = openOnDay(0)) {
      for (int i = 0; i < 20_000; i++) {
        store.record(
            new SeenStore.Seen("item-" + (i % 500), "art-" + (i % 500), "fp" + i, "h" + i, "s"));
      }
      assertEquals(500, store.size());
    }
    long lines = Files.readAllLines(dir.resolve(SeenStore.FILE)).size();
    assertTrue(lines <= 2 * 500 + 1000 + 1, "20,000 records of 500 items left " + lines + " lines");
  }
}
