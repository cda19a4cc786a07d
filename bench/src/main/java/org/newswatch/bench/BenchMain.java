package org.newswatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.newswatch.common.kafka.EmbeddedKafkaBroker;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;

/**
 * {@code newswatch bench}: runs the measurements and prints the performance table (markdown).
 *
 * <p>Flags: {@code --articles N} (indexing run, default 20,000), {@code --body-words N} (default
 * 300), {@code --search-docs N} (index for search latency, default 100,000; the README figure uses
 * 1,000,000; {@code --search-index DIR} keeps that index in DIR and reuses it when it already holds
 * N articles, so a search change is measured without a new build; {@code --search-threads N}
 * threads a search runs its segment slices on, default one per core as the service has; {@code
 * --search-warmup N} calls of every query kind before any is measured, default 500, as a service
 * that has run a while is warm), {@code --queries N} (per query kind, default 200), {@code --rounds
 * N} (raw and Kafka runs alternated, best of each kept; default 2), {@code --skip-search}; alert
 * matching with {@code --alert-subscriptions N} (default 2,000), {@code --alert-articles N}
 * (default 300), {@code --skip-alerts}; extraction speed ({@link ExtractionBench} with its
 * defaults; run it alone for its own flags) unless {@code --skip-extraction}; one ingest-service
 * polling {@code --feeds N} feeds on loopback ({@link FeedPollingBench}, default 5,000) unless
 * {@code --skip-feeds}; the time from an article on news.articles to its alert on news.alerts
 * through the alert-service ({@link LatencyBench}: {@code --latency-articles N} at 20/s, default
 * 600) unless {@code --skip-latency}; story linking cost per article with 200,000 articles
 * remembered ({@link StoryLinkingBench} with its defaults; run it alone for its {@code --link-*}
 * flags) unless {@code --skip-linking}. Defaults finish in about four minutes on two cores.
 *
 * <p>{@code --load} runs the load test instead ({@link LoadBench}: the all-in-one jar as a child
 * process on 10,000 live loopback feeds with 100 subscriptions; {@code --load-minutes N}, {@code
 * --load-feeds N}, {@code --load-subscriptions N} and the other {@code --load-*} flags). It needs
 * app/target/newswatch-all.jar, built by {@code ./mvnw -B -o -q package -DskipTests}.
 */
public final class BenchMain {
  private BenchMain() {}

