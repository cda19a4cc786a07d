package org.newswatch.alert.emit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.newswatch.common.model.Alert;

/**
 * The recent alerts on {@code news.alerts}, in memory, in the order they were read: the source of
 * {@code GET /api/alerts}, the Atom feeds, the digests and the "already alerted" check. Rebuilt at
 * every start by reading the topic from the beginning.
 *
 * <p>Bounded: at most {@link Limits#alerts()} alerts are held in full, none older than {@link
 * Limits#alertAge()} (by {@code createdAt}); the oldest go first. The ids of the alerts let go are
 * kept longer, {@link Limits#ids()} of them at about 20 bytes each ({@link OldAlertIds}), so a
 * story is still not alerted twice. Listing by subscription or owner walks that subscription's or
 * owner's own index, not every alert; readers share a read lock, only adding takes the write lock.
 */
public final class AlertStore {
  private final Limits limits;
  private final Clock clock;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * Held alerts by sequence number (the order read): slot {@code seq % length}; seqs in [head,
   * next).
   */
  private final Alert[] ring;

  private long head;
  private long next;
  private final Map<String, Long> seqById = new HashMap<>();
  private final Map<String, Seqs> bySubscription = new HashMap<>();
  private final Map<String, Seqs> byOwner = new HashMap<>();
  private final OldAlertIds oldIds;
  private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param alerts alerts held in full, at most
   * @param alertAge alerts created longer ago than this are let go (their ids kept)
   * @param ids ids of alerts let go that are still remembered, at most
   */
  public record Limits(int alerts, Duration alertAge, int ids) {
    public Limits {
      if (alerts < 1 || ids < 0 || alertAge == null || alertAge.isNegative()) {
        throw new IllegalArgumentException(
            "alert store limits must be positive: "
                + alerts
                + " alerts, "
                + alertAge
                + ", "
                + ids
                + " ids");
      }
    }

    /**
     * 100,000 alerts in full (a day at 100,000 alerts a day; measured about 1 KB each with an
     * English snippet, so about 100 MB), for at most 90 days; the ids of the 3,000,000 before them
     * (a month at that rate; measured about 19 bytes each, about 60 MB).
     */
    public static Limits defaults() {
      return new Limits(100_000, Duration.ofDays(90), 3_000_000);
    }
  }

  /** Which alerts to list; a null field matches any. */
  public record Query(String subscriptionId, String owner, Instant since) {
    boolean matches(Alert a) {
      return (subscriptionId == null || subscriptionId.equals(a.subscriptionId()))
          && (owner == null || owner.equals(a.owner()))
          && (since == null || (a.createdAt() != null && !a.createdAt().isBefore(since)));
    }
  }

  /** One page, newest first; {@code cursor} continues the listing, null at its end. */
  public record Page(List<Alert> items, String cursor) {}

  public AlertStore() {
    this(Limits.defaults(), Clock.systemUTC());
  }

  public AlertStore(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    this.ring = new Alert[limits.alerts()];
    this.oldIds = new OldAlertIds(limits.ids());
  }

  /**
   * Adds an alert not seen before (held or remembered); true if it was new. Listeners hear of new
   * alerts only.
   */
  public boolean add(Alert alert) {
    lock.writeLock().lock();
    try {
      if (alert == null || seqById.containsKey(alert.id()) || oldIds.contains(alert.id())) {
        return false;
      }
      if (next - head == ring.length) {
        letGo();
      }
      long seq = next++;
      ring[slot(seq)] = alert;
      seqById.put(alert.id(), seq);
      bySubscription.computeIfAbsent(alert.subscriptionId(), k -> new Seqs()).add(seq);
      if (alert.owner() != null) {
        byOwner.computeIfAbsent(alert.owner(), k -> new Seqs()).add(seq);
      }
      Instant oldest = clock.instant().minus(limits.alertAge());
      while (head < next
          && ring[slot(head)].createdAt() != null
          && ring[slot(head)].createdAt().isBefore(oldest)) {
        letGo();
      }
      // Heard under the lock, so in the order held: two threads add (the emitter after its commit,
      // the alerts topic's reader), and a live stream that resumes with Last-Event-ID is replayed
      // what the store holds after that id. Heard out of order, a client given B before A and
      // dropped in between would resume after B and never get A.
      listeners.forEach(l -> l.accept(alert));
    } finally {
      lock.writeLock().unlock();
    }
    return true;
  }

  /** Lets the oldest held alert go, keeping its id. Under the write lock. */
  private void letGo() {
    int s = slot(head);
    Alert a = ring[s];
    ring[s] = null;
    seqById.remove(a.id());
    dropFirst(bySubscription, a.subscriptionId());
    if (a.owner() != null) {
      dropFirst(byOwner, a.owner());
    }
    oldIds.add(a.id());
    head++;
  }

  private static void dropFirst(Map<String, Seqs> index, String key) {
    Seqs seqs = index.get(key);
    seqs.removeFirst();
    if (seqs.isEmpty()) {
      index.remove(key);
    }
  }

