package org.newswatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingest-service's meters, named once here: polls by outcome, items by result, fetched bytes
 * and a fetch latency histogram (feeds and pages apart).
 */
public final class IngestMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> polls = new ConcurrentHashMap<>();
  private final Map<String, Counter> items = new ConcurrentHashMap<>();
  private final Map<String, Timer> fetches = new ConcurrentHashMap<>();
  private final Counter bytes;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bytes = Counter.builder("newswatch.ingest.fetched.bytes").baseUnit("bytes")
        .description("body bytes received from feeds and pages (after gzip decoding)").register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One poll ended with this outcome (ok, not-modified, http-error, ...). */
  public void poll(String outcome) {
    polls.computeIfAbsent(outcome, o -> Counter.builder("newswatch.ingest.polls").tag("outcome", o)
        .description("feed polls by outcome").register(registry)).increment();
  }

  /** One feed item ended as new, updated, duplicate (unchanged) or failed. */
  public void item(String result) {
    items.computeIfAbsent(result, r -> Counter.builder("newswatch.ingest.items").tag("result", r)
        .description("feed items by result").register(registry)).increment();
  }

  /** A fetch of a feed or a page took this long and gave this many bytes. */
  public void fetched(String kind, Duration took, long bodyBytes) {
    fetches.computeIfAbsent(kind, k -> Timer.builder("newswatch.ingest.fetch").tag("kind", k)
        .description("HTTP fetch latency, request to last body byte").publishPercentileHistogram()
        .register(registry)).record(took);
    bytes.increment(bodyBytes);
  }
}
