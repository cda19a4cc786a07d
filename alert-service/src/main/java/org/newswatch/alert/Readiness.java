package org.newswatch.alert;

import java.time.Duration;
import org.newswatch.alert.match.BuiltInTopicPublisher;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Subscription;

/**
 * The wait before the first article is matched, run on the emitter's thread: every analyst, every
 * subscription and every past alert must be known first, or an article could be matched against too
 * few subscriptions (or a revoked analyst's) or alerted twice. Then the built-in topics are
 * published (again, if their file changed). Closing it ends the wait, so the emitter can stop.
 */
final class Readiness implements AutoCloseable {
  private static final Duration STEP = Duration.ofMillis(500);

  private final TopicTable<Analyst> analysts;
  private final TopicTable<Subscription> subscriptions;
  private final TopicTable<Alert> alertLog;
  private final BuiltInTopicPublisher builtIns;
  private volatile boolean closing;

  Readiness(
      TopicTable<Analyst> analysts,
      TopicTable<Subscription> subscriptions,
      TopicTable<Alert> alertLog,
      BuiltInTopicPublisher builtIns) {
    this.analysts = analysts;
    this.subscriptions = subscriptions;
    this.alertLog = alertLog;
    this.builtIns = builtIns;
  }

  /** True once ready; false when closed (or interrupted) first: the emitter then stops. */
  boolean await() {
    try {
      while (!closing) {
        // Analysts too: a revoked analyst's subscriptions must be known as paused before matching.
        if (analysts.awaitCaughtUp(STEP)
            && subscriptions.awaitCaughtUp(STEP)
            && alertLog.awaitCaughtUp(STEP)) {
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

  @Override
  public void close() {
    closing = true;
  }
}
