package org.newswatch.common.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many long calls (live streams, exports, previews) each analyst has running, and the refusal
 * of one past the limit: 429 with {@code Retry-After}, the problem naming the limit. The admin is
 * not limited. Counted per service instance: behind a load balancer an analyst gets the limit on
 * each instance.
 */
public final class ConcurrentCalls {
  private final String what;
  private final String limitName;
  private final int max;
  private final Duration retryAfter;
  private final Map<String, Integer> running = new ConcurrentHashMap<>();

  /**
   * @param what the calls, in the plural, for the problem's text ("live streams")
   * @param limitName the setting that sets {@code max}, named in the problem
   * @param retryAfter what {@code Retry-After} suggests: about how long such a call lasts
   */
  public ConcurrentCalls(String what, String limitName, int max, Duration retryAfter) {
    if (max < 1) {
      throw new IllegalArgumentException(limitName + " must be at least 1, was " + max);
    }
    this.what = what;
    this.limitName = limitName;
    this.max = max;
    this.retryAfter = retryAfter;
  }

  /** Ends one call: close it when the call is over, however it ended. */
  @FunctionalInterface
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Counts a call of {@code caller} in.
   *
   * @throws ProblemException 429 when the caller already runs {@code max} of them
   */
  public Permit acquire(Principal caller) {
    if (caller.admin()) {
      return () -> {};
    }
    boolean[] admitted = {false};
    running.compute(
        caller.id(),
        (id, n) -> {
          int now = n == null ? 0 : n;
          if (now >= max) {
            return now;
          }
          admitted[0] = true;
          return now + 1;
        });
    if (!admitted[0]) {
      throw ProblemException.tooManyRequests(
          "at most "
              + max
              + " "
              + what
              + " at once per analyst ("
              + limitName
              + "); close one or try again later",
          retryAfter);
    }
    return () -> running.computeIfPresent(caller.id(), (id, n) -> n <= 1 ? null : n - 1);
  }

  /** Calls of {@code callerId} running now. */
  public int running(String callerId) {
    return running.getOrDefault(callerId, 0);
  }
}
