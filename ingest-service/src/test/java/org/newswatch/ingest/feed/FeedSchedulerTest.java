package org.newswatch.ingest.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.newswatch.common.model.Feed;

class FeedSchedulerTest {

  @Test
  void fiveThousandFeedsDoNotFireTogether() {
    // As at a start with 5,000 feeds registered one after another, 5-minute intervals, 60 s cap.
    int[] perSecond = new int[61];
    for (int n = 1; n <= 5000; n++) {
      Duration d = FeedScheduler.firstPollDelay(n, Duration.ofMinutes(5), Duration.ofSeconds(60));
      assertTrue(d.compareTo(Duration.ofSeconds(60)) < 0, d.toString());
      perSecond[(int) d.toSeconds()]++;
    }
    int busiest = java.util.Arrays.stream(perSecond).max().orElseThrow();
    // 50 slots a second, wrapping once past 3,000 feeds: at most about 100; "all due now" would be
    // 5,000.
    assertTrue(busiest <= 120, "busiest second had " + busiest + " first polls");
  }

  @Test
  void aFewFeedsStartAtOnce() {
    for (int n = 1; n <= 6; n++) {
      assertTrue(
          FeedScheduler.firstPollDelay(n, Duration.ofMinutes(5), Duration.ofSeconds(60)).toMillis()
              < 120);
    }
  }

  @Test
  void neverLaterThanTheFeedsOwnInterval() {
    for (int n = 1; n <= 5000; n += 97) {
      assertTrue(
          FeedScheduler.firstPollDelay(n, Duration.ofSeconds(10), Duration.ofSeconds(60)).toMillis()
              < 10_000);
    }
  }

  private static final Feed FEED =
      new Feed("erring", "https://feeds.example.org/rss.xml", "X", "en", Duration.ofMinutes(5));
  private static final PollReport OK = new PollReport(PollOutcome.OK, 200, null, null, null, 0);

  @Test
  void aPollThatThrowsAnErrorIsPolledAgainAfterABackoffWithTheErrorInItsStatus() {
    // Hostile: the poll throws a StackOverflowError (a parser on a deeply nested feed), then an
    // OutOfMemoryError (simulated by this double), then works again.
    AtomicInteger calls = new AtomicInteger();
    FeedScheduler.Poll poll =
        feed ->
            switch (calls.incrementAndGet()) {
              case 1 -> throw new StackOverflowError("deeply nested feed");
              case 2 -> throw new OutOfMemoryError("simulated");
              default -> OK;
            };
    FeedStatusBoard board = new FeedStatusBoard();
    try (FeedScheduler scheduler =
        new FeedScheduler(poll, board, Clock.systemUTC(), 1, Duration.ZERO, PollBounds.DEFAULT)) {
      scheduler.upsert(FEED);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> status(board).consecutiveFailures() == 1 && status(board).nextPollAt() != null);
      FeedStatus crashed = status(board);
      assertEquals("crashed", crashed.lastOutcome());
      assertTrue(crashed.lastError().contains("StackOverflowError"), crashed.lastError());
      assertTrue(
          crashed.nextPollAt().isAfter(Instant.now().plus(Duration.ofMinutes(4))),
          "backed off: " + crashed.nextPollAt());

      assertTrue(scheduler.pollNow(FEED.id()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> status(board).consecutiveFailures() == 2 && calls.get() == 2);
      assertTrue(status(board).lastError().contains("OutOfMemoryError"), status(board).lastError());

      assertTrue(scheduler.pollNow(FEED.id()));
      await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 3);
      assertTrue(scheduler.problem().isEmpty(), scheduler.problem().toString());
    }
  }

  @Test
  void healthNamesASchedulerWhoseThreadDied() {
    // Hostile: the scheduling thread itself meets an Error (here from its clock).
    AtomicBoolean broken = new AtomicBoolean();
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            if (broken.get() && Thread.currentThread().getName().equals("feed-scheduler")) {
              throw new AssertionError("clock broke");
            }
            return Instant.now();
          }
        };
    try (FeedScheduler scheduler =
        new FeedScheduler(
            feed -> OK, new FeedStatusBoard(), clock, 1, Duration.ZERO, PollBounds.DEFAULT)) {
      assertTrue(scheduler.problem().isEmpty());
      broken.set(true);
      scheduler.upsert(FEED); // wakes the scheduling thread
      await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.problem().isPresent());
      assertTrue(
          scheduler.problem().orElseThrow().contains("clock broke"),
          scheduler.problem().orElseThrow());
    }
  }

  private static FeedStatus status(FeedStatusBoard board) {
    return board.get(FEED.id()).orElse(FeedStatus.initial(FEED.id(), FEED.url()));
  }
}
