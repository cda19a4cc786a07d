package org.newswatch.ingest.feed;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The status of every feed this instance polls, updated by the poller and read by the API. */
public final class FeedStatusBoard {
  private final Map<String, FeedStatus> statuses = new ConcurrentHashMap<>();

  public Optional<FeedStatus> get(String feedId) {
    return Optional.ofNullable(statuses.get(feedId));
  }

  public Map<String, FeedStatus> snapshot() {
    return Map.copyOf(statuses);
  }

  public void remove(String feedId) {
    statuses.remove(feedId);
  }

  void put(FeedStatus status) {
    statuses.put(status.feedId(), status);
  }

  FeedStatus getOrInitial(String feedId, String url) {
    return statuses.computeIfAbsent(feedId, id -> FeedStatus.initial(id, url));
  }

  /**
   * Records a poll that ended in an unexpected exception or Error; returns the failures in a row.
   */
  int crashed(String feedId, String url, Instant at, String error) {
    FeedStatus after =
        statuses.compute(
            feedId, (id, s) -> (s == null ? FeedStatus.initial(id, url) : s).crashed(at, error));
    return after.consecutiveFailures();
  }

  void nextPoll(String feedId, String url, Instant next) {
    statuses.compute(
        feedId, (id, s) -> (s == null ? FeedStatus.initial(id, url) : s).withNextPoll(next));
  }
}
