package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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
    // 50 slots a second, wrapping once past 3,000 feeds: at most about 100; "all due now" would be 5,000.
    assertTrue(busiest <= 120, "busiest second had " + busiest + " first polls");
  }

  @Test
  void aFewFeedsStartAtOnce() {
    for (int n = 1; n <= 6; n++) {
      assertTrue(FeedScheduler.firstPollDelay(n, Duration.ofMinutes(5), Duration.ofSeconds(60)).toMillis() < 120);
    }
  }

  @Test
  void neverLaterThanTheFeedsOwnInterval() {
    for (int n = 1; n <= 5000; n += 97) {
      assertTrue(FeedScheduler.firstPollDelay(n, Duration.ofSeconds(10), Duration.ofSeconds(60)).toMillis() < 10_000);
    }
  }
}
