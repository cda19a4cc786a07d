package org.newswatch.alert;

import java.time.Duration;
import java.util.List;
import org.newswatch.alert.match.BuiltInTopicPublisher;

/**
 * The wait before the first article is matched, run on the emitter's thread: every analyst, every
 * subscription and every past alert must be known first, or an article could be matched against too
 * few subscriptions (or a revoked analyst's) or alerted twice. Then the built-in topics are
 * published (again, if their file changed). Closing it ends the wait, so the emitter can stop.
 */
final class Readiness implements AutoCloseable {
  private static final Duration STEP = Duration.ofMillis(500);

  /** The topics matching needs read first (analysts too: a revoked analyst's are paused). */
  private final List<WholeTopic> needed;

  private final BuiltInTopicPublisher builtIns;
  private volatile boolean closing;

  /** Waits for those of {@code topics} that matching needs. */
  Readiness(List<WholeTopic> topics, BuiltInTopicPublisher builtIns) {
    this.needed = topics.stream().filter(WholeTopic::neededToMatch).toList();
    this.builtIns = builtIns;
  }

  /** True once ready; false when closed (or interrupted) first: the emitter then stops. */
  boolean await() {
    try {
      while (!closing) {
        if (allRead()) {
          builtIns.publish();
          return !closing;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits up to a step for each in turn; false at the first not read by then. */
  private boolean allRead() throws InterruptedException {
    for (WholeTopic topic : needed) {
      if (!topic.table().awaitCaughtUp(STEP)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closing = true;
  }
}
