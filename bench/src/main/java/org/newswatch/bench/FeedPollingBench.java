package org.newswatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.EmbeddedKafkaBroker;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.ingest.IngestOptions;
import org.newswatch.ingest.IngestService;
import org.newswatch.ingest.feed.FeedStatus;

/**
 * One ingest-service instance (the real {@link IngestService}: scheduler, poller, fetcher with its
 * per-host politeness, extractor, dedup store, Kafka producer) polling thousands of RSS feeds
 * served on loopback, with an in-process Kafka broker. Three cycles are timed:
 *
 * <ol>
 *   <li><b>cold</b>: from the service's start until every feed was polled once; every item is new,
 *       so each item's page is fetched, extracted and published. The scheduler spreads first polls
 *       in 20 ms slots over its initial spread (60 s by default), so this cycle cannot be shorter.
 *   <li><b>304</b>: every feed made due at once ({@link IngestService#pollNow}, what {@code POST
 *       /api/feeds/{id}/poll} calls); nothing changed, so every conditional GET answers 304.
 *   <li><b>steady</b>: the same, after a share of the feeds (10 % by default) gained one item:
 *       those answer 200 and have one page fetched, the rest 304.
 * </ol>
 *
 * A cycle ends when every feed's status shows the poll. Each cycle reports wall time, polls per
 * second and CPU seconds; the peak heap is sampled. The publishers' servers ({@link FeedSites}) run
 * in a child process on many loopback addresses, one per publisher, so that politeness (2 requests
 * in flight and 250 ms between request starts per host) applies as on the real web and their CPU is
 * not counted as the service's.
 *
 * <p>Call {@link #run(Options)} (or {@link #run(int)}) for the table rows {measure, value, note};
 * {@code main} prints them as a markdown table. Flags: {@code --feeds N} (5,000), {@code --sites N}
 * (500), {@code --items N} (3), {@code --workers N} (poll workers, 64), {@code --changed P} (share
 * of feeds with a new item in the steady cycle, 0.1), {@code --spread S} (first-poll spread in
 * seconds, 60 as shipped).
 */
public final class FeedPollingBench {
  private static final Pattern METRIC =
      Pattern.compile(
          "^(newswatch_ingest_\\w+)\\{[^}]*?(outcome|result)=\"([^\"]+)\"[^}]*}\\s+(\\S+)$");

  /** A cycle that has not ended after this long is a failure, not a slow result. */
  private static final Duration CYCLE_LIMIT = Duration.ofMinutes(30);

  private FeedPollingBench() {}

