package org.newswatch.bench;

import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.newswatch.alert.AlertService;
import org.newswatch.alert.match.BuiltInTopics;
import org.newswatch.common.Json;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.EmbeddedKafkaBroker;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Subscription;

/**
 * The time from an article on {@code news.articles} to its alert on {@code news.alerts}, through
 * the real {@link AlertService} (its consumer, the Lucene monitor, one Kafka transaction per polled
 * batch) on an in-process broker.
 *
 * <p>The subscriptions are {@link MatchingBenchmark}'s (Zipf-like entity names and topic words,
 * like {@code +(kech OR "kech district") +(attack OR militants) -cricket}), published to {@code
 * news.subscriptions} before the service starts, plus the built-in topic the service publishes
 * itself. Articles are MatchingBenchmark's generated ones with fresh ids (a reused id is one story,
 * alerted once); one in ten is led by a border-security sentence for the built-in topic. They are
 * produced one at a time at a steady rate, paced by the clock; the first ones warm the JIT and are
 * not counted. A consumer of our own reads {@code news.alerts} read_committed, as a downstream
 * service would, and each alert's latency is the time its poll returned minus the time just before
 * {@code send()} of its article, both from {@link System#nanoTime()} in this one JVM.
 *
 * <p>Call {@link #run(Options)} (or {@link #run(int)}) for the table rows {measure, value, note};
 * {@code main} prints them. Flags: {@code --articles N} (measured articles, 600), {@code --rate R}
 * (articles per second, 20), {@code --subscriptions N} (generated, 1,000), {@code --warmup N}
 * (articles before the measured ones, 100). The defaults take about a minute.
 */
public final class LatencyBench {
  /** Every few articles one on the built-in topic: what a border-security desk would see. */
  private static final int ON_TOPIC_EVERY = 10;

  private static final String[] ON_TOPIC_LEADS = {
    "Militants attacked a Frontier Corps checkpost in %s late on Tuesday, killing %d soldiers, officials said.",
    "Security forces clashed with gunmen near %s after an attack on a convoy left %d people wounded.",
    "Border guards came under fire near %s in an ambush claimed by Jaish al-Adl; %d guards were killed.",
  };
  private static final String[] PLACES = {
    "Panjgur", "Turbat", "Kech", "Saravan", "Zahedan", "Gwadar", "Mastung", "Taftan"
  };

  /**
   * The run must have drained by then after the last article; longer is a failure, not a figure.
   */
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private LatencyBench() {}

  /**
   * @param articles measured articles
   * @param perSecond the steady production rate
   * @param subscriptions generated subscriptions (the built-in topic comes on top)
   * @param warmup articles sent first, at the same rate, whose alerts are not counted
   */
  public record Options(int articles, double perSecond, int subscriptions, int warmup) {
    public Options {
      if (articles < 1 || subscriptions < 1 || warmup < 0) {
        throw new IllegalArgumentException(
            "articles and subscriptions must be at least 1, warm-up at least 0");
      }
      if (!(perSecond > 0 && perSecond <= 10_000)) {
        throw new IllegalArgumentException(
            "rate must be in (0, 10000] articles/s, was " + perSecond);
      }
    }

    public static Options defaults() {
      return new Options(600, 20, 1_000, 100);
    }

