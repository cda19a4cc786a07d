package org.newswatch.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The load test's table: rows {measure, value, note} from what {@link LoadBench} sampled and
 * counted, and the alert latencies computed from the stream's arrivals and the sites' first-served
 * times.
 */
final class LoadReport {
  private LoadReport() {}

  /** Alert latencies of the items first served during the window, in milliseconds. */
  record Latencies(
      long[] fromServed, long[] fromPublished, int alertsOfWindowItems, int notCorpusPages) {
    static Latencies of(
        List<AlertStreamReader.Arrival> arrivals,
        Map<Long, Long> firstServed,
        Published published,
        long windowStartMillis,
        long windowEndMillis) {
      List<Long> served = new ArrayList<>();
      List<Long> pub = new ArrayList<>();
      int other = 0;
      for (AlertStreamReader.Arrival a : arrivals) {
        if (a.feed() < 0) {
          other++;
          continue;
        }
        Long at = firstServed.get(((long) a.feed() << 32) | a.item());
        if (at == null || at < windowStartMillis || at > windowEndMillis) {
          continue; // an item of the warm-up, or served after the window
        }
        served.add(a.receivedMillis() - at);
        pub.add(a.receivedMillis() - published.at(a.feed(), a.item()).toEpochMilli());
      }
      return new Latencies(
          served.stream().mapToLong(Long::longValue).toArray(),
          pub.stream().mapToLong(Long::longValue).toArray(),
          served.size(),
          other);
    }
  }

  /** When the corpus published an item. */
  interface Published {
    Instant at(int feed, int item);
  }

