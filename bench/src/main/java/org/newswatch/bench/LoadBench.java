package org.newswatch.bench;

import java.io.IOException;
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
import java.util.OptionalDouble;
import java.util.UUID;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.EmbeddedKafkaBroker;

/**
 * The load test: the all-in-one ({@code newswatch-all.jar run}, a child process) on thousands of
 * loopback feeds that keep publishing, with analysts' subscriptions, for a few minutes.
 *
 * <p>The feeds are {@link FeedCorpus#live}: every feed gains one item per {@code gap} (its phase
 * spread over the gap), each item linking to a ~350-word page on the feed's own loopback host,
 * served by {@link FeedSites} in a process of its own. The all-in-one reads them from a feeds file
 * (interval 1m) and polls them on its own schedule: half the rhythm it learns from the items'
 * dates, at least a minute apart. The Kafka broker runs in this JVM (an ephemeral port, given as
 * NEWSWATCH_KAFKA) unless {@code --load-embedded-kafka}, so the child's memory is the three
 * services' alone. An analyst is made and subscribes through the alert-service's API; the admin
 * follows the alert stream (SSE) here.
 *
 * <p>Phases: start (until every service's /health is 200: seeding the feeds, opening the index);
 * warm-up (the first poll of every feed finds all its listed items new: a burst of {@code feeds ×
 * items} articles, waited out until lags are small, not measured); the measured window of {@code
 * --load-minutes}; a grace period in which alerts for items served during the window may still
 * arrive. Every few seconds the services' /metrics, the consumer groups' lag and the child's
 * resident memory are sampled.
 *
 * <p>Alert latency is measured from the moment the sites first served the item in its feed (so the
 * service could first know of it) to the alert's arrival on the stream; and, for comparison, from
 * the item's publication time, which adds the wait for the next poll.
 */
public final class LoadBench {
  /** Between samples of metrics, lag and memory. */
  static final Duration SAMPLE = Duration.ofSeconds(5);

  private static final Duration START_LIMIT = Duration.ofMinutes(10);

  /** After the window, alerts for the window's items may still arrive this long. */
  static final Duration GRACE = Duration.ofSeconds(60);

  private LoadBench() {}

