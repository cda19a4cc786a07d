package org.newswatch.alert.deliver;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which records of each partition are still being delivered, and so how far each partition may be
 * committed: up to (not including) its lowest unfinished offset. Deliveries finish out of order (a
 * slow receiver's alert behind a fast one's), and committing past an unfinished one would lose it
 * at a restart. Thread-safe: deliveries finish on other threads than the one that commits.
 */
final class PendingOffsets {
  private final Map<Integer, Partition> partitions = new HashMap<>();
  private int unfinished;

  private static final class Partition {
    final TreeSet<Long> unfinished = new TreeSet<>();

    /** One past the highest offset handed out; -1 before any. */
    long next = -1;

    long committed = -1;

    long committable() {
      return unfinished.isEmpty() ? next : unfinished.first();
    }
  }

  /** Names one record in flight; finishing it after its partition was forgotten does nothing. */
  static final class Ticket {
    private final Partition partition;
    private final long offset;
    private boolean finished;

    private Ticket(Partition partition, long offset) {
      this.partition = partition;
      this.offset = offset;
    }
  }

  synchronized Ticket add(int partition, long offset) {
    Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
    p.unfinished.add(offset);
    p.next = Math.max(p.next, offset + 1);
    unfinished++;
    return new Ticket(p, offset);
  }

  /** The record is durably done: delivered, or failed and dead-lettered. Idempotent. */
  synchronized void finish(Ticket t) {
    if (t.finished) {
      return;
    }
    t.finished = true;
    if (t.partition.unfinished.remove(t.offset) && partitions.containsValue(t.partition)) {
      unfinished--;
    }
  }

  /**
   * Offsets to commit (the next record to read per partition) that moved since the last {@link
   * #committed}.
   */
  synchronized Map<Integer, Long> committable() {
    Map<Integer, Long> out = new HashMap<>();
    partitions.forEach(
        (partition, p) -> {
          long c = p.committable();
          if (c > p.committed) {
            out.put(partition, c);
          }
        });
    return out;
  }

  synchronized void committed(Map<Integer, Long> offsets) {
    offsets.forEach(
        (partition, offset) -> {
          Partition p = partitions.get(partition);
          if (p != null) {
            p.committed = Math.max(p.committed, offset);
          }
        });
  }

  /** Partitions taken away by a rebalance: their records are another instance's now. */
  synchronized void forget(Collection<Integer> gone) {
    for (Integer partition : gone) {
      Partition p = partitions.remove(partition);
      if (p != null) {
        unfinished -= p.unfinished.size();
      }
    }
  }

  /** Records handed out and not yet finished, over every partition still held. */
  synchronized int unfinished() {
    return unfinished;
  }
}