    public static Options parse(String[] args) {
      Options d = defaults();
      int articles = d.articles(), subscriptions = d.subscriptions(), warmup = d.warmup();
      double rate = d.perSecond();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i].replace("_", "").replace(",", "");
        try {
          switch (flag) {
            case "--articles" -> articles = Integer.parseInt(value);
            case "--rate" -> rate = Double.parseDouble(value);
            case "--subscriptions" -> subscriptions = Integer.parseInt(value);
            case "--warmup" -> warmup = Integer.parseInt(value);
            default ->
                throw new IllegalArgumentException(
                    "unknown flag "
                        + flag
                        + "; use --articles N --rate R --subscriptions N --warmup N");
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(flag + " needs a number, was '" + args[i] + "'");
        }
      }
      return new Options(articles, rate, subscriptions, warmup);
    }
  }

  /** p50, p99 and the largest of a set of intervals, in milliseconds. */
  record Summary(int count, double p50Millis, double p99Millis, double maxMillis) {
    static Summary of(long[] nanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Summary(
          sorted.length,
          percentile(sorted, 50) / 1e6,
          percentile(sorted, 99) / 1e6,
          sorted[sorted.length - 1] / 1e6);
    }
  }

  /**
   * The nearest-rank percentile of sorted values: the smallest value with at least {@code p} % of
   * all values at or below it (so p100 is the largest, and every answer is a measured value).
   */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values: nothing to take a percentile of");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  /** When an article was handed to the producer, and whether its alerts count. */
  private record Sent(long nanos, Instant wall, boolean measured, boolean onTopic) {}

  /** A paced sending run: articles sent and seconds from the first send to the last. */
  private record Pace(int articles, double seconds) {
    double perSecond() {
      return articles < 2 ? 0 : (articles - 1) / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("latency bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<String[]> rows = run(options);
    System.out.printf(
        Locale.ROOT,
        "Newswatch article→alert latency bench: %d cores, Java %s%n%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    System.out.print(FeedPollingBench.markdown(rows));
  }

  /** The rows for {@code articles} measured articles, the other options at their defaults. */
  public static List<String[]> run(int articles) throws Exception {
    Options d = Options.defaults();
    return run(new Options(articles, d.perSecond(), d.subscriptions(), d.warmup()));
  }

  /** Runs the bench and returns the table rows, each {measure, value, note}. */
  public static List<String[]> run(Options o) throws Exception {
    Path work = Files.createTempDirectory("newswatch-latency-bench");
    try {
      return runIn(o, work);
    } finally {
      IndexingBench.delete(work);
    }
  }

  private static List<String[]> runIn(Options o, Path work) throws Exception {
    MatchingBenchmark workload = new MatchingBenchmark(42);
    List<Subscription> subscriptions =
        workload.subscriptions(o.subscriptions()).stream().map(LatencyBench::ownedByAdmin).toList();
    int total = o.warmup() + o.articles();
    List<Article> articles = articles(workload, total);
    System.err.printf(
        Locale.ROOT,
        "latency bench: %,d subscriptions, %,d + %,d warm-up articles at %.0f/s …%n",
        subscriptions.size(),
        o.articles(),
        o.warmup(),
        o.perSecond());
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                KafkaSettings.producer(broker.bootstrapServers(), "latency-bench"))) {
      String bootstrap = broker.bootstrapServers();
      Topics topics = new Topics("bench-latency.");
      TopicAdmin.ensure(bootstrap, topics, Duration.ofSeconds(60));
      publish(producer, topics, subscriptions);
      ServiceContext ctx =
          new ServiceContext(
              bootstrap,
              topics,
              work.resolve("alert"),
              0,
              false,
              UUID.randomUUID().toString(),
              null);
      long t0 = System.nanoTime();
      try (AlertService service = AlertService.start(ctx);
          AlertReader reader = new AlertReader(bootstrap, topics, "latency-bench-reader").start()) {
        int expected = subscriptions.size() + BuiltInTopics.files().size();
        awaitReady(service, expected);
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        reader.awaitAssigned(Duration.ofSeconds(60));
        System.err.printf(
            Locale.ROOT,
            "latency bench: service ready with %,d subscriptions in %.1f s; sending …%n",
            expected,
            startSeconds);

        String loadBefore = loadAverage();
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        String topic = topics.articles().name();
        send(producer, topic, articles.subList(0, o.warmup()), o.perSecond(), sent, false);
        Pace pace =
            send(producer, topic, articles.subList(o.warmup(), total), o.perSecond(), sent, true);
        double emitted = awaitDrained(service, reader, total);
        String load =
            "1-minute load average " + loadBefore + " before sending, " + loadAverage() + " after";
        return rows(
            o, expected, startSeconds, pace, sent, reader.arrivals(), emitted, service, load);
      }
    }
  }

  private static Subscription ownedByAdmin(Subscription s) {
    return new Subscription(
        Subscription.SCHEMA,
        s.id(),
        BuiltInTopics.OWNER,
        s.name(),
        s.query(),
        s.languages(),
        s.sources(),
        s.schedule(),
        s.channels(),
        s.createdAt());
  }

  /**
   * MatchingBenchmark's articles with ids of their own and a fetch time; every tenth on the
   * built-in topic.
   */
  static List<Article> articles(MatchingBenchmark workload, int n) {
    List<Article> out = new ArrayList<>(n);
    Instant now = Instant.now();
    List<Article> generated = workload.articles(n);
    for (int i = 0; i < n; i++) {
      Article g = generated.get(i);
      String title = g.title();
      String body = g.body();
      if (onTopic(i)) {
        String lead =
            String.format(
                Locale.ROOT,
                ON_TOPIC_LEADS[i / ON_TOPIC_EVERY % ON_TOPIC_LEADS.length],
                PLACES[i / ON_TOPIC_EVERY % PLACES.length],
                2 + i % 5);
        title = lead.substring(0, lead.indexOf(' ', 40));
        body = lead + " " + body;
      }
      out.add(
          new Article(
              Article.SCHEMA,
              "lat-" + i,
              "https://bench.example/latency/" + i,
              null,
              null,
              "bench",
              title,
              body,
              null,
              "en",
              null,
              now,
              null,
              null,
              null));
    }
    return out;
  }

  static boolean onTopic(int i) {
    return i % ON_TOPIC_EVERY == ON_TOPIC_EVERY / 2;
  }

  private static void publish(
      KafkaProducer<String, byte[]> producer, Topics topics, List<Subscription> subscriptions)
      throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Subscription s : subscriptions) {
      acks.add(
          producer.send(
              new ProducerRecord<>(topics.subscriptions().name(), s.id(), Json.toBytes(s))));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Until /health answers 200 (subscriptions and past alerts read, consumer assigned) and every
   * subscription is registered.
   */
  private static void awaitReady(AlertService service, int subscriptions) throws Exception {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    URI health = URI.create("http://127.0.0.1:" + service.port() + "/health");
    while (status(health) != 200
        || service.meters().get("newswatch.alert.subscriptions").gauge().value() < subscriptions) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "alert-service not ready with "
                + subscriptions
                + " subscriptions after "
                + START_LIMIT);
      }
      Thread.sleep(20);
    }
  }

  private static int status(URI uri) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    try {
      c.setConnectTimeout(5_000);
      c.setReadTimeout(5_000);
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  /**
   * Sends the articles one at a time, article {@code i} at {@code i / perSecond} seconds after the
   * first; the time is taken after the value is serialised, just before {@code send()}, and is the
   * record's timestamp.
   */
  private static Pace send(
      KafkaProducer<String, byte[]> producer,
      String topic,
      List<Article> articles,
      double perSecond,
      Map<String, Sent> sent,
      boolean measured)
      throws Exception {
    long interval = Math.round(1e9 / perSecond);
    List<Future<RecordMetadata>> acks = new ArrayList<>(articles.size());
    long start = System.nanoTime();
    long last = start;
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      byte[] value = Json.toBytes(a);
      long due = start + i * interval;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      Instant wall = Instant.now();
      last = System.nanoTime();
      sent.put(
          a.id(), new Sent(last, wall, measured, onTopic(Integer.parseInt(a.id().substring(4)))));
      acks.add(
          producer.send(new ProducerRecord<>(topic, null, wall.toEpochMilli(), a.id(), value)));
    }
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException(
            "an article was not written to " + topic + ": " + e.getMessage(), e);
      }
    }
    return new Pace(articles.size(), (last - start) / 1e9);
  }

  /**
   * Waits until the service has read every article and the reader holds every alert the service
   * committed, steadily for a second (the emitted counter moves just after each commit). Returns
   * the service's count of emitted alerts.
   */
  private static double awaitDrained(AlertService service, AlertReader reader, int articles)
      throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    long steadySince = -1;
    while (true) {
      double read = counter(service, "newswatch.alert.articles");
      double emitted = counter(service, "newswatch.alert.alerts.emitted");
      boolean drained = read >= articles && reader.count() >= emitted;
      long now = System.nanoTime();
      if (!drained) {
        steadySince = -1;
      } else if (steadySince < 0) {
        steadySince = now;
      } else if (now - steadySince > 1_000_000_000L) {
        return emitted;
      }
      if (now > deadline) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "not drained %s after the last article: the service read %.0f of %d articles, emitted %.0f alerts, the reader has %d",
                DRAIN_LIMIT,
                read,
                articles,
                emitted,
                reader.count()));
      }
      Thread.sleep(50);
    }
  }

  private static double counter(AlertService service, String name) {
    return service.meters().get(name).counter().count();
  }

  private static List<String[]> rows(
      Options o,
      int subscriptions,
      double startSeconds,
      Pace pace,
      Map<String, Sent> sent,
      List<AlertReader.Arrival> arrivals,
      double emitted,
      AlertService service,
      String load) {
    List<Long> endToEnd = new ArrayList<>();
    List<Long> toMatched = new ArrayList<>();
    List<Long> toRecord = new ArrayList<>();
    Set<String> alerted = new HashSet<>();
    Set<String> alertIds = new HashSet<>();
    int warmupAlerts = 0;
    int unknown = 0;
    int builtIn = 0;
    for (AlertReader.Arrival a : arrivals) {
      alertIds.add(a.alert().id());
      Sent s = sent.get(a.alert().articleId());
      if (s == null) {
        unknown++;
        continue;
      }
      if (!s.measured()) {
        warmupAlerts++;
        continue;
      }
      endToEnd.add(a.receivedNanos() - s.nanos());
      toMatched.add(Duration.between(s.wall(), a.alert().createdAt()).toNanos());
      toRecord.add((a.recordTimestampMillis() - s.wall().toEpochMilli()) * 1_000_000L);
      alerted.add(a.alert().articleId());
      if (a.alert().subscriptionId().equals(BuiltInTopics.BALOCHISTAN_BORDER_SECURITY)) {
        builtIn++;
      }
    }
    if (endToEnd.isEmpty()) {
      throw new IllegalStateException("no alert for any measured article: nothing to report");
    }
    long onTopicSent = sent.values().stream().filter(s -> s.measured() && s.onTopic()).count();
    Summary e2e = Summary.of(endToEnd.stream().mapToLong(Long::longValue).toArray());
    Summary matched = Summary.of(toMatched.stream().mapToLong(Long::longValue).toArray());
    Summary record = Summary.of(toRecord.stream().mapToLong(Long::longValue).toArray());
    var matchTimer = service.meters().get("newswatch.alert.match.latency").timer().takeSnapshot();

    List<String[]> rows = new ArrayList<>();
    rows.add(
        row(
            "article→alert latency setup",
            String.format(
                Locale.ROOT,
                "%,d subscriptions; %,d articles at %.0f/s",
                subscriptions,
                o.articles(),
                o.perSecond()),
            String.format(
                Locale.ROOT,
                "the real AlertService (its article consumer, Lucene monitor, one Kafka transaction per polled batch) and an in-process KRaft broker, all in this JVM on %d cores; "
                    + "subscriptions: %,d from MatchingBenchmark's Zipf-like workload (entity names + topic words, owner admin) and the built-in topic; "
                    + "articles: its generated 300-word articles with ids of their own, 1 in %d led by a border-security sentence; "
                    + "sent one at a time with the services' producer settings (acks=all, linger 5 ms, zstd); the %,d articles sent before, at the same rate, warm up and are not counted",
                Runtime.getRuntime().availableProcessors(),
                o.subscriptions(),
                ON_TOPIC_EVERY,
                o.warmup())));
    rows.add(
        row(
            "**article → alert latency p50 / p99** (max)",
            String.format(
                Locale.ROOT,
                "**%s / %s** (%s)",
                ms(e2e.p50Millis()),
                ms(e2e.p99Millis()),
                ms(e2e.maxMillis())),
            String.format(
                Locale.ROOT,
                "per alert (%,d): when our read_committed consumer's poll of news.alerts returned it, minus the moment just before producer.send() of its article to news.articles (System.nanoTime, one JVM); "
                    + "includes the producer's linger and write, the service's poll, matching, the transaction's commit and the alert's fetch; nearest-rank percentiles",
                e2e.count())));
    rows.add(
        row(
            "of which: article sent → alert made by the service, p50 / p99",
            ms(matched.p50Millis()) + " / " + ms(matched.p99Millis()),
            String.format(
                Locale.ROOT,
                "the alert's createdAt (stamped after matching) minus the send's wall-clock time; alert record's CreateTime (sent in the open transaction) p50 / p99 %s / %s at 1 ms resolution; "
                    + "the rest of the total is the commit and the fetch. The service's own timer for matching one article: p50 %s, p99 %s (warm-up included)",
                ms(record.p50Millis()),
                ms(record.p99Millis()),
                timerPercentile(matchTimer, 0.5),
                timerPercentile(matchTimer, 0.99))));
    rows.add(
        row(
            "alerts counted",
            String.format(
                Locale.ROOT,
                "%,d alerts from %,d of %,d articles",
                e2e.count(),
                alerted.size(),
                o.articles()),
            String.format(
                Locale.ROOT,
                "the reader got %,d alerts in all, the service counted %,.0f emitted (%,d from warm-up articles, %d for unknown articles, %d repeated alert ids); "
                    + "the built-in topic fired %,d times on %,d border-security articles",
                arrivals.size(),
                emitted,
                warmupAlerts,
                unknown,
                arrivals.size() - alertIds.size(),
                builtIn,
                onTopicSent)));
    rows.add(
        row(
            "article→alert rate",
            String.format(
                Locale.ROOT,
                "%.1f articles/s for %.1f s; %.1f alerts/s",
                pace.perSecond(),
                pace.seconds(),
                e2e.count() / pace.seconds()),
            String.format(
                Locale.ROOT,
                "paced by the clock from the first measured send to the last; the service was ready (%,d subscriptions read, consumer assigned, /health 200) %.1f s after start(); "
                    + "%s (other processes on the machine stretch the tail)",
                subscriptions,
                startSeconds,
                load)));
    return rows;
  }

  /**
   * A percentile the service's timer publishes ({@code ArticleAlerter}: 0.5 and 0.99), or "n/a".
   */
  private static String timerPercentile(HistogramSnapshot snapshot, double percentile) {
    for (ValueAtPercentile v : snapshot.percentileValues()) {
      if (v.percentile() == percentile) {
        return ms(v.value(TimeUnit.MILLISECONDS));
      }
    }
    return "n/a";
  }

  /** The 1-minute load average from /proc/loadavg (Linux), or "unknown". */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), java.nio.charset.StandardCharsets.US_ASCII)
          .split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String[] row(String measure, String value, String note) {
    return new String[] {measure, value, note};
  }

  static String ms(double millis) {
    return millis < 10
        ? String.format(Locale.ROOT, "%.1f ms", millis)
        : String.format(Locale.ROOT, "%.0f ms", millis);
  }
}
