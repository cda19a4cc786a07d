package org.newswatch.alert.deliver;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The deliveries bound for one destination (a webhook's scheme, host and port, or the SMTP server):
 * at most {@code maxActive} being attempted (retry waits included), the rest waiting in order, at
 * most {@code backlog} of them. One queue per destination is what keeps a slow receiver's alerts
 * from delaying anyone else's.
 */
final class DestinationQueue {
  enum Admission {
    START,
    QUEUED,
    FULL
  }

  private final String name;
  private final int maxActive;
  private final int backlog;
  private final Set<Delivery> active = new HashSet<>();
  private final Deque<Delivery> waiting = new ArrayDeque<>();

  DestinationQueue(String name, int maxActive, int backlog) {
    this.name = name;
    this.maxActive = maxActive;
    this.backlog = backlog;
  }

  /**
   * What {@code /health} and the dead letters call it: kind and host, never a path, query or
   * secret.
   */
  String name() {
    return name;
  }

  synchronized Admission admit(Delivery d) {
    if (active.size() < maxActive) {
      active.add(d);
      return Admission.START;
    }
    if (waiting.size() >= backlog) {
      return Admission.FULL;
    }
    waiting.addLast(d);
    return Admission.QUEUED;
  }

  /** {@code d} is finished; returns the next delivery to start, now counted as active, or null. */
  synchronized Delivery done(Delivery d) {
    active.remove(d);
    Delivery next = waiting.pollFirst();
    if (next != null) {
      active.add(next);
    }
    return next;
  }

  /** When the oldest delivery still here (sending, between retries or waiting) was queued. */
  synchronized Optional<Instant> oldest() {
    Instant oldest = waiting.isEmpty() ? null : waiting.peekFirst().queuedAt();
    for (Delivery d : active) {
      if (oldest == null || d.queuedAt().isBefore(oldest)) {
        oldest = d.queuedAt();
      }
    }
    return Optional.ofNullable(oldest);
  }

  synchronized int waiting() {
    return waiting.size();
  }

  synchronized int active() {
    return active.size();
  }
}
