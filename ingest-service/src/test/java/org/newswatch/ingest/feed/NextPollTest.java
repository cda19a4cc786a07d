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
  private static final Feed FEED =
      new Feed("f", "https://example.org/f.xml", null, null, Duration.ofMinutes(5));

  private static PollReport report(PollOutcome outcome, Duration retryAfter) {
    return new PollReport(
        outcome, outcome == PollOutcome.OK ? 200 : 500, null, retryAfter, null, 0);
  }

  private static void assertWithin(Duration expected, Duration actual) {
    long e = expected.toMillis();
    long slack = (long) (e * NextPoll.JITTER);
    assertTrue(
        Math.abs(actual.toMillis() - e) <= slack, "expected " + expected + " ±10%, was " + actual);
  }

  @RepeatedTest(20)
  void successWaitsTheIntervalWithJitter() {
    assertWithin(Duration.ofMinutes(5), NextPoll.after(FEED, report(PollOutcome.OK, null), 0));
  }

  @ParameterizedTest(name = "{0} failures -> {1} min")
  @CsvSource({"1,5", "2,10", "3,20", "4,40", "5,80", "6,160", "7,320", "8,360", "30,360"})
  void failuresBackOffExponentiallyUpToACap(int failures, long minutes) {
    assertWithin(
        Duration.ofMinutes(minutes),
        NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, null), failures));
  }

  @Test
  void honoursRetryAfterWhenLongerThanTheInterval() {
    Duration d = NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, Duration.ofMinutes(30)), 1);
    assertTrue(d.compareTo(Duration.ofMinutes(30)) >= 0, d.toString());
    assertTrue(d.compareTo(Duration.ofMinutes(33)) <= 0, d.toString());
    Duration capped = NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, Duration.ofDays(30)), 1);
    assertTrue(capped.compareTo(Duration.ofDays(1).plusHours(3)) < 0, capped.toString());
    assertWithin(
        Duration.ofMinutes(5),
        NextPoll.after(FEED, report(PollOutcome.HTTP_ERROR, Duration.ofSeconds(1)), 1));
  }

  @Test
  void goneIsNeverPolledAgain() {
    assertNull(NextPoll.after(FEED, report(PollOutcome.GONE, null), 1));
  }

  @Test
  void jitterSpreadsFeedsThatStartedTogether() {
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> NextPoll.after(FEED, report(PollOutcome.OK, null), 0))
            .distinct()
            .count();
    assertTrue(distinct > 25, "50 feeds got only " + distinct + " distinct delays");
    assertEquals(null, NextPoll.after(FEED, report(PollOutcome.GONE, null), 0));
  }

  @ParameterizedTest(name = "gap {0} min, ttl {1} min -> {2} min")
  @CsvSource({
    // usual gap, ttl (0 = none), expected delay; feed interval 5 min, bounds 1 min .. 1 h
    "0,0,5", // rhythm unknown: the configured interval
    "20,0,10", // half the usual gap
    "1,0,1", // a busy feed: never below the lower bound
    "600,0,60", // a feed that publishes every 10 hours: the upper bound
    "20,15,15", // the feed's ttl asks for 15 min: honoured, being within bounds
    "20,5,10", // a ttl shorter than what the rhythm gives changes nothing
    "20,1440,10" // a ttl of a day is not sane for news: ignored
  })
  void adaptsToTheFeedsRhythmWithinBounds(long gapMinutes, long ttlMinutes, long expectedMinutes) {
    PollReport report =
        new PollReport(
            PollOutcome.OK,
            200,
            null,
            null,
            ttlMinutes == 0 ? null : Duration.ofMinutes(ttlMinutes),
            gapMinutes == 0 ? null : Duration.ofMinutes(gapMinutes),
            0);
    assertEquals(
        Duration.ofMinutes(expectedMinutes),
        NextPoll.adaptive(FEED.interval(), report, PollBounds.DEFAULT));
    assertWithin(
        Duration.ofMinutes(expectedMinutes), NextPoll.after(FEED, report, 0, PollBounds.DEFAULT));
  }

  @Test
  void aFeedIntervalOutsideTheBoundsWidensThemForThatFeed() {
    Feed fast = new Feed("fast", "https://example.org/f.xml", null, null, Duration.ofSeconds(10));
    PollReport busy =
        new PollReport(PollOutcome.OK, 200, null, null, null, Duration.ofSeconds(2), 0);
    assertEquals(
        Duration.ofSeconds(10), NextPoll.adaptive(fast.interval(), busy, PollBounds.DEFAULT));
  }
}