  record Options(
      int articles,
      int bodyWords,
      int searchDocs,
      int queries,
      int rounds,
      boolean skipSearch,
      int alertSubscriptions,
      int alertArticles,
      boolean skipAlerts,
      boolean skipExtraction,
      int feeds,
      boolean skipFeeds,
      int latencyArticles,
      boolean skipLatency,
      Path searchIndex,
      int searchThreads,
      int searchWarmup,
      boolean skipLinking) {
    static Options parse(String[] args) {
      int articles = 20_000;
      int bodyWords = 300;
      int searchDocs = 100_000;
      int queries = 200;
      int rounds = 2;
      boolean skipSearch = false;
      int alertSubscriptions = 2_000;
      int alertArticles = 300;
      boolean skipAlerts = false;
      boolean skipExtraction = false;
      int feeds = 5_000;
      boolean skipFeeds = false;
      int latencyArticles = LatencyBench.Options.defaults().articles();
      boolean skipLatency = false;
      Path searchIndex = null;
      int searchThreads = Runtime.getRuntime().availableProcessors();
      int searchWarmup = 500;
      boolean skipLinking = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--articles" -> articles = positive(args, ++i);
          case "--body-words" -> bodyWords = positive(args, ++i);
          case "--search-docs" -> searchDocs = positive(args, ++i);
          case "--queries" -> queries = positive(args, ++i);
          case "--rounds" -> rounds = positive(args, ++i);
          case "--skip-search" -> skipSearch = true;
          case "--alert-subscriptions" -> alertSubscriptions = positive(args, ++i);
          case "--alert-articles" -> alertArticles = positive(args, ++i);
          case "--skip-alerts" -> skipAlerts = true;
          case "--skip-extraction" -> skipExtraction = true;
          case "--feeds" -> feeds = positive(args, ++i);
          case "--skip-feeds" -> skipFeeds = true;
          case "--latency-articles" -> latencyArticles = positive(args, ++i);
          case "--skip-latency" -> skipLatency = true;
          case "--search-index" -> searchIndex = path(args, ++i);
          case "--search-threads" -> searchThreads = positive(args, ++i);
          case "--search-warmup" -> searchWarmup = positive(args, ++i);
          case "--skip-linking" -> skipLinking = true;
          default ->
              throw new IllegalArgumentException(
                  args[i].startsWith("--load-")
                      ? args[i] + " belongs to the load test: add --load"
                      : "unknown flag "
                          + args[i]
                          + "; use --articles N --body-words N --search-docs N --queries N --rounds N --skip-search"
                          + " --alert-subscriptions N --alert-articles N --skip-alerts --skip-extraction --feeds N --skip-feeds"
                          + " --latency-articles N --skip-latency --search-index DIR --search-threads N --search-warmup N --skip-linking");
        }
      }
      return new Options(
          articles,
          bodyWords,
          searchDocs,
          queries,
          rounds,
          skipSearch,
          alertSubscriptions,
          alertArticles,
          skipAlerts,
          skipExtraction,
          feeds,
          skipFeeds,
          latencyArticles,
          skipLatency,
          searchIndex,
          searchThreads,
          searchWarmup,
          skipLinking);
    }

    private static Path path(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a folder");
      }
      return Path.of(args[i]);
    }

    private static int positive(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a number");
      }
      int n;
      try {
        n = Integer.parseInt(args[i].replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            args[i - 1] + " needs a whole number, was '" + args[i] + "'");
      }
      if (n < 1) {
        throw new IllegalArgumentException(args[i - 1] + " must be at least 1");
      }
      return n;
    }
  }

  public static void main(String[] args) throws Exception {
    // The embedded broker logs a great deal at INFO; the table is what matters here.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (java.util.Arrays.asList(args).contains("--load")) {
      LoadBench.Options load;
      try {
        load = LoadBench.Options.parse(args);
      } catch (IllegalArgumentException e) {
        System.err.println("bench: " + e.getMessage());
        System.exit(2);
        return;
      }
      LoadBench.print(load);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path work = Files.createTempDirectory("newswatch-bench");
    try {
      run(options, work);
    } finally {
      IndexingBench.delete(work);
    }
  }

  static void run(Options o, Path work) throws Exception {
    System.err.printf(
        Locale.ROOT,
        "bench: %d articles of %d words through Kafka and raw Lucene; search on %s documents%n",
        o.articles(),
        o.bodyWords(),
        o.skipSearch() ? "no" : String.valueOf(o.searchDocs()));
    ArticleGenerator generator = new ArticleGenerator(42, 20_000, o.bodyWords());
    List<Article> articles = generator.articles(o.articles());
    IndexingBench.Result indexing;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
      Topics topics = new Topics("bench.");
      TopicAdmin.ensure(broker.bootstrapServers(), topics, Duration.ofSeconds(60));
      indexing = IndexingBench.run(broker.bootstrapServers(), topics, articles, work, o.rounds());
    }
    SearchBench.Result search = null;
    if (!o.skipSearch()) {
      System.err.println("bench: building the search index …");
      Path dir = o.searchIndex() == null ? work.resolve("search") : o.searchIndex();
      search =
          SearchBench.run(
              new ArticleGenerator(7, 20_000, o.bodyWords()),
              o.searchDocs(),
              o.queries(),
              dir,
              o.searchThreads(),
              o.searchWarmup());
    }
    List<MatchingBenchmark.Result> alerts = List.of();
    if (!o.skipAlerts()) {
      System.err.println("bench: alert matching …");
      alerts = AlertBench.run(o.alertSubscriptions(), o.alertArticles());
    }
    List<String[]> extraction = List.of();
    if (!o.skipExtraction()) {
      try {
        extraction = ExtractionBench.run();
      } catch (IllegalArgumentException e) {
        // The extraction pages are the ingest-service's test files: absent outside a checkout.
        extraction = List.<String[]>of(new String[] {"extraction", "not measured", e.getMessage()});
      }
    }
    List<String[]> feeds = List.of();
    if (!o.skipFeeds()) {
      System.err.println("bench: feed polling (" + o.feeds() + " feeds on loopback) …");
      feeds = FeedPollingBench.run(o.feeds());
    }
    List<String[]> latency = List.of();
    if (!o.skipLatency()) {
      System.err.println(
          "bench: article→alert latency ("
              + o.latencyArticles()
              + " articles through the alert-service) …");
      latency = LatencyBench.run(o.latencyArticles());
    }
    List<String[]> linking = List.of();
    if (!o.skipLinking()) {
      linking = StoryLinkingBench.run(StoryLinkingBench.Options.parse(new String[0]));
    }
    List<String[]> rows = new java.util.ArrayList<>(extraction);
    rows.addAll(feeds);
    rows.addAll(latency);
    rows.addAll(linking);
    print(o, indexing, search, alerts, rows);
  }

  static void print(
      Options o,
      IndexingBench.Result i,
      SearchBench.Result s,
      List<MatchingBenchmark.Result> alerts,
      List<String[]> extraction) {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "Newswatch bench: %d cores, Java %s, max heap %s%n%n",
            Runtime.getRuntime().availableProcessors(),
            Runtime.version(),
            Memory.mb(Runtime.getRuntime().maxMemory())));
    t.append("| measure | value | note |\n|---|---|---|\n");
    t.append(
        row(
            "Kafka→Lucene indexing ("
                + o.articles()
                + " articles, "
                + o.bodyWords()
                + " words; the service's consumer and indexer, best of "
                + o.rounds()
                + ")",
            String.format(Locale.ROOT, "%,.0f articles/s", i.kafkaPerSecond())));
    t.append(
        row(
            "raw Lucene IndexWriter, same articles and analyzer (best of " + o.rounds() + ")",
            String.format(Locale.ROOT, "%,.0f articles/s", i.rawPerSecond())));
    t.append(
        row(
            "**ratio Kafka→Lucene / raw** (goal ≥ 0.8)",
            String.format(Locale.ROOT, "**%.2f**", i.kafkaPerSecond() / i.rawPerSecond())));
    t.append(
        row(
            "Kafka→Lucene from partition assignment on (without connecting to the broker); ratio to raw",
            String.format(
                Locale.ROOT,
                "%,.0f articles/s; %.2f",
                i.kafkaSteadyPerSecond(),
                i.kafkaSteadyPerSecond() / i.rawPerSecond())));
    t.append(
        row(
            "producing the articles to Kafka (JSON, zstd, acks=all)",
            String.format(Locale.ROOT, "%,.0f articles/s", i.producePerSecond())));
    t.append(
        row("heap used after Kafka→Lucene indexing (after GC)", Memory.mb(i.kafkaHeapBytes())));
    if (s != null) {
      t.append(
          row(
              "search index built directly ("
                  + String.format(Locale.ROOT, "%,d", s.documents())
                  + " articles)",
              Double.isNaN(s.buildPerSecond())
                  ? "reused (--search-index)"
                  : String.format(Locale.ROOT, "%,.0f articles/s", s.buildPerSecond())));
      t.append(
          row(
              "search warm-up before the figures below",
              String.format(
                  Locale.ROOT,
                  "%,d calls of every kind below, then each kind's own",
                  s.warmupCalls())));
      for (SearchBench.Latency l : s.latencies()) {
        String what =
            l.kind().startsWith("timeline")
                ? " requests)"
                : " queries, with totals, facets, snippets)";
        t.append(
            row(
                "search latency p50 / p99, " + l.kind() + " (" + l.queries() + what,
                SearchBench.ms(l.p50Millis())
                    + " / "
                    + SearchBench.ms(l.p99Millis())
                    + "; CPU "
                    + SearchBench.ms(l.cpuMillisPerQuery())
                    + " per call"));
      }
      t.append(row("heap used with the search index open (after GC)", Memory.mb(s.heapBytes())));
    }
    for (var a : alerts) {
      t.append(
          row(
              "alert matching, "
                  + a.matcher()
                  + " ("
                  + String.format(Locale.ROOT, "%,d", a.subscriptions())
                  + " subscriptions, "
                  + a.articles()
                  + " articles, "
                  + a.matches()
                  + " matches)",
              String.format(Locale.ROOT, "%,.0f articles/s", a.articlesPerSecond())));
    }
    for (String[] r : extraction) {
      t.append("| ")
          .append(r[0])
          .append(" | ")
          .append(r[1])
          .append(" | ")
          .append(r.length > 2 ? r[2] : "")
          .append(" |\n");
    }
    System.out.print(t);
  }

  private static String row(String measure, String value) {
    return "| " + measure + " | " + value + " |  |\n";
  }
}
