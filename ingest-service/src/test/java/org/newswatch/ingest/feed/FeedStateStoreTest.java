package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.ingest.fetch.Validators;

class FeedStateStoreTest {
  @TempDir Path dir;

  @Test
  void remembersValidatorsMovesAndRhythmAcrossReopening() {
    try (FeedStateStore store = FeedStateStore.open(dir)) {
      store.put(
          FeedState.initial("f", "https://a.example/rss")
              .withValidators(new Validators("\"e1\"", "Fri, 27 Nov 2026 08:00:00 GMT"))
              .movedTo("https://b.example/rss")
              .learned(
                  Duration.ofMinutes(30),
                  Duration.ofMinutes(15),
                  Instant.parse("2026-11-27T08:00:00Z")));
    }
    try (FeedStateStore store = FeedStateStore.open(dir)) {
      FeedState s = store.get("f", "https://a.example/rss");
      assertEquals("\"e1\"", s.etag());
      assertEquals("https://b.example/rss", s.effectiveUrl());
      assertEquals(Duration.ofMinutes(30), s.usualGap());
      assertEquals(Duration.ofMinutes(15), s.ttl());
    }
  }

  @Test
  void aFeedReRegisteredWithAnotherUrlStartsAfresh() {
    try (FeedStateStore store = FeedStateStore.open(dir)) {
      store.put(FeedState.initial("f", "https://a.example/rss").markGone());
      FeedState fresh = store.get("f", "https://c.example/rss");
      assertTrue(!fresh.gone());
      assertNull(fresh.etag());
    }
  }

  @Test
  void skipsUnreadableLinesAndCompacts() throws Exception {
    try (FeedStateStore store = FeedStateStore.open(dir)) {
      for (int i = 0; i < 500; i++) {
        store.put(
            FeedState.initial("f", "https://a.example/rss")
                .withValidators(new Validators("\"" + i + "\"", null)));
      }
    }
    Files.writeString(
        dir.resolve(FeedStateStore.FILE),
        "{not json\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    try (FeedStateStore store = FeedStateStore.open(dir)) {
      assertEquals("\"499\"", store.get("f", "https://a.example/rss").etag());
    }
    assertEquals(1, Files.readAllLines(dir.resolve(FeedStateStore.FILE)).size());
  }
}
