package org.newswatch.ingest.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.newswatch.common.model.Feed;
import org.newswatch.ingest.IngestMetrics;
import org.newswatch.ingest.fetch.FetchResult;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.newswatch.ingest.item.ItemIngester;
import org.newswatch.ingest.publish.ArticleCaps;
import org.newswatch.ingest.publish.ArticlePublisher;
import org.newswatch.ingest.publish.SeenStore;
import org.newswatch.ingest.websub.WebSubSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed: a conditional GET of the feed, a parse, and each item through {@link
 * ItemIngester}; then the feed's status and its remembered server state are updated. Whatever the
 * server sends, {@link #poll} returns a report and never throws: one broken feed must not stop the
 * others. Thread-safe; the scheduler never polls one feed twice at once.
 */
public final class FeedPoller {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  static final String ACCEPT_FEED =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

  private final HttpFetcher fetcher;
  private final FeedParser parser = new FeedParser();
  private final ItemIngester ingester;
  private final SeenStore seen;
  private final FeedStateStore states;
  private final FeedStatusBoard board;
  private final IngestMetrics metrics;
  private final Clock clock;

  /**
   * Per feed, whether each of its recent item pages gave the text (newest last), for coverage
   * health.
   */
  private final Map<String, ArrayDeque<Boolean>> pages = new ConcurrentHashMap<>();

  static final int PAGE_WINDOW = 10;

  /**
   * One poll or push of a feed at a time, so that a push arriving mid-poll cannot publish an item
   * twice.
   */
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  private volatile WebSubSubscriber websub;

  public FeedPoller(
      HttpFetcher fetcher,
      ItemIngester ingester,
      SeenStore seen,
      FeedStateStore states,
      FeedStatusBoard board,
      IngestMetrics metrics,
      Clock clock) {
    this.fetcher = fetcher;
    this.ingester = ingester;
    this.seen = seen;
    this.states = states;
    this.board = board;
    this.metrics = metrics;
    this.clock = clock;
  }

  public FeedStatusBoard board() {
    return board;
  }

  /** Subscribes to the hubs feeds name, and takes their pushes. */
  public void useWebSub(WebSubSubscriber subscriber) {
    this.websub = subscriber;
    subscriber.onPush(this::pushed);
  }

  /**
   * Polls a feed now. Interrupting the thread (service stop) ends it early; what was done stays
   * recorded.
   */
  public PollReport poll(Feed feed) {
    ReentrantLock lock = locks.computeIfAbsent(feed.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      PollReport report = pollLocked(feed);
      WebSubSubscriber w = websub;
      return w == null ? report : report.withPushActive(w.active(feed.id()));
    } finally {
      lock.unlock();
    }
  }

  /** Ingests a feed document a WebSub hub pushed; the validators of the last poll are kept. */
  public PollReport pushed(Feed feed, byte[] body, String contentType) {
    ReentrantLock lock = locks.computeIfAbsent(feed.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      FeedState state = states.get(feed.id(), feed.url());
      FeedStatus before = board.getOrInitial(feed.id(), feed.url());
      FetchResult.Ok ok =
          new FetchResult.Ok(
              URI.create(state.effectiveUrl()), 200, contentType, body, state.validators(), null);
      return ingest(feed, state, before, clock.instant(), ok, true);
    } finally {
      lock.unlock();
    }
  }

  private PollReport pollLocked(Feed feed) {
    FeedState state = states.get(feed.id(), feed.url());
    FeedStatus before = board.getOrInitial(feed.id(), feed.url());
    Instant started = clock.instant();
    if (state.gone()) {
      return record(
          feed,
          state,
          before,
          started,
          new PollReport(
              PollOutcome.GONE,
              410,
              "the server said 410 Gone; re-add the feed to poll it again",
              null,
              null,
              0),
          0,
          0,
          0,
          0,
          0,
          List.of());
    }
    long t0 = System.nanoTime();
    FetchResult fetched =
        fetcher.fetch(URI.create(state.effectiveUrl()), state.validators(), ACCEPT_FEED);
    metrics.fetched(
        "feed",
        Duration.ofNanos(System.nanoTime() - t0),
        fetched instanceof FetchResult.Ok ok ? ok.body().length : 0);
    if (fetched.movedTo() != null) {
      LOG.info("feed {} moved permanently to {}", feed.id(), fetched.movedTo());
      state = state.movedTo(fetched.movedTo().toString());
    }
    switch (fetched) {
      case FetchResult.NotModified nm -> {
        state = state.withValidators(nm.validators());
        return record(
            feed,
            state,
            before,
            started,
            new PollReport(
                PollOutcome.NOT_MODIFIED, 304, null, null, state.ttl(), state.usualGap(), 0),
            before.itemsSeen(),
            0,
            0,
            0,
            0,
            List.of());
      }
      case FetchResult.Failed f -> {
        PollOutcome outcome =
            switch (f.kind()) {
              case HTTP_STATUS -> f.status() == 410 ? PollOutcome.GONE : PollOutcome.HTTP_ERROR;
              case REFUSED -> PollOutcome.REFUSED;
              default -> PollOutcome.FETCH_ERROR;
            };
        if (outcome == PollOutcome.GONE) {
          state = state.markGone();
        }
        return record(
            feed,
            state,
            before,
            started,
            new PollReport(outcome, f.status(), f.reason(), f.retryAfter(), null, 0),
            before.itemsSeen(),
            0,
            0,
            0,
            0,
            List.of());
      }
      case FetchResult.Ok ok -> {
        return ingest(feed, state, before, started, ok, false);
      }
    }
  }

  private PollReport ingest(
      Feed feed,
      FeedState state,
      FeedStatus before,
      Instant started,
      FetchResult.Ok ok,
      boolean push) {
    ParsedFeed parsed;
    try {
      parsed = parser.parse(ok.body(), ok.contentType(), ok.finalUri());
    } catch (FeedParseException e) {
      // Validators are not kept: the next poll fetches the whole document again.
      return record(
          feed,
          state,
          before,
          started,
          new PollReport(PollOutcome.PARSE_ERROR, ok.status(), e.getMessage(), null, null, 0),
          0,
          0,
          0,
          0,
          0,
          List.of());
    }
    state =
        state.learned(
            Cadence.usualGap(parsed.items(), started),
            parsed.ttl(),
            Cadence.newest(parsed.items(), started));
    WebSubSubscriber w = websub;
    if (w != null && !push) {
      w.maybeSubscribe(feed, parsed.hub(), parsed.self());
    }
    int fresh = 0, updated = 0, unchanged = 0, failed = 0;
    String error = null;
    List<String> problems = new ArrayList<>();
    // Oldest first, so that articles reach the topic roughly in publishing order.
    List<FeedItem> items = new ArrayList<>(parsed.items());
    Collections.reverse(items);
    boolean complete = true;
    for (FeedItem item : items) {
      if (Thread.currentThread().isInterrupted()) {
        complete = false;
        break;
      }
      ItemIngester.Result result;
      try {
        ItemIngester.Outcome outcome = ingester.ingest(feed, item);
        result = outcome.result();
        if (outcome.pageExtracted() != null) {
          pageResult(feed.id(), outcome.pageExtracted());
        }
        if (outcome.problem() != null && problems.size() < 5) {
          problems.add(outcome.problem());
        }
      } catch (ArticlePublisher.PublishException e) {
        // Kafka is not taking records: stop here; the items left are tried again next poll.
        error = e.getMessage();
        failed++;
        metrics.item("failed");
        complete = false;
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        complete = false;
        break;
      } catch (RuntimeException e) {
        // One item the code did not foresee must not cost the feed's other items.
        LOG.warn("feed {}: item {} failed", feed.id(), ArticleCaps.preview(item.link()), e);
        result = ItemIngester.Result.FAILED;
        if (problems.size() < 5) {
          problems.add("item " + ArticleCaps.preview(item.link()) + ": " + e);
        }
      }
      metrics.item(result.label());
      switch (result) {
        case NEW -> fresh++;
        case UPDATED -> updated++;
        case UNCHANGED -> unchanged++;
        case FAILED -> failed++;
      }
    }
    seen.sync();
    if (complete && !push) {
      // Only now may the server answer 304 next time: every item of this document was handled.
      state = state.withValidators(ok.validators());
    }
    List<String> warnings = new ArrayList<>(parsed.warnings());
    warnings.addAll(problems);
    return record(
        feed,
        state,
        before,
        started,
        new PollReport(
            push ? PollOutcome.PUSHED : PollOutcome.OK,
            ok.status(),
            error,
            null,
            state.ttl(),
            state.usualGap(),
            fresh),
        parsed.items().size(),
        fresh,
        updated,
        unchanged,
        failed,
        warnings);
  }

  private PollReport record(
      Feed feed,
      FeedState state,
      FeedStatus before,
      Instant started,
      PollReport report,
      int seenItems,
      int fresh,
      int updated,
      int unchanged,
      int failed,
      List<String> warnings) {
    states.put(state);
    metrics.poll(report.outcome());
    boolean failedPoll = report.outcome().failed() || report.error() != null;
    int notModified =
        switch (report.outcome()) {
          case NOT_MODIFIED -> before.notModifiedStreak() + 1;
          case OK, PUSHED -> 0;
          default -> before.notModifiedStreak();
        };
    FeedStatus after =
        new FeedStatus(
            feed.id(),
            state.effectiveUrl(),
            before.polls() + 1,
            started,
            report.httpStatus() == 0 ? null : report.httpStatus(),
            report.outcome().label(),
            failedPoll ? report.error() : before.lastError(),
            failedPoll ? started : before.lastErrorAt(),
            failedPoll ? before.consecutiveFailures() + 1 : 0,
            notModified,
            seenItems,
            before.itemsNew() + fresh,
            before.itemsUpdated() + updated,
            before.itemsUnchanged() + unchanged,
            before.itemsFailed() + failed,
            fresh + updated > 0 ? started : before.lastNewItemAt(),
            before.nextPollAt(),
            state.gone(),
            state.usualGap(),
            state.newestItemAt(),
            thinShare(feed.id()),
            List.of(),
            warnings);
    after = after.withFlags(CoverageHealth.flags(after, clock.instant()));
    board.put(after);
    if (failedPoll) {
      LOG.info("feed {} poll: {} ({})", feed.id(), report.outcome().label(), report.error());
    }
    return report;
  }

  private void pageResult(String feedId, boolean extracted) {
    ArrayDeque<Boolean> window = pages.computeIfAbsent(feedId, id -> new ArrayDeque<>());
    synchronized (window) {
      window.addLast(extracted);
      if (window.size() > PAGE_WINDOW) {
        window.removeFirst();
      }
    }
  }

  /** The share of recent pages that gave too little text, or null with too few pages to say. */
  private Double thinShare(String feedId) {
    ArrayDeque<Boolean> window = pages.get(feedId);
    if (window == null) {
      return null;
    }
    synchronized (window) {
      if (window.size() < CoverageHealth.THIN_MIN_SAMPLES) {
        return null;
      }
      long thin = window.stream().filter(ok -> !ok).count();
      return (double) thin / window.size();
    }
  }
}