  /**
   * @param minutes the measured window
   * @param feeds loopback feeds in the feeds file
   * @param subscriptions analysts' subscriptions ({@link LoadSubscriptions})
   * @param sites publishers (loopback hosts) the feeds are spread over
   * @param items items each feed lists (all new at its first poll)
   * @param gap each feed publishes one item per gap
   * @param warmupLimit the warm-up ends by then even if the burst has not drained (the table says
   *     so)
   * @param appJar the all-in-one jar
   * @param embeddedKafka let the all-in-one start its own broker (its memory then counts too)
   * @param javaOpts JVM flags for the all-in-one, e.g. {@code -Xmx1g} (none: the JVM's defaults)
   */
  public record Options(
      int minutes,
      int feeds,
      int subscriptions,
      int sites,
      int items,
      Duration gap,
      Duration warmupLimit,
      Path appJar,
      boolean embeddedKafka,
      List<String> javaOpts) {
    public Options {
      if (minutes < 1
          || feeds < 1
          || subscriptions < 0
          || sites < 1
          || items < 3
          || sites > FeedCorpus.MAX_SITES) {
        throw new IllegalArgumentException(
            "minutes and feeds at least 1, subscriptions at least 0, items at least 3"
                + " (the poller learns a rhythm from three dates), sites 1-"
                + FeedCorpus.MAX_SITES);
      }
      if (gap.toSeconds() < 10) {
        throw new IllegalArgumentException(
            "the publishing gap must be at least 10 s, was " + gap.toSeconds() + " s");
      }
      sites = Math.min(sites, feeds);
      javaOpts = List.copyOf(javaOpts);
    }

    static Options defaults() {
      return new Options(
          3,
          10_000,
          100,
          500,
          3,
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          defaultJar(),
          false,
          List.of());
    }

    /** Published items per second, all feeds together. */
    double publishedPerSecond() {
      return feeds / (gap.toMillis() / 1000.0);
    }

    /**
     * The load-test flags ({@code --load} itself is accepted and ignored): {@code --load-minutes N}
     * (3), {@code --load-feeds N} (10,000), {@code --load-subscriptions N} (100), {@code
     * --load-sites N} (500), {@code --load-items N} (3), {@code --load-gap SECONDS} (120), {@code
     * --load-warmup-limit MINUTES} (10), {@code --load-app-jar PATH}, {@code
     * --load-embedded-kafka}, {@code --load-java-opts "-Xmx1g …"} (flags for the all-in-one's JVM,
     * split at spaces).
     */
    public static Options parse(String[] args) {
      Options d = defaults();
      int minutes = d.minutes(),
          feeds = d.feeds(),
          subscriptions = d.subscriptions(),
          sites = d.sites(),
          items = d.items();
      Duration gap = d.gap(), warmup = d.warmupLimit();
      Path jar = d.appJar();
      boolean embedded = false;
      List<String> javaOpts = d.javaOpts();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--load")) {
          continue;
        }
        if (flag.equals("--load-embedded-kafka")) {
          embedded = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--load-minutes" -> minutes = number(flag, value);
          case "--load-feeds" -> feeds = number(flag, value);
          case "--load-subscriptions" -> subscriptions = number(flag, value);
          case "--load-sites" -> sites = number(flag, value);
          case "--load-items" -> items = number(flag, value);
          case "--load-gap" -> gap = Duration.ofSeconds(number(flag, value));
          case "--load-warmup-limit" -> warmup = Duration.ofMinutes(number(flag, value));
          case "--load-app-jar" -> jar = Path.of(value);
          case "--load-java-opts" ->
              javaOpts = value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
          default ->
              throw new IllegalArgumentException(
                  "unknown flag "
                      + flag
                      + "; with --load use --load-minutes N --load-feeds N"
                      + " --load-subscriptions N --load-sites N --load-items N --load-gap SECONDS --load-warmup-limit MINUTES"
                      + " --load-app-jar PATH --load-embedded-kafka --load-java-opts \"FLAGS\"");
        }
      }
      return new Options(
          minutes, feeds, subscriptions, sites, items, gap, warmup, jar, embedded, javaOpts);
    }

    private static int number(String flag, String value) {
      try {
        return Integer.parseInt(value.replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " needs a whole number, was '" + value + "'");
      }
    }
  }

  /**
   * Where {@code ./mvnw package} puts the all-in-one: app/target beside the bench module of the jar
   * this class came from (bench/target/newswatch-bench.jar), else app/target under the working
   * folder.
   */
  static Path defaultJar() {
    try {
      Path here =
          Path.of(LoadBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // bench/target/newswatch-bench.jar or bench/target/classes → the checkout is three levels up
      Path root = here.getParent() == null ? null : here.getParent().getParent();
      root = root == null ? null : root.getParent();
      if (root != null) {
        Path jar = root.resolve("app/target/newswatch-all.jar");
        if (Files.isRegularFile(jar)) {
          return jar;
        }
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // an unusual class path: fall back to the working folder
    }
    return Path.of("app/target/newswatch-all.jar").toAbsolutePath();
  }

  /** One sample of everything that varies: lags, memory, counters. */
  /**
   * @param recordsLag per service, its Kafka consumers' {@code
   *     kafka_consumer_fetch_manager_records_lag} summed over partitions (absent: not exposed)
   */
  record Sample(
      long atMillis,
      double indexLag,
      Map<String, Long> groupLags,
      Map<String, Double> recordsLag,
      long rss,
      double heapUsed,
      long unpolled) {}

  /** The counters at one moment, for rates over the window. */
  record Counters(
      long atNanos,
      double indexed,
      double polls,
      double newItems,
      double alertsEmitted,
      double alertArticles,
      double sameStory,
      Duration childCpu) {}

  /** Runs the load test and returns the table rows {measure, value, note}. */
  public static List<String[]> run(Options o) throws Exception {
    Path work = Files.createTempDirectory("newswatch-load");
    try {
      return runIn(o, work);
    } finally {
      IndexingBench.delete(work);
    }
  }

  private static List<String[]> runIn(Options o, Path work) throws Exception {
    if (!Files.isRegularFile(o.appJar())) {
      throw new IllegalStateException(
          "the all-in-one jar "
              + o.appJar()
              + " is missing; build it with ./mvnw -B -o -q package -DskipTests");
    }
    String load0 = loadAverage();
    System.err.printf(
        Locale.ROOT,
        "load test: %,d feeds on %,d loopback hosts, one item per feed every %d s (%.1f items/s), %d subscriptions, %d min measured; load average %s%n",
        o.feeds(),
        o.sites(),
        o.gap().toSeconds(),
        o.publishedPerSecond(),
        o.subscriptions(),
        o.minutes(),
        load0);
    EmbeddedKafkaBroker broker =
        o.embeddedKafka() ? null : EmbeddedKafkaBroker.start(work.resolve("kafka"), 0);
    try (broker) {
      Instant epoch = Instant.now();
      try (FeedSitesProcess sites =
          FeedSitesProcess.startLive(o.feeds(), o.sites(), o.items(), o.gap(), epoch)) {
        // interval 1m: the first polls' rhythm until the items' dates tell the poller the feed's
        // own.
        Path feedsFile =
            FeedPollingBench.writeFeedsFile(
                sites, o.feeds(), o.sites(), "1m", work.resolve("feeds.yaml"));
        String adminKey = "load-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        // The child's GC log gives its heap whether or not the services export JVM metrics.
        List<String> jvm = new ArrayList<>(o.javaOpts());
        jvm.add("-Xlog:gc:file=" + work.resolve("gc.log") + ":uptime");
        AllInOneProcess app =
            AllInOneProcess.start(
                o.appJar(),
                work.resolve("data"),
                feedsFile,
                broker == null ? null : broker.bootstrapServers(),
                adminKey,
                jvm);
        try {
          List<String[]> rows = drive(o, work, sites, app, adminKey, t0, broker, load0);
          rows.add(LoadReport.gcRow(GcLog.read(work.resolve("gc.log")), o.javaOpts()));
          return rows;
        } catch (RuntimeException | IOException e) {
          System.err.println("load test: failed; the all-in-one's log ends:\n" + app.tail(30));
          throw e;
        } finally {
          app.close();
          System.err.println(
              "load test: the all-in-one stopped (exit status " + app.exitStatus() + ")");
        }
      }
    }
  }

  private static List<String[]> drive(
      Options o,
      Path work,
      FeedSitesProcess sites,
      AllInOneProcess app,
      String adminKey,
      long t0,
      EmbeddedKafkaBroker broker,
      String load0)
      throws Exception {
    AllInOneProcess.Ports p = app.ports();
    app.awaitHealthy(START_LIMIT);
    double startSeconds = seconds(t0);
    System.err.printf(
        Locale.ROOT,
        "load test: the all-in-one (pid %d) is healthy after %.1f s; subscribing …%n",
        app.pid(),
        startSeconds);
    String bootstrap = broker != null ? broker.bootstrapServers() : kafkaFromLog(app);
    URI alert = URI.create("http://127.0.0.1:" + p.alert());
    long s0 = System.nanoTime();
    String analystKey =
        Json.MAPPER
            .readTree(
                JsonRequests.send(
                    "POST",
                    alert.resolve("/api/analysts"),
                    adminKey,
                    "{\"name\":\"Load test analyst\"}",
                    201))
            .path("apiKey")
            .asText();
    for (LoadSubscriptions.Query q : LoadSubscriptions.generate(o.subscriptions(), 2026_11_28L)) {
      String body =
          Json.MAPPER.writeValueAsString(
              Map.of("name", q.name(), "query", q.query(), "schedule", "immediate"));
      JsonRequests.sendRetryingUnauthorized(alert.resolve("/api/subscriptions"), analystKey, body);
    }
    double subscribeSeconds = seconds(s0);

    try (AlertStreamReader stream =
            AlertStreamReader.connect(alert.resolve("/api/alerts/stream"), adminKey);
        GroupLag groups = new GroupLag(bootstrap)) {
      List<Sample> samples = new ArrayList<>();
      WarmUp warm = awaitWarm(o, p, app, groups, sites, samples);
      System.err.printf(
          Locale.ROOT,
          "load test: warm-up over after %.0f s; measuring %d min …%n",
          warm.seconds(),
          o.minutes());

      samples.clear();
      long windowStartMillis = System.currentTimeMillis();
      Counters before = counters(p, app);
      MetricsText alertBefore = scrape(p.alert());
      long end = System.nanoTime() + Duration.ofMinutes(o.minutes()).toNanos();
      long nextReport = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(SAMPLE.toMillis());
        samples.add(sample(p, app, groups, sites));
        checkAlive(app, stream);
        if (System.nanoTime() > nextReport) {
          Sample s = samples.get(samples.size() - 1);
          System.err.printf(
              Locale.ROOT,
              "load test: %.0f s left; index lag %.0f, group lags %s, published not yet polled %,d, RSS %s%n",
              (end - System.nanoTime()) / 1e9,
              s.indexLag(),
              s.groupLags(),
              s.unpolled(),
              Memory.mb(s.rss()));
          nextReport += 30_000_000_000L;
        }
      }
      Counters after = counters(p, app);
      long windowEndMillis = System.currentTimeMillis();
      String load1 = loadAverage();
      MetricsText alertMetrics = scrape(p.alert());
      System.err.printf(
          Locale.ROOT,
          "load test: window over; %d s of grace for the window's alerts …%n",
          GRACE.toSeconds());
      Thread.sleep(GRACE.toMillis());
      Sample last = sample(p, app, groups, sites);
      Map<Long, Long> firstServed = sites.firstServed();
      LoadReport.Latencies latencies =
          LoadReport.Latencies.of(
              stream.arrivals(), firstServed, sites::published, windowStartMillis, windowEndMillis);
      return LoadReport.rows(
          o,
          startSeconds,
          subscribeSeconds,
          warm,
          before,
          after,
          samples,
          last,
          latencies,
          alertBefore,
          alertMetrics,
          stream.arrivals(),
          sites.served(),
          broker != null,
          load0,
          load1,
          app);
    }
  }

  /** The warm-up's end: its length and the articles indexed by then. */
  record WarmUp(double seconds, double indexed, boolean drained) {}

  /**
   * Waits until every feed was polled once and the first polls' burst is through: the index's lag
   * and every group's lag under ten seconds of publishing (at least 200 records), and the items
   * published but not yet polled no more than one poll interval's worth (the poller caught up with
   * what was published while it worked through the burst).
   */
  private static WarmUp awaitWarm(
      Options o,
      AllInOneProcess.Ports p,
      AllInOneProcess app,
      GroupLag groups,
      FeedSitesProcess sites,
      List<Sample> samples)
      throws Exception {
    long t0 = System.nanoTime();
    long limit = t0 + o.warmupLimit().toNanos();
    double bound = Math.max(200, 10 * o.publishedPerSecond());
    long nextReport = t0 + 15_000_000_000L;
    while (true) {
      Thread.sleep(SAMPLE.toMillis());
      Sample s = sample(p, app, groups, sites);
      samples.add(s);
      double polls = scrape(p.ingest()).sum("newswatch_ingest_polls_total").orElse(0);
      double indexed = scrape(p.index()).sum("newswatch_index_documents_indexed_total").orElse(0);
      long groupLag = s.groupLags().values().stream().mapToLong(Long::longValue).max().orElse(0);
      double steadyBacklog = o.publishedPerSecond() * pollSeconds(o);
      boolean drained =
          polls >= o.feeds()
              && s.indexLag() >= 0
              && s.indexLag() <= bound
              && groupLag <= bound
              && s.unpolled() <= steadyBacklog;
      if (drained || System.nanoTime() > limit) {
        return new WarmUp(seconds(t0), indexed, drained);
      }
      if (!app.alive()) {
        throw new IllegalStateException("the all-in-one exited during the warm-up");
      }
      if (System.nanoTime() > nextReport) {
        System.err.printf(
            Locale.ROOT,
            "load test: warming up, %.0f s: %,.0f polls, %,.0f indexed, index lag %.0f, group lags %s, published not yet polled %,d%n",
            seconds(t0),
            polls,
            indexed,
            s.indexLag(),
            s.groupLags(),
            s.unpolled());
        nextReport += 15_000_000_000L;
      }
    }
  }

  /**
   * @param sites for the items published but not yet carried by any feed document the poller
   *     fetched: the poller's backlog (in steady state about the publishing rate × the wait for a
   *     poll)
   */
  /** The poll interval the poller settles on: half the feeds' rhythm, a minute at least. */
  static long pollSeconds(Options o) {
    return Math.max(60, o.gap().toSeconds() / 2);
  }

  private static Sample sample(
      AllInOneProcess.Ports p, AllInOneProcess app, GroupLag groups, FeedSitesProcess sites)
      throws Exception {
    MetricsText index = scrape(p.index());
    Map<String, Double> recordsLag = new java.util.TreeMap<>();
    double heap = Double.NaN;
    Map<String, Integer> services =
        Map.of(
            "ingest-service", p.ingest(), "index-service", p.index(), "alert-service", p.alert());
    for (Map.Entry<String, Integer> service : services.entrySet()) {
      MetricsText m = service.getValue() == p.index() ? index : scrape(service.getValue());
      m.sum("kafka_consumer_fetch_manager_records_lag")
          .ifPresent(lag -> recordsLag.put(service.getKey(), lag));
      // One JVM: every service's registry reports the same heap; the largest reading is kept.
      OptionalDouble h =
          m.sum("jvm_memory_used_bytes", labels -> "heap".equals(labels.get("area")));
      if (h.isPresent()) {
        heap = Double.isNaN(heap) ? h.getAsDouble() : Math.max(heap, h.getAsDouble());
      }
    }
    long unpolled = sites.itemsPublished(Instant.now()) - sites.served().itemsServed();
    return new Sample(
        System.currentTimeMillis(),
        index.sum("newswatch_index_lag").orElse(-1),
        groups.lags(),
        recordsLag,
        app.rssBytes().orElse(-1),
        heap,
        unpolled);
  }

  private static Counters counters(AllInOneProcess.Ports p, AllInOneProcess app)
      throws IOException {
    MetricsText ingest = scrape(p.ingest());
    MetricsText index = scrape(p.index());
    MetricsText alert = scrape(p.alert());
    return new Counters(
        System.nanoTime(),
        index.sum("newswatch_index_documents_indexed_total").orElse(0),
        ingest.sum("newswatch_ingest_polls_total").orElse(0),
        ingest.sum("newswatch_ingest_items_total", l -> "new".equals(l.get("result"))).orElse(0),
        alert.sum("newswatch_alert_alerts_emitted_total").orElse(0),
        alert.sum("newswatch_alert_articles_total").orElse(0),
        alert.sum("newswatch_alert_duplicates_total").orElse(0),
        app.cpu());
  }

  static MetricsText scrape(int port) throws IOException {
    return MetricsText.parse(
        FeedPollingBench.get(URI.create("http://127.0.0.1:" + port + "/metrics"), null));
  }

  private static void checkAlive(AllInOneProcess app, AlertStreamReader stream) {
    if (!app.alive()) {
      throw new IllegalStateException("the all-in-one exited during the run");
    }
    if (!stream.reading()) {
      throw new IllegalStateException("the alert stream ended during the run: " + stream.failure());
    }
  }

  /** With {@code --load-embedded-kafka}, the broker's address as the all-in-one printed it. */
  private static String kafkaFromLog(AllInOneProcess app) throws IOException {
    for (String line : Files.readAllLines(app.log(), StandardCharsets.UTF_8)) {
      if (line.startsWith("newswatch: Kafka at ")) {
        return line.substring("newswatch: Kafka at ".length()).strip();
      }
    }
    throw new IllegalStateException("the all-in-one did not say where its Kafka broker is");
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load test: " + e.getMessage());
      System.exit(2);
      return;
    }
    print(options);
  }

  /**
   * Says so when a service's source is newer than the jar: ./newswatch rebuilds the bench jar by
   * itself but not the all-in-one's, and measuring yesterday's code would mislead.
   */
  static void staleWarning(Path jar) {
    Path root =
        jar.toAbsolutePath().getParent() == null
            ? null
            : jar.toAbsolutePath().getParent().getParent();
    root = root == null ? null : root.getParent();
    if (root == null) {
      return;
    }
    try {
      java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
      for (String module :
          List.of("common", "ingest-service", "index-service", "alert-service", "app")) {
        Path src = root.resolve(module).resolve("src/main");
        if (!Files.isDirectory(src)) {
          continue;
        }
        try (var files = Files.walk(src)) {
          var newer =
              files
                  .filter(Files::isRegularFile)
                  .filter(
                      f -> {
                        try {
                          return Files.getLastModifiedTime(f).compareTo(built) > 0;
                        } catch (IOException e) {
                          return false;
                        }
                      })
                  .findFirst();
          if (newer.isPresent()) {
            System.err.println(
                "bench: warning: "
                    + newer.get()
                    + " is newer than "
                    + jar
                    + "; rebuild it (./mvnw -B -o -q package -DskipTests) to measure the current code");
            return;
          }
        }
      }
    } catch (IOException e) {
      // no warning then: the run itself will say what is wrong with the jar
    }
  }

  /** Runs and prints the table; a missing jar is one line and status 1. */
  static void print(Options options) throws Exception {
    if (!Files.isRegularFile(options.appJar())) {
      System.err.println(
          "bench: the all-in-one jar "
              + options.appJar()
              + " is missing; build it first with ./mvnw -B -o -q package -DskipTests");
      System.exit(1);
      return;
    }
    staleWarning(options.appJar());
    List<String[]> rows = run(options);
    System.out.printf(
        Locale.ROOT,
        "Newswatch load test (all-in-one): %d cores, Java %s, %s%n%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    System.out.print(FeedPollingBench.markdown(rows));
  }
}