  static List<String[]> rows(
      LoadBench.Options o,
      double startSeconds,
      double subscribeSeconds,
      LoadBench.WarmUp warm,
      LoadBench.Counters before,
      LoadBench.Counters after,
      List<LoadBench.Sample> samples,
      LoadBench.Sample last,
      Latencies lat,
      MetricsText alertBefore,
      MetricsText alertMetrics,
      List<AlertStreamReader.Arrival> arrivals,
      FeedSitesProcess.Served served,
      boolean ownBroker,
      String load0,
      String load1,
      AllInOneProcess app) {
    double window = (after.atNanos() - before.atNanos()) / 1e9;
    int cores = Runtime.getRuntime().availableProcessors();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        row(
            "load test setup",
            String.format(
                Locale.ROOT,
                "%,d feeds on %,d loopback hosts, %d subscriptions, %.1f min measured",
                o.feeds(),
                o.sites(),
                o.subscriptions(),
                window / 60),
            String.format(
                Locale.ROOT,
                "the all-in-one (`java -jar newswatch-all.jar run`, pid %d, %s) as a child process; Kafka %s;"
                    + " each feed publishes one item every %d s (phases spread: %.1f items/s in all) and lists its newest %d, each linking to a ~350-word page on its host, served by a separate process;"
                    + " feeds file interval 1m, so the poller polls every ~%d s (half the learned rhythm, 1 min at least); subscriptions made by one analyst through POST /api/subscriptions",
                app.pid(),
                o.javaOpts().isEmpty()
                    ? "default JVM flags"
                    : "JVM flags " + String.join(" ", o.javaOpts()),
                ownBroker
                    ? "broker in the bench's JVM (NEWSWATCH_KAFKA), so the child's memory is the three services' only"
                    : "the all-in-one's embedded broker (its memory counts)",
                o.gap().toSeconds(),
                o.publishedPerSecond(),
                o.items(),
                LoadBench.pollSeconds(o))));
    rows.add(
        row(
            "conditions",
            String.format(
                Locale.ROOT,
                "%d cores; load average %s at the start, %s at the window's end",
                cores,
                load0,
                load1),
            "/proc/loadavg (1, 5, 15 min); the machine is shared, so other work may run beside the test"));
    rows.add(
        row(
            String.format(
                Locale.ROOT,
                "all-in-one start until every /health is 200 (%,d feeds seeded)",
                o.feeds()),
            secs(startSeconds),
            String.format(
                Locale.ROOT,
                "then %d subscriptions created in %.1f s",
                o.subscriptions(),
                subscribeSeconds)));
    rows.add(
        row(
            "warm-up: the first poll of every feed (all listed items new)",
            secs(warm.seconds()),
            String.format(
                Locale.ROOT,
                "%,.0f articles indexed by its end; %s",
                warm.indexed(),
                warm.drained()
                    ? "ended when every feed was polled, every lag was under 10 s of publishing and the items published but not yet polled were under one poll interval's worth"
                    : "**not drained** within the limit: the window started anyway")));
    rows.add(
        row(
            "**articles indexed per second** (window)",
            String.format(
                Locale.ROOT, "**%,.1f articles/s**", (after.indexed() - before.indexed()) / window),
            String.format(
                Locale.ROOT,
                "newswatch_index_documents_indexed_total; the sites published %.1f items/s; ingest found %,.1f new items/s; the alert-service read %,.1f articles/s",
                o.publishedPerSecond(),
                (after.newItems() - before.newItems()) / window,
                (after.alertArticles() - before.alertArticles()) / window)));
    rows.add(
        row(
            "polls per second (window)",
            String.format(Locale.ROOT, "%,.1f polls/s", (after.polls() - before.polls()) / window),
            String.format(
                Locale.ROOT,
                "newswatch_ingest_polls_total; the sites answered %,d feeds 200, %,d feeds 304, %,d pages, %,d not found over the whole run",
                served.feeds200(),
                served.feeds304(),
                served.pages(),
                served.notFound())));
    rows.add(
        row(
            "items published but not yet polled: max / at the end",
            lagPair(samples, s -> s.unpolled(), last.unpolled()).replace("records", "items"),
            String.format(
                Locale.ROOT,
                "the poller's backlog; steady state is about %,.0f (%.1f items/s × half the %d s poll interval on average)",
                o.publishedPerSecond() * LoadBench.pollSeconds(o) / 2,
                o.publishedPerSecond(),
                LoadBench.pollSeconds(o))));
    rows.add(
        row(
            "consumer lag, index-service: max / at the end",
            lagPair(samples, LoadBench.Sample::indexLag, last.indexLag()),
            "newswatch_index_lag (records on news.articles not yet indexed), sampled every "
                + LoadBench.SAMPLE.toSeconds()
                + " s; end = after the grace period"));
    for (String group : last.groupLags().keySet()) {
      rows.add(
          row(
              "consumer lag, group " + group + ": max / at the end",
              lagPair(
                  samples,
                  s -> s.groupLags().getOrDefault(group, 0L).doubleValue(),
                  last.groupLags().get(group)),
              "last stable offset − committed offset, summed over partitions (Kafka admin API), every "
                  + LoadBench.SAMPLE.toSeconds()
                  + " s"));
    }
    if (last.recordsLag().isEmpty()) {
      rows.add(
          row(
              "kafka_consumer_fetch_manager_records_lag in /metrics",
              "not exposed",
              "the services do not bind the Kafka clients' meters to /metrics"));
    }
    for (String service : last.recordsLag().keySet()) {
      rows.add(
          row(
              "consumer lag, " + service + "'s Kafka consumers: max / at the end",
              lagPair(
                  samples,
                  s -> s.recordsLag().getOrDefault(service, 0.0),
                  last.recordsLag().get(service)),
              "kafka_consumer_fetch_manager_records_lag in its /metrics, summed over its consumers' partitions (the clients' own figure; topic tables included)"));
    }
    double emitted = after.alertsEmitted() - before.alertsEmitted();
    rows.add(
        row(
            "alerts (window)",
            String.format(Locale.ROOT, "%,.1f alerts/s", emitted / window),
            String.format(
                Locale.ROOT,
                "newswatch_alert_alerts_emitted_total; %,.2f alerts per article; %,.0f matches not alerted as the same story again (newswatch_alert_duplicates_total);"
                    + " %,d alerts received on the stream in all, %,d distinct ids",
                emitted / Math.max(1, after.alertArticles() - before.alertArticles()),
                after.sameStory() - before.sameStory(),
                arrivals.size(),
                arrivals.stream().map(AlertStreamReader.Arrival::alertId).distinct().count())));
    rows.add(
        row(
            "**alert latency p50 / p99**, item first served in its feed → alert on the stream",
            latency(lat.fromServed()),
            String.format(
                Locale.ROOT,
                "%,d alerts of items first served during the window (received up to %d s after it); poll → page fetch → extraction → Kafka → match → transaction commit → SSE;"
                    + " %,d alerts on other URLs left out",
                lat.fromServed().length,
                LoadBench.GRACE.toSeconds(),
                lat.notCorpusPages())));
    rows.add(
        row(
            "alert latency p50 / p99, item published → alert on the stream",
            latency(lat.fromPublished()),
            "the same alerts; adds the wait for the feed's next poll (up to half the rhythm, ±10 %)"));
    rows.add(
        row(
            "alert-service's newswatch_alert_latency p50 / p99 (window)",
            histogramQuantiles(alertBefore, alertMetrics, "newswatch_alert_latency_seconds"),
            "its own figure: article fetched by ingest → its alert committed to news.alerts; from its histogram's buckets counted during the window,"
                + " interpolated within a bucket as Prometheus's histogram_quantile does (coarse buckets: approximate); the stream's figure above starts at the feed poll and ends at the SSE client"));
    rows.add(
        row(
            "alert-service's newswatch_alert_match_latency p50 / p99",
            quantiles(alertMetrics, "newswatch_alert_match_latency_seconds"),
            "matching one article against every subscription only (a window of the last minutes); not the end-to-end figure"));
    double cpu = (after.childCpu().toMillis() - before.childCpu().toMillis()) / 1000.0;
    rows.add(
        row(
            "all-in-one CPU (window)",
            String.format(
                Locale.ROOT,
                "%.0f s of %.0f s; %.0f %% of %d cores",
                cpu,
                window,
                100 * cpu / window / cores,
                cores),
            ownBroker
                ? "the three services; the broker and the sites run in other processes"
                : "the three services and the embedded broker"));
    long peakRss = app.peakRssBytes().orElse(-1);
    rows.add(
        row(
            "**all-in-one peak resident memory**",
            peakRss < 0 ? "not measured" : "**" + Memory.mb(peakRss) + "**",
            String.format(
                Locale.ROOT,
                "VmHWM of /proc/%d/status over the whole run (start and warm-up included); resident at the end %s; max during the window %s",
                app.pid(),
                last.rss() < 0 ? "not measured" : Memory.mb(last.rss()),
                Memory.mb(samples.stream().mapToLong(LoadBench.Sample::rss).max().orElse(0)))));
    boolean heap = samples.stream().anyMatch(s -> !Double.isNaN(s.heapUsed()));
    rows.add(
        row(
            "all-in-one heap used: max / at the end",
            heap
                ? Memory.mb(
                        (long)
                            samples.stream()
                                .mapToDouble(LoadBench.Sample::heapUsed)
                                .filter(d -> !Double.isNaN(d))
                                .max()
                                .orElse(0))
                    + " / "
                    + (Double.isNaN(last.heapUsed()) ? "–" : Memory.mb((long) last.heapUsed()))
                : "not exposed",
            heap
                ? "jvm_memory_used_bytes{area=\"heap\"} in /metrics, garbage not yet collected included"
                : "no jvm_memory_used_bytes in the services' /metrics yet: resident memory only"));
    return rows;
  }

  static String[] gcRow(GcLog.Heap h, List<String> javaOpts) {
    if (h.collections() == 0) {
      return row("all-in-one heap from its GC log", "no collections logged", "-Xlog:gc");
    }
    return row(
        "all-in-one heap (its GC log): peak used / largest after a collection",
        Memory.mb(h.maxBefore()) + " / " + Memory.mb(h.maxAfter()),
        String.format(
            Locale.ROOT,
            "-Xlog:gc over the whole run, %,d collections; heap committed at most %s (%s); after the last collection %s",
            h.collections(),
            Memory.mb(h.maxCommitted()),
            javaOpts.stream().anyMatch(f -> f.startsWith("-Xmx"))
                ? "flags " + String.join(" ", javaOpts)
                : "JVM default max heap: a quarter of RAM",
            Memory.mb(h.lastAfter())));
  }

  private static String lagPair(
      List<LoadBench.Sample> samples, ToDoubleFunction<LoadBench.Sample> f, double end) {
    double max = samples.stream().mapToDouble(f).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%,.0f / %,.0f records", max, end);
  }

  private static String latency(long[] millis) {
    if (millis.length == 0) {
      return "no alerts measured";
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%s / %s (max %s)",
        ms(LatencyBench.percentile(sorted, 50)),
        ms(LatencyBench.percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]));
  }

  static String ms(long millis) {
    return millis >= 10_000
        ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
        : String.format(Locale.ROOT, "%,d ms", millis);
  }

  /**
   * p50 / p99 of what a histogram counted between two scrapes; falls back to published quantiles.
   */
  private static String histogramQuantiles(MetricsText before, MetricsText after, String name) {
    OptionalDouble p50 = MetricsText.quantile(before.buckets(name), after.buckets(name), 0.5);
    OptionalDouble p99 = MetricsText.quantile(before.buckets(name), after.buckets(name), 0.99);
    if (p50.isEmpty() || p99.isEmpty()) {
      return quantiles(after, name);
    }
    return String.format(
        Locale.ROOT, "%.0f ms / %.0f ms", p50.getAsDouble() * 1000, p99.getAsDouble() * 1000);
  }

  private static String quantiles(MetricsText m, String name) {
    OptionalDouble p50 = m.sum(name, l -> "0.5".equals(l.get("quantile")));
    OptionalDouble p99 = m.sum(name, l -> "0.99".equals(l.get("quantile")));
    if (p50.isEmpty() || p99.isEmpty()) {
      return "not exposed";
    }
    return String.format(
        Locale.ROOT, "%.1f ms / %.1f ms", p50.getAsDouble() * 1000, p99.getAsDouble() * 1000);
  }

  private static String[] row(String measure, String value, String note) {
    return new String[] {measure, value, note};
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }
}
