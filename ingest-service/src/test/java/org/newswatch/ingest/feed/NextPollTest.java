package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.common.model.Feed;

class NextPollTest {
  private static final Feed FEED = new Feed("f", "https://example.org/f.xml", null, null, Duration.ofMinutes(5));

  private static PollReport report(PollOutcome outcome, Duration retryAfter) {
    return new PollReport(outcome, outcome == PollOutcome.OK ? 200 : 500, null, retryAfter, null, 0);
  }

  private static void assertWithin(Duration expected, Duration actual) {
    long e = expected.toMillis();
    long slack = (long) (e * NextPoll.JITTER);
    assertTrue(Math.abs(actual.toMillis() - e) <= slack, "expected " + expected + " ±10%, was " + actual);
  }

  @RepeatedTest(20)
  void successWaitsTheIntervalWithJitter() {
    assertWithin(Duration.ofMinutes(5), NextPoll.after(FEED, report(PollOutcome.OK, null), 0));
  }

  @ParameterizedTest(name = "{0} failures -> {1} min")
  @CsvSource({"1,5", "2,10", "3,20", "4,40", "5,80", "6,160", "7,320", "8,360", "30,360"})
  void failuresBackOffExponentiallyUpToACap(int failures, long minutes) {
    assertWithin(Duration.ofMinutes(minutes), NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, null), failures));
  }

  @Test
  void honoursRetryAfterWhenLongerThanTheInterval() {
    Duration d = NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, Duration.ofMinutes(30)), 1);
    assertTrue(d.compareTo(Duration.ofMinutes(30)) >= 0, d.toString());
    assertTrue(d.compareTo(Duration.ofMinutes(33)) <= 0, d.toString());
    Duration capped = NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, Duration.ofDays(30)), 1);
    assertTrue(capped.compareTo(Duration.ofDays(1).plusHours(3)) < 0, capped.toString());
    assertWithin(Duration.ofMinutes(5), NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, Duration.ofSeconds(1)), 1));
  }

  @Test
  void goneIsNeverPolledAgain() {
    assertNull(NextPoll.after(FEED, report(PollOutcome.GONE, null), 1));
  }

  @Test
  void jitterSpreadsFeedsThatStartedTogether() {
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> NextPoll.after(FEED, report(PollOutcome.OK, null), 0)).distinct().count();
    assertTrue(distinct > 25, "50 feeds got only " + distinct + " distinct delays");
    assertEquals(null, NextPoll.after(FEED, report(PollOutcome.GONE, null), 0));
  }
}
