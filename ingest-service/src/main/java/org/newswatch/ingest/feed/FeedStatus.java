package org.newswatch.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an operator sees about one feed: the last poll and its answer, item counts since this
 * instance started, the last error, when the next poll is due, what was learned of the feed's
 * rhythm, and the coverage-health flags ({@link CoverageHealth}).
 *
 * @param consecutiveFailures polls in a row that failed; drives the backoff
 * @param notModifiedStreak polls in a row answered 304
 * @param itemsSeen items in the feed at the last poll that returned one
 * @param itemsNew articles published for the first time
 * @param itemsUpdated articles re-published with changed text under the same id
 * @param itemsUnchanged items already published (the feed still lists them, or the page did not
 *     change)
 * @param itemsFailed items that could not be turned into an article (no link, page and description
 *     both empty, Kafka down)
 * @param usualGap the learned usual time between the feed's items, or null while unknown
 * @param newestItemAt the publishing time of the newest item the feed listed
 * @param thinPageShare of the recent item pages, the share that gave too little text (the feed's
 *     description stood in)
 * @param flags coverage-health flags: {@code quiet}, {@code stale-304}, {@code thin-pages}, {@code
 *     failing}
 * @param warnings what the last poll read but found wrong (dropped characters, a malformed feed
 *     read leniently)
 */
public record FeedStatus(
    String feedId,
    String url,
    long polls,
    Instant lastPollAt,
    Integer lastHttpStatus,
    String lastOutcome,
    String lastError,
    Instant lastErrorAt,
    int consecutiveFailures,
    int notModifiedStreak,
    int itemsSeen,
    long itemsNew,
    long itemsUpdated,
    long itemsUnchanged,
    long itemsFailed,
    Instant lastNewItemAt,
    Instant nextPollAt,
    boolean disabled,
    Duration usualGap,
    Instant newestItemAt,
    Double thinPageShare,
    List<String> flags,
    List<String> warnings) {

  public FeedStatus {
    flags = flags == null ? List.of() : List.copyOf(flags);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public static FeedStatus initial(String feedId, String url) {
    return new FeedStatus(
        feedId, url, 0, null, null, "pending", null, null, 0, 0, 0, 0, 0, 0, 0, null, null, false,
        null, null, null, List.of(), List.of());
  }

  FeedStatus withFlags(List<String> newFlags) {
    return new FeedStatus(
        feedId,
        url,
        polls,
        lastPollAt,
        lastHttpStatus,
        lastOutcome,
        lastError,
        lastErrorAt,
        consecutiveFailures,
        notModifiedStreak,
        itemsSeen,
        itemsNew,
        itemsUpdated,
        itemsUnchanged,
        itemsFailed,
        lastNewItemAt,
        nextPollAt,
        disabled,
        usualGap,
        newestItemAt,
        thinPageShare,
        newFlags,
        warnings);
  }

  /** After a poll that threw instead of reporting: counted as a failure, the error shown. */
  FeedStatus crashed(Instant at, String error) {
    return new FeedStatus(
        feedId,
        url,
        polls + 1,
        at,
        null,
        "crashed",
        error,
        at,
        consecutiveFailures + 1,
        notModifiedStreak,
        itemsSeen,
        itemsNew,
        itemsUpdated,
        itemsUnchanged,
        itemsFailed,
        lastNewItemAt,
        nextPollAt,
        disabled,
        usualGap,
        newestItemAt,
        thinPageShare,
        flags,
        warnings);
  }

  FeedStatus withNextPoll(Instant next) {
    return new FeedStatus(
        feedId,
        url,
        polls,
        lastPollAt,
        lastHttpStatus,
        lastOutcome,
        lastError,
        lastErrorAt,
        consecutiveFailures,
        notModifiedStreak,
        itemsSeen,
        itemsNew,
        itemsUpdated,
        itemsUnchanged,
        itemsFailed,
        lastNewItemAt,
        next,
        disabled,
        usualGap,
        newestItemAt,
        thinPageShare,
        flags,
        warnings);
  }
}
