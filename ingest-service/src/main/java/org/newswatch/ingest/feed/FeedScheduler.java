package org.newswatch.ingest.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.newswatch.common.model.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the polls of the feeds this instance owns: one scheduling thread hands due feeds to a fixed
 * pool of workers, never the same feed to two workers at once. A feed's first poll is placed at a
 * slot of its own, 20 ms after the previous feed's (wrapping within the feed's interval and {@code
 * initialSpread}), so that a restart with 5,000 feeds does not fire 5,000 requests at once while a
 * small deployment starts at once; later polls follow {@link NextPoll}.
 */
public final class FeedScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedScheduler.class);
  static final long PER_FEED_SPREAD_MS = 20;

  /** The scheduling thread wakes at least this often, so that its liveness can be seen. */
  static final Duration TICK = Duration.ofSeconds(5);

  /** With no tick for this long, /health says the scheduler is stuck. */
  static final Duration STALLED = Duration.ofSeconds(60);

  /** One poll of one feed; {@link FeedPoller#poll} in service, a double in tests. */
  @FunctionalInterface
  interface Poll {
    PollReport poll(Feed feed);
  }

  private static final class Entry {
    Feed feed;
    Instant due;
    boolean running;

    /** Asked to poll while a poll was running: polled again as soon as that one ends. */
    boolean pollAgain;

    long generation;
  }

  private final Poll poller;
  private final FeedStatusBoard board;
  private final Clock clock;
  private final Duration initialSpread;
  private final PollBounds bounds;
  private final ExecutorService workers;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Entry> entries = new HashMap<>();

  /** Feeds being polled right now, including ones removed while their poll runs. */
  private final Set<String> inFlight = new HashSet<>();

  private long generations;
  private volatile boolean running = true;
  private volatile long lastTickNanos = System.nanoTime();

  /** What ended the scheduling thread, or null while it runs. */
  private volatile Throwable failure;

  /**
   * @param workers polls in flight at once
   * @param initialSpread first polls are spread over at most this (and at most the feed's interval)
   * @param bounds the operator's bounds on adaptive polling
   */
  public FeedScheduler(
      FeedPoller poller, Clock clock, int workers, Duration initialSpread, PollBounds bounds) {
    this(poller::poll, poller.board(), clock, workers, initialSpread, bounds);
  }

  FeedScheduler(
      Poll poller,
      FeedStatusBoard board,
      Clock clock,
      int workers,
      Duration initialSpread,
      PollBounds bounds) {
    this.poller = poller;
    this.bounds = bounds;
    this.board = board;
    this.clock = clock;
    this.initialSpread = initialSpread;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "feed-poller-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.thread = new Thread(this::run, "feed-scheduler");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Starts polling a feed, or takes a changed definition (which is polled soon). */
  public void upsert(Feed feed) {
    lock.lock();
    try {
      Entry e = entries.get(feed.id());
      if (e != null && e.feed.equals(feed)) {
        return;
      }
      if (e == null) {
        e = new Entry();
        entries.put(feed.id(), e);
      }
      e.feed = feed;
      e.generation = ++generations;
      e.due = clock.instant().plus(firstPollDelay(entries.size(), feed.interval(), initialSpread));
      board.nextPoll(feed.id(), feed.url(), e.due);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * When the n-th feed known is first polled: in slots 20 ms apart, wrapping around within the
   * feed's interval and {@code cap}, with a little jitter inside the slot. So about 50 first polls
   * a second start however many feeds there are, and a handful of feeds start at once.
   */
  static Duration firstPollDelay(int feedsKnown, Duration interval, Duration cap) {
    long window = Math.min(cap.toMillis(), interval.toMillis());
    if (window <= 0) {
      return Duration.ZERO;
    }
    long slot = ((long) Math.max(0, feedsKnown - 1) * PER_FEED_SPREAD_MS) % window;
    long jitter = ThreadLocalRandom.current().nextLong(PER_FEED_SPREAD_MS);
    return Duration.ofMillis(Math.min(window - 1, slot + jitter));
  }

  /**
   * Stops polling a feed (removed, or now owned by another instance). A poll in flight finishes.
   */
  public void remove(String feedId) {
    lock.lock();
    try {
      entries.remove(feedId);
      board.remove(feedId);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops polling some feeds and waits until none of them is being polled, so that another instance
   * taking them over never polls one at the same time as this one.
   *
   * @return false when a poll was still running at the timeout
   */
  public boolean removeAndAwait(Collection<String> feedIds, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      for (String id : feedIds) {
        entries.remove(id);
        board.remove(id);
      }
      changed.signalAll();
      while (feedIds.stream().anyMatch(inFlight::contains)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      feedIds.forEach(board::remove);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Makes a feed due now; false when this instance does not poll it. */
  public boolean pollNow(String feedId) {
    lock.lock();
    try {
      Entry e = entries.get(feedId);
      if (e == null) {
        return false;
      }
      if (e.running) {
        // The running poll's reschedule would overwrite a due time set now.
        e.pollAgain = true;
      } else {
        e.due = clock.instant();
      }
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  public Set<String> feedIds() {
    lock.lock();
    try {
      return Set.copyOf(entries.keySet());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why the scheduler is not scheduling, for /health: its thread ended (an {@code Error} escaped
   * it) or has not come round for {@link #STALLED}. Empty while it works.
   */
  public java.util.Optional<String> problem() {
    Throwable t = failure;
    if (t != null) {
      return java.util.Optional.of("the feed scheduler stopped: " + t);
    }
    if (running && !thread.isAlive()) {
      return java.util.Optional.of("the feed scheduler thread has ended");
    }
    long idle = System.nanoTime() - lastTickNanos;
    if (running && idle > STALLED.toNanos()) {
      return java.util.Optional.of(
          "the feed scheduler has not come round for "
              + TimeUnit.NANOSECONDS.toSeconds(idle)
              + " s");
    }
    return java.util.Optional.empty();
  }

  private void run() {
    try {
      schedule();
    } catch (
        Throwable t) { // an Error too: record it, so /health says that no feed is polled any more
      failure = t;
      LOG.error("the feed scheduler stopped; no feed is polled until the service restarts", t);
    }
  }

  private void schedule() {
    lock.lock();
    try {
      while (running) {
        lastTickNanos = System.nanoTime();
        Instant now = clock.instant();
        Instant nextDue = null;
        for (Entry e : entries.values()) {
          if (e.running || e.due == null) {
            continue;
          }
          if (!e.due.isAfter(now)) {
            e.running = true;
            inFlight.add(e.feed.id());
            Feed feed = e.feed;
            long generation = e.generation;
            workers.execute(() -> pollAndReschedule(feed, generation));
          } else if (nextDue == null || e.due.isBefore(nextDue)) {
            nextDue = e.due;
          }
        }
        long waitMs =
            nextDue == null
                ? TICK.toMillis()
                : Math.clamp(Duration.between(now, nextDue).toMillis(), 1, TICK.toMillis());
        changed.await(waitMs, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private void pollAndReschedule(Feed feed, long generation) {
    Duration delay;
    try {
      PollReport report = poller.poll(feed);
      int failures = board.get(feed.id()).map(FeedStatus::consecutiveFailures).orElse(0);
      delay = NextPoll.after(feed, report, failures, bounds);
    } catch (Throwable t) {
      // FeedPoller reports failures instead of throwing, so this is a bug or an Error (a parser's
      // StackOverflowError, an OutOfMemoryError): the feed is polled again after a backoff, with
      // the error in its status, instead of staying "running" and never being polled again.
      LOG.error("polling feed {} failed unexpectedly", feed.id(), t);
      int failures = board.crashed(feed.id(), feed.url(), clock.instant(), t.toString());
      delay =
          NextPoll.after(
              feed,
              new PollReport(PollOutcome.FETCH_ERROR, 0, t.toString(), null, null, 0),
              failures,
              bounds);
    }
    lock.lock();
    try {
      inFlight.remove(feed.id());
      changed.signalAll();
      Entry e = entries.get(feed.id());
      if (e == null) {
        board.remove(feed.id()); // removed while polling: the poll's status must not linger
        return;
      }
      e.running = false;
      if (e.generation != generation) {
        changed.signalAll(); // redefined while polling: its new first poll stands
        return;
      }
      e.due = delay == null ? null : clock.instant().plus(delay);
      if (e.pollAgain && e.due != null) {
        e.due = clock.instant();
      }
      e.pollAgain = false;
      board.nextPoll(feed.id(), feed.url(), e.due);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    running = false;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    workers.shutdown();
    try {
      // In-flight polls finish what they started (each item is recorded only after Kafka took it);
      // past the grace period they are interrupted and their remaining items are polled again at
      // the next start.
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
      }
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
