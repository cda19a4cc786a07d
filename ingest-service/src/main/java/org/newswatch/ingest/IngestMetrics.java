package org.newswatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.ingest.feed.PollOutcome;

/**
 * The ingest-service's meters, named once here: polls by outcome, items by result, fetched bytes
 * and a fetch latency histogram (feeds and pages apart); failed polls and items also count in the
 * errors by kind every service shares.
 */
public final class IngestMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> polls = new ConcurrentHashMap<>();
  private final Map<String, Counter> items = new ConcurrentHashMap<>();
  private final Map<String, Timer> fetches = new ConcurrentHashMap<>();
  private final Counter bytes;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bytes =
        Counter.builder("newswatch.ingest.fetched.bytes")
            .baseUnit("bytes")
            .description("body bytes received from feeds and pages (after gzip decoding)")
            .register(registry);
    // Registered at zero: a dashboard's rate() over errors that never happened shows 0, not "no
    // data".
    for (PollOutcome outcome : PollOutcome.values()) {
      if (outcome.failed()) {
        ServiceMeters.errors(registry, "poll-" + outcome.label());
      }
    }
    ServiceMeters.errors(registry, "item-failed");
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One poll ended with this outcome; a failed one is also an error of that kind. */
  public void poll(PollOutcome outcome) {
    polls
        .computeIfAbsent(
            outcome.label(),
            o ->
                Counter.builder("newswatch.ingest.polls")
                    .tag("outcome", o)
                    .description("feed polls by outcome")
                    .register(registry))
        .increment();
    if (outcome.failed()) {
      ServiceMeters.countError(registry, "poll-" + outcome.label());
    }
  }

  /** One feed item ended as new, updated, duplicate (unchanged) or failed. */
  public void item(String result) {
    items
        .computeIfAbsent(
            result,
            r ->
                Counter.builder("newswatch.ingest.items")
                    .tag("result", r)
                    .description("feed items by result")
                    .register(registry))
        .increment();
    if (result.equals("failed")) {
      ServiceMeters.countError(registry, "item-failed");
    }
  }

  /** A fetch of a feed or a page took this long and gave this many bytes. */
  public void fetched(String kind, Duration took, long bodyBytes) {
    fetches
        .computeIfAbsent(
            kind,
            k ->
                Timer.builder("newswatch.ingest.fetch")
                    .tag("kind", k)
                    .description("HTTP fetch latency, request to last body byte")
                    .publishPercentileHistogram()
                    .register(registry))
        .record(took);
    bytes.increment(bodyBytes);
  }
}