  /** True for an alert held, or let go but remembered: either way it was committed once already. */
  public boolean contains(String alertId) {
    lock.readLock().lock();
    try {
      return seqById.containsKey(alertId) || oldIds.contains(alertId);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The alert with this id if it is held in full (not for one let go: only its id is kept). */
  public Optional<Alert> get(String alertId) {
    lock.readLock().lock();
    try {
      Long seq = seqById.get(alertId);
      return seq == null ? Optional.empty() : Optional.of(ring[slot(seq)]);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** True for an alert held in full; false for one let go (or never seen). */
  public boolean holds(String alertId) {
    lock.readLock().lock();
    try {
      return seqById.containsKey(alertId);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * How many of a subscription's alerts are held, and when the oldest of them was created (null
   * when none is held, or none has a time): the window that counts over held alerts cover.
   */
  public record Held(int alerts, Instant from) {}

  /**
   * Walks the subscription's held alerts: the order read is not creation order across partitions.
   */
  public Held held(String subscriptionId) {
    lock.readLock().lock();
    try {
      Seqs seqs = bySubscription.get(subscriptionId);
      if (seqs == null) {
        return new Held(0, null);
      }
      Instant from = null;
      for (int i = 0; i < seqs.size(); i++) {
        Instant created = ring[slot(seqs.get(i))].createdAt();
        if (created != null && (from == null || created.isBefore(from))) {
          from = created;
        }
      }
      return new Held(seqs.size(), from);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Alerts held in full. */
  public int size() {
    lock.readLock().lock();
    try {
      return (int) (next - head);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@code listener} hears each new alert in the order the store holds them, under its write lock:
   * it must be quick and must not wait for another thread that uses the store.
   */
  public void onAdd(Consumer<Alert> listener) {
    listeners.add(listener);
  }

  /**
   * Held alerts matching {@code query}, newest first, at most {@code limit}; {@code cursor} (from a
   * previous page, or null) continues a listing. With a subscription or an owner, only that one's
   * alerts are walked.
   */
  public Page page(Query query, String cursor, int limit) {
    long before = parseCursor(cursor);
    lock.readLock().lock();
    try {
      Seqs index =
          query.subscriptionId() != null
              ? bySubscription.get(query.subscriptionId())
              : query.owner() != null ? byOwner.get(query.owner()) : null;
      if (index == null && (query.subscriptionId() != null || query.owner() != null)) {
        return new Page(List.of(), null);
      }
      List<Alert> items = new ArrayList<>();
      long last = -1;
      boolean more = false;
      if (index == null) {
        for (long seq = Math.min(before, next) - 1; seq >= head; seq--) {
          if (items.size() == limit) {
            more = true;
            break;
          }
          Alert a = ring[slot(seq)];
          if (query.matches(a)) {
            items.add(a);
            last = seq;
          }
        }
      } else {
        for (int i = index.countBelow(before) - 1; i >= 0; i--) {
          if (items.size() == limit) {
            more = true;
            break;
          }
          long seq = index.get(i);
          Alert a = ring[slot(seq)];
          if (query.matches(a)) {
            items.add(a);
            last = seq;
          }
        }
      }
      return new Page(items, more ? String.valueOf(last) : null);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Held alerts accepted by {@code filter}, created at or after {@code since} (null = any time),
   * newest first: walks every held alert. Prefer {@link #page(Query, String, int)}.
   */
  public Page page(Predicate<Alert> filter, Instant since, String cursor, int limit) {
    Objects.requireNonNull(filter);
    long before = parseCursor(cursor);
    Query time = new Query(null, null, since);
    lock.readLock().lock();
    try {
      List<Alert> items = new ArrayList<>();
      long last = -1;
      for (long seq = Math.min(before, next) - 1; seq >= head; seq--) {
        if (items.size() == limit) {
          return new Page(items, String.valueOf(last));
        }
        Alert a = ring[slot(seq)];
        if (filter.test(a) && time.matches(a)) {
          items.add(a);
          last = seq;
        }
      }
      return new Page(items, null);
    } finally {
      lock.readLock().unlock();
    }
  }

  private int slot(long seq) {
    return (int) (seq % ring.length);
  }

  private static long parseCursor(String cursor) {
    if (cursor == null) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cursor must be a cursor from a previous answer, was '" + cursor + "'");
    }
  }

  /**
   * Ascending sequence numbers of one subscription's or owner's held alerts; the oldest go first.
   */
  private static final class Seqs {
    private long[] seqs = new long[4];
    private int start;
    private int end;

    void add(long seq) {
      if (end == seqs.length) {
        int n = end - start;
        // Compact first; grow only when more than half is in use.
        long[] to = n * 2 > seqs.length ? new long[seqs.length * 2] : seqs;
        System.arraycopy(seqs, start, to, 0, n);
        seqs = to;
        start = 0;
        end = n;
      }
      seqs[end++] = seq;
    }

    void removeFirst() {
      start++;
    }

    boolean isEmpty() {
      return start == end;
    }

    int size() {
      return end - start;
    }

    long get(int i) {
      return seqs[start + i];
    }

    /** How many are below {@code seq}. */
    int countBelow(long seq) {
      int i = Arrays.binarySearch(seqs, start, end, seq);
      return (i >= 0 ? i : -i - 1) - start;
    }
  }
}