  /**
   * @param feeds feeds polled by the one instance
   * @param sites publishers (loopback hosts) the feeds are spread over, round-robin
   * @param items items per feed, each linking to a page on the feed's host
   * @param workers the ingest-service's poll workers ({@link IngestOptions#workers}; shipped
   *     default 8)
   * @param changedShare share of the feeds that gain one item before the steady cycle
   * @param spread the scheduler's first-poll spread ({@link IngestOptions#initialSpread}; shipped
   *     default 60 s)
   */
  public record Options(
      int feeds, int sites, int items, int workers, double changedShare, Duration spread) {
    public Options {
      if (feeds < 1 || sites < 1 || items < 1 || sites > FeedCorpus.MAX_SITES) {
        throw new IllegalArgumentException(
            "feeds, sites and items must be at least 1, sites at most " + FeedCorpus.MAX_SITES);
      }
      if (workers < 1 || workers > 256) {
        throw new IllegalArgumentException("workers must be 1-256, was " + workers);
      }
      if (!(changedShare > 0 && changedShare <= 1)) {
        throw new IllegalArgumentException("changed share must be in (0, 1], was " + changedShare);
      }
      sites = Math.min(sites, feeds);
    }

    public static Options defaults() {
      return new Options(5_000, 500, 3, 64, 0.1, IngestOptions.defaults().initialSpread());
    }

    public static Options parse(String[] args) {
      Options d = defaults();
      int feeds = d.feeds(), sites = d.sites(), items = d.items(), workers = d.workers();
      double changed = d.changedShare();
      Duration spread = d.spread();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i].replace("_", "").replace(",", "");
        switch (flag) {
          case "--feeds" -> feeds = Integer.parseInt(value);
          case "--sites" -> sites = Integer.parseInt(value);
          case "--items" -> items = Integer.parseInt(value);
          case "--workers" -> workers = Integer.parseInt(value);
          case "--changed" -> changed = Double.parseDouble(value);
          case "--spread" -> spread = Duration.ofSeconds(Long.parseLong(value));
          default ->
              throw new IllegalArgumentException(
                  "unknown flag "
                      + flag
                      + "; use --feeds N --sites N --items N --workers N --changed SHARE --spread SECONDS");
        }
      }
      return new Options(feeds, sites, items, workers, changed, spread);
    }
  }

  /** One timed cycle. */
  record Cycle(
      String name,
      double seconds,
      int polls,
      double processCpu,
      double pollingCpu,
      double sitesCpu) {
    double pollsPerSecond() {
      return polls / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    quietLogs();
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("feed-polling bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<String[]> rows = run(options);
    System.out.printf(
        Locale.ROOT,
        "Newswatch feed-polling bench: %d cores, Java %s%n%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    System.out.print(markdown(rows));
  }

  /** The rows with the other options at their defaults. */
  public static List<String[]> run(int feeds) throws Exception {
    Options d = Options.defaults();
    return run(new Options(feeds, d.sites(), d.items(), d.workers(), d.changedShare(), d.spread()));
  }

  /** Runs the three cycles and returns the table rows, each {measure, value, note}. */
  public static List<String[]> run(Options o) throws Exception {
    quietLogs();
    Path work = Files.createTempDirectory("newswatch-feed-bench");
    try {
      return runIn(o, work);
    } finally {
      IndexingBench.delete(work);
    }
  }

  /** Rows as a markdown table of three columns. */
  public static String markdown(List<String[]> rows) {
    StringBuilder t = new StringBuilder("| measure | value | note |\n|---|---|---|\n");
    for (String[] r : rows) {
      t.append("| ")
          .append(r[0])
          .append(" | ")
          .append(r[1])
          .append(" | ")
          .append(r[2])
          .append(" |\n");
    }
    return t.toString();
  }

  private static List<String[]> runIn(Options o, Path work) throws Exception {
    System.err.printf(
        Locale.ROOT,
        "feed-polling bench: %,d feeds on %,d loopback hosts, %d items each, %d workers%n",
        o.feeds(),
        o.sites(),
        o.items(),
        o.workers());
    try (FeedSitesProcess sites = FeedSitesProcess.start(o.feeds(), o.sites(), o.items());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
      Topics topics = new Topics("bench.");
      TopicAdmin.ensure(broker.bootstrapServers(), topics, Duration.ofSeconds(60));
      // 30m: the poller's own rhythm (learned from the items, 3 h apart) keeps feeds from coming
      // due
      // again during the run; the bench makes them due itself.
      Path feedsFile =
          writeFeedsFile(sites, o.feeds(), o.sites(), "30m", work.resolve("feeds.yaml"));
      String adminKey = UUID.randomUUID().toString();
      ServiceContext ctx =
          new ServiceContext(
              broker.bootstrapServers(), topics, work.resolve("ingest"), 0, true, adminKey, null);
      IngestOptions d = IngestOptions.defaults();
      IngestOptions options =
          new IngestOptions(o.workers(), o.spread(), d.bounds(), d.fetchLimits(), d.clock(), null);
      List<String> ids = new ArrayList<>(o.feeds());
      for (int f = 0; f < o.feeds(); f++) {
        ids.add(FeedCorpus.feedId(f));
      }

      try (ResourceMeter meter = new ResourceMeter()) {
        ResourceMeter.Mark before = meter.mark();
        Duration sitesBefore = sites.cpu();
        long t0 = System.nanoTime();
        try (IngestService service = IngestService.start(ctx, feedsFile, options)) {
          double startSeconds = seconds(t0);
          System.err.printf(
              Locale.ROOT,
              "feed-polling bench: service started in %.1f s; cold cycle …%n",
              startSeconds);
          Cycle cold =
              awaitCycle("cold", service, ids, 1, t0, before, sitesBefore, meter, sites, Map.of());
          Span span = firstPollSpan(service, ids);

          System.err.println("feed-polling bench: 304 cycle …");
          Cycle notModified = pollAll("304", service, ids, 2, meter, sites);

          int changed = sites.advance(o.changedShare());
          System.err.printf(
              Locale.ROOT,
              "feed-polling bench: steady cycle (%,d feeds with a new item) …%n",
              changed);
          Cycle steady = pollAll("steady", service, ids, 3, meter, sites);

          Map<String, Double> metrics =
              scrape(URI.create("http://127.0.0.1:" + service.port() + "/metrics"), null);
          long apiStart = System.nanoTime();
          String feedsJson =
              get(URI.create("http://127.0.0.1:" + service.port() + "/api/feeds"), adminKey);
          double apiSeconds = seconds(apiStart);
          int listed = count(feedsJson, "\"polls\":3");
          long live = meter.liveHeapAfterGc();
          FeedSitesProcess.Served served = sites.served();
          return rows(
              o,
              startSeconds,
              cold,
              span,
              notModified,
              changed,
              steady,
              metrics,
              served,
              apiSeconds,
              listed,
              live,
              meter.peakHeap(),
              meter.maxHeap(),
              ResourceMeter.peakRssBytes());
        }
      }
    }
  }

  /**
   * The feeds file an operator would write for the sites' feeds, each with this polling interval
   * ("30m").
   */
  static Path writeFeedsFile(
      FeedSitesProcess sites, int feeds, int siteCount, String interval, Path file)
      throws IOException {
    StringBuilder yaml = new StringBuilder(feeds * 120).append("feeds:\n");
    for (int f = 0; f < feeds; f++) {
      yaml.append("  - id: ")
          .append(FeedCorpus.feedId(f))
          .append('\n')
          .append("    url: ")
          .append(sites.feedUrl(f))
          .append('\n')
          .append("    source: Bench site ")
          .append(f % siteCount)
          .append('\n')
          .append("    language: en\n    interval: ")
          .append(interval)
          .append('\n');
    }
    return Files.writeString(file, yaml, StandardCharsets.UTF_8);
  }

  /** Makes every feed due now and waits until each shows its {@code round}-th poll. */
  private static Cycle pollAll(
      String name,
      IngestService service,
      List<String> ids,
      int round,
      ResourceMeter meter,
      FeedSitesProcess sites)
      throws Exception {
    ResourceMeter.Mark before = meter.mark();
    Duration sitesBefore = sites.cpu();
    Map<String, Instant> nextBefore = nextPolls(service, ids);
    long t0 = System.nanoTime();
    for (String id : ids) {
      if (!service.pollNow(id)) {
        throw new IllegalStateException("the service does not poll feed " + id);
      }
    }
    return awaitCycle(name, service, ids, round, t0, before, sitesBefore, meter, sites, nextBefore);
  }

  /**
   * Waits, checking every 20 ms, until every feed has had its {@code round}-th poll and been
   * rescheduled. The status counts a poll a moment before the scheduler marks the feed idle, and
   * {@link IngestService#pollNow} on a feed still marked busy is overwritten by its reschedule; so
   * a feed counts as done only once its next-poll time moved: past its last poll for the first
   * round, away from the time it had when the cycle began for the others.
   */
  private static Cycle awaitCycle(
      String name,
      IngestService service,
      List<String> ids,
      int round,
      long t0,
      ResourceMeter.Mark before,
      Duration sitesBefore,
      ResourceMeter meter,
      FeedSitesProcess sites,
      Map<String, Instant> nextBefore)
      throws Exception {
    List<String> waiting = new ArrayList<>(ids);
    long deadline = t0 + CYCLE_LIMIT.toNanos();
    long nextReport = System.nanoTime() + 10_000_000_000L;
    while (!waiting.isEmpty()) {
      waiting.removeIf(
          id ->
              service
                  .statuses()
                  .get(id)
                  .filter(s -> done(s, round, nextBefore.get(id)))
                  .isPresent());
      if (waiting.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " cycle: " + waiting.size() + " feeds not polled after " + CYCLE_LIMIT);
      }
      if (System.nanoTime() > nextReport) {
        System.err.printf(
            Locale.ROOT,
            "feed-polling bench: %s cycle, %,d of %,d feeds polled after %.0f s%n",
            name,
            ids.size() - waiting.size(),
            ids.size(),
            seconds(t0));
        nextReport += 10_000_000_000L;
      }
      Thread.sleep(20);
    }
    double wall = seconds(t0);
    ResourceMeter.Mark after = meter.mark();
    double sitesCpu = (sites.cpu().toNanos() - sitesBefore.toNanos()) / 1e9;
    return new Cycle(
        name,
        wall,
        ids.size(),
        (after.processCpuNanos() - before.processCpuNanos()) / 1e9,
        (after.pollingCpuNanos() - before.pollingCpuNanos()) / 1e9,
        sitesCpu);
  }

  private static boolean done(FeedStatus s, int round, Instant nextBefore) {
    if (s.polls() < round || s.nextPollAt() == null || s.lastPollAt() == null) {
      return false;
    }
    return nextBefore == null
        ? s.nextPollAt().isAfter(s.lastPollAt())
        : !s.nextPollAt().equals(nextBefore);
  }

  private static Map<String, Instant> nextPolls(IngestService service, List<String> ids) {
    Map<String, Instant> next = new java.util.HashMap<>();
    for (String id : ids) {
      next.put(id, service.statuses().get(id).map(FeedStatus::nextPollAt).orElseThrow());
    }
    return next;
  }

  /** When the first and the last first poll started, from the feeds' statuses. */
  record Span(Instant first, Instant last) {
    double seconds() {
      return Duration.between(first, last).toMillis() / 1000.0;
    }
  }

  private static Span firstPollSpan(IngestService service, List<String> ids) {
    Instant first = null;
    Instant last = null;
    for (String id : ids) {
      Instant at = service.statuses().get(id).map(FeedStatus::lastPollAt).orElseThrow();
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }
    return new Span(first, last);
  }

  private static List<String[]> rows(
      Options o,
      double startSeconds,
      Cycle cold,
      Span span,
      Cycle notModified,
      int changed,
      Cycle steady,
      Map<String, Double> m,
      FeedSitesProcess.Served served,
      double apiSeconds,
      int listed,
      long liveHeap,
      long peakHeap,
      long maxHeap,
      long peakRss) {
    List<String[]> rows = new ArrayList<>();
    String feeds = String.format(Locale.ROOT, "%,d", o.feeds());
    rows.add(
        row(
            "feed polling setup",
            feeds
                + " RSS feeds on "
                + String.format(Locale.ROOT, "%,d", o.sites())
                + " loopback hosts, "
                + o.items()
                + " items each",
            "one ingest-service ("
                + o.workers()
                + " poll workers; shipped default "
                + IngestOptions.defaults().workers()
                + "), in-process Kafka broker; each publisher on its own address "
                + FeedCorpus.host(0)
                + "–"
                + FeedCorpus.host(o.sites() - 1)
                + " (per-host politeness: 2 in flight, 250 ms apart), served gzipped with ETag/Last-Modified by a separate process; items link to ~350-word pages on the feed's host"));
    rows.add(
        row(
            "ingest-service start, " + feeds + " feeds seeded into news.feeds",
            secs(startSeconds),
            "from the feeds file, one acknowledged write per feed"));
    rows.add(
        cycleRow(
            cold,
            "cold cycle: every feed polled once, all items new (page fetched, extracted, published)",
            String.format(
                Locale.ROOT,
                "from start() returning; %,.0f new articles (%,.0f articles/s); first polls started over %.1f s (first-poll spread %d s in 20 ms slots)",
                m.getOrDefault("newswatch_ingest_items_total/new", 0.0),
                m.getOrDefault("newswatch_ingest_items_total/new", 0.0) / cold.seconds(),
                span.seconds(),
                o.spread().toSeconds())));
    rows.add(
        cycleRow(
            notModified,
            "304 cycle: every feed due at once, nothing changed",
            String.format(
                Locale.ROOT,
                "conditional GETs; %,.0f polls answered 304 in all",
                m.getOrDefault("newswatch_ingest_polls_total/not-modified", 0.0))));
    rows.add(
        cycleRow(
            steady,
            String.format(
                Locale.ROOT,
                "steady cycle: every feed due at once, %.0f %% had one new item",
                100.0 * changed / o.feeds()),
            String.format(
                Locale.ROOT,
                "%,d feeds answered 200 and had one page fetched, the rest 304",
                changed)));
    for (Cycle c : List.of(cold, notModified, steady)) {
      rows.add(
          row(
              "CPU seconds, " + c.name() + " cycle",
              String.format(
                  Locale.ROOT,
                  "%.1f s process (%.0f %% of %d cores); %.1f s polling threads",
                  c.processCpu(),
                  100 * c.processCpu() / c.seconds() / Runtime.getRuntime().availableProcessors(),
                  Runtime.getRuntime().availableProcessors(),
                  c.pollingCpu()),
              String.format(
                  Locale.ROOT,
                  "process = ingest-service + embedded Kafka broker + GC/JIT (OperatingSystemMXBean); polling threads = feed-poller-*, feed-scheduler, HttpClient-* (ThreadMXBean); the sites' process used %.1f s more",
                  c.sitesCpu())));
    }
    rows.add(
        row(
            "peak heap used during the run",
            mb(peakHeap),
            "used heap sampled every "
                + ResourceMeter.SAMPLE_MS
                + " ms (MemoryMXBean), garbage not yet collected included; max heap "
                + mb(maxHeap)
                + " (JVM default); the in-process broker shares the heap"));
    rows.add(
        row(
            "heap live after the run (after a full GC)",
            mb(liveHeap),
            "the service with "
                + feeds
                + " feeds' status, state and dedup entries, plus the broker"));
    rows.add(
        row(
            "peak resident memory of the process",
            peakRss < 0 ? "not measured" : mb(peakRss),
            "VmHWM of /proc/self/status: heap, metaspace, thread stacks, Kafka's buffers"));
    rows.add(
        row(
            "GET /api/feeds with " + feeds + " feeds",
            String.format(Locale.ROOT, "%.0f ms", apiSeconds * 1000),
            String.format(Locale.ROOT, "%,d of %,d feeds listed with 3 polls", listed, o.feeds())));
    rows.add(
        row(
            "polls by outcome (/metrics); what the sites served",
            outcomes(m),
            String.format(
                Locale.ROOT,
                "sites: %,d feeds 200, %,d feeds 304, %,d pages, %,d not found",
                served.feeds200(),
                served.feeds304(),
                served.pages(),
                served.notFound())));
    return rows;
  }

  private static String[] cycleRow(Cycle c, String measure, String note) {
    return row(
        measure,
        String.format(Locale.ROOT, "%s; %,.0f polls/s", secs(c.seconds()), c.pollsPerSecond()),
        note);
  }

  private static String outcomes(Map<String, Double> m) {
    StringBuilder b = new StringBuilder();
    m.forEach(
        (k, v) -> {
          if (k.startsWith("newswatch_ingest_polls_total/")) {
            b.append(b.isEmpty() ? "" : ", ")
                .append(k.substring(k.indexOf('/') + 1))
                .append(' ')
                .append(String.format(Locale.ROOT, "%,.0f", v));
          }
        });
    return b.toString();
  }

  private static String[] row(String measure, String value, String note) {
    return new String[] {measure, value, note};
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String mb(long bytes) {
    return Memory.mb(bytes);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The service's counters by name and outcome/result label, e.g. {@code
   * newswatch_ingest_polls_total/ok}.
   */
  static Map<String, Double> scrape(URI metrics, String key) throws IOException {
    Map<String, Double> values = new java.util.TreeMap<>();
    for (String line : get(metrics, key).split("\n")) {
      Matcher m = METRIC.matcher(line);
      if (m.matches() && m.group(1).endsWith("_total")) {
        values.put(m.group(1) + "/" + m.group(3), Double.parseDouble(m.group(4)));
      }
    }
    return values;
  }

  /**
   * A GET with {@link HttpURLConnection}, which starts no {@code HttpClient-*} threads (see {@link
   * ResourceMeter}).
   */
  static String get(URI uri, String bearer) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(60_000);
    if (bearer != null) {
      c.setRequestProperty("Authorization", "Bearer " + bearer);
    }
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  /**
   * The broker logs much at INFO; the bench's own progress goes to stderr. Only effective before
   * the first logger.
   */
  private static void quietLogs() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }
}
