package org.newswatch.alert;

import org.newswatch.common.kafka.TopicTable;

/**
 * A topic every instance reads whole at start, with what waits for it: {@link Readiness} (before
 * the first article is matched) and {@link AlertHealth} (before the service says it is ready) walk
 * one list of them.
 *
 * @param what the topic's records in words, for {@code /health} ("past alerts")
 */
record WholeTopic(String what, TopicTable<?> table, Needed needed) {

  /** What needs the topic read to its end. */
  enum Needed {
    /** Matching: without it an article could be matched against too few subscriptions. */
    BEFORE_MATCHING,
    /** Only readiness: the service answers with part of it until then (judgements). */
    BEFORE_READY,
    /** Nothing: what it gives is bounded and best effort (the stories an alert lists). */
    NOTHING
  }

  boolean neededToMatch() {
    return needed == Needed.BEFORE_MATCHING;
  }

  boolean neededToBeReady() {
    return needed != Needed.NOTHING;
  }
}
