package org.newswatch.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.lifecycle.ClosingOrder;
import org.newswatch.common.lifecycle.ServiceMain;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Feed;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.web.AnalystKeys;
import org.newswatch.common.web.ServiceHttp;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.feed.FeedAssignments;
import org.newswatch.ingest.feed.FeedPoller;
import org.newswatch.ingest.feed.FeedRegistry;
import org.newswatch.ingest.feed.FeedScheduler;
import org.newswatch.ingest.feed.FeedStateStore;
import org.newswatch.ingest.feed.FeedStatusBoard;
import org.newswatch.ingest.feed.FeedsFile;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.newswatch.ingest.item.ItemIngester;
import org.newswatch.ingest.publish.ArticlePublisher;
import org.newswatch.ingest.publish.SeenStore;
import org.newswatch.ingest.story.StoryLinker;
import org.newswatch.ingest.web.FeedsApi;
import org.newswatch.ingest.websub.WebSubSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest-service: seeds {@code news.feeds} from the feeds file, polls the feeds, publishes
 * extracted articles to {@code news.intake}, links them into stories on their way to {@code
 * news.articles} (the {@link StoryLinker}, active in one instance at a time), and serves {@code
 * /api/feeds}. Started by {@link IngestMain} alone or by the all-in-one; {@link #close()} stops
 * polling (in-flight polls finish or are redone at the next start), then closes Kafka clients,
 * stores and HTTP.
 */
public final class IngestService implements ServiceMain.Running {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final ClosingOrder parts;
  private final ServiceHttp http;
  private final FeedScheduler scheduler;
  private final FeedStatusBoard board;
  private final FeedRegistry registry;
  private final FeedAssignments assignments;

  private final StoryLinker linker;

  private IngestService(
      ClosingOrder parts,
      ServiceHttp http,
      FeedScheduler scheduler,
      FeedStatusBoard board,
      FeedRegistry registry,
      FeedAssignments assignments,
      StoryLinker linker) {
    this.linker = linker;
    this.assignments = assignments;
    this.parts = parts;
    this.http = http;
    this.scheduler = scheduler;
    this.board = board;
    this.registry = registry;
  }

  /**
   * Starts with the feeds of a file, or of the bundled default (real VOA and Dunya News feeds) when
   * null.
   */
  public static IngestService start(ServiceContext context, Path feedsFile) {
    return start(context, feedsFile, IngestOptions.defaults());
  }

  public static IngestService start(ServiceContext ctx, Path feedsFile, IngestOptions options) {
    // Read the file first: a typo stops the service before it touches Kafka.
    List<Feed> fileFeeds = FeedsFile.load(feedsFile);
    TopicAdmin.ensure(ctx.bootstrap(), ctx.topics(), STARTUP);
    // Each part is added as soon as it is made, before the parts made earlier (what is made later
    // uses what was made before): a start that fails midway closes what it had opened, and a
    // started service closes in the reverse of this order (leave the groups so that the others
    // take over, stop polling, then the readers, the fetcher, the producer, the stores).
    ClosingOrder parts = new ClosingOrder();
    try {
      String instance = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
      ServiceMeters serviceMeters = parts.addFirst(ServiceMeters.create("ingest-service"));
      PrometheusMeterRegistry meters = serviceMeters.registry();
      IngestMetrics metrics = new IngestMetrics(meters);
      SeenStore seen = parts.addFirst(SeenStore.open(ctx.dataDir()));
      FeedStateStore states = parts.addFirst(FeedStateStore.open(ctx.dataDir()));
      Producer<String, byte[]> producer =
          parts.addFirst(new KafkaProducer<>(KafkaSettings.producer(ctx.bootstrap(), instance)));
      parts.addFirst(ServiceMeters.watch(meters, producer));
      HttpFetcher fetcher =
          parts.addFirst(
              new HttpFetcher(
                  new AddressGuard(ctx.allowPrivateFeeds()),
                  options.fetchLimits(),
                  ctx.contactUrl()));
      FeedStatusBoard board = new FeedStatusBoard();
      ArticlePublisher publisher = new ArticlePublisher(producer, ctx.topics().intake());
      // Item → article: canonicalise, skip what was seen, fetch, extract, publish to the intake
      // (the story linker below gives it its story and puts it on news.articles).
      ItemIngester ingester =
          new ItemIngester(
              fetcher, new ArticleExtractor(), publisher, seen, metrics, options.clock());
      FeedPoller poller =
          new FeedPoller(fetcher, ingester, seen, states, board, metrics, options.clock());
      WebSubSubscriber websub = null;
      if (options.publicUrl() != null) {
        String base = options.publicUrl();
        websub = parts.addFirst(new WebSubSubscriber(fetcher, () -> base, options.clock()));
        poller.useWebSub(websub);
      }
      TopicTable<Analyst> analysts =
          parts.addFirst(
              new TopicTable<>(ctx.bootstrap(), ctx.topics().analysts(), instance + "-analysts"));
      FeedRegistry registry =
          parts.addFirst(
              new FeedRegistry(
                  ctx.bootstrap(), ctx.topics().feeds(), producer, instance + "-feeds"));
      FeedScheduler scheduler =
          parts.addFirst(
              new FeedScheduler(
                  poller,
                  options.clock(),
                  options.workers(),
                  options.initialSpread(),
                  options.bounds()));
      // All instances of one deployment share the group; a test's topic prefix keeps its group
      // apart.
      FeedAssignments assignments =
          parts.addFirst(
              new FeedAssignments(
                  ctx.bootstrap(),
                  ctx.topics().feeds(),
                  ctx.topics().prefix() + "newswatch-ingest",
                  instance + "-assignments",
                  scheduler,
                  meters));
      StoryLinker linker =
          parts.addFirst(
              new StoryLinker(ctx.bootstrap(), ctx.topics(), instance, options.matchers(), meters));

      registry.start();
      AnalystKeys keys = new AnalystKeys(ctx.adminKey(), analysts);
      analysts.start();
      if (!registry.awaitCaughtUp(STARTUP)) {
        throw new IllegalStateException(
            "could not read " + ctx.topics().feeds().name() + " within " + STARTUP);
      }
      registry.seed(fileFeeds);
      assignments.start();
      linker.start();

      registerGauges(meters, board, options.clock());
      WebSubSubscriber webSub = websub;
      FeedsApi api = new FeedsApi(registry, scheduler, board, ctx.allowPrivateFeeds());
      ServiceHttp http =
          ServiceHttp.builder("ingest-service")
              .port(ctx.port())
              .meters(meters)
              .keys(keys)
              .health(
                  () ->
                      problems(
                          registry,
                          assignments,
                          analysts,
                          publisher,
                          scheduler,
                          linker,
                          ctx.healthMaxLag()))
              .openApi("/org/newswatch/ingest/openapi.json")
              .routes(
                  r -> {
                    api.routes(r);
                    if (webSub != null) {
                      webSub.routes(r);
                    }
                  })
              .start();
      parts.addFirst(http);
      LOG.info("ingest-service started: {} feeds, port {}", registry.all().size(), http.port());
      return new IngestService(parts, http, scheduler, board, registry, assignments, linker);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      parts.close();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (RuntimeException e) {
      parts.close();
      throw e;
    }
  }

  /**
   * Feeds flagged by coverage health, and feeds whose poll is overdue by more than a minute
   * (workers too few).
   */
  private static void registerGauges(
      PrometheusMeterRegistry meters, FeedStatusBoard board, Clock clock) {
    Gauge.builder(
            "newswatch.ingest.feeds.flagged",
            board,
            b -> b.snapshot().values().stream().filter(s -> !s.flags().isEmpty()).count())
        .description("feeds with a coverage-health flag")
        .register(meters);
    Gauge.builder(
            "newswatch.ingest.feeds.overdue",
            board,
            b ->
                b.snapshot().values().stream()
                    .filter(
                        s ->
                            s.nextPollAt() != null
                                && s.nextPollAt().isBefore(clock.instant().minusSeconds(60)))
                    .count())
        .description("feeds whose next poll is more than a minute late")
        .register(meters);
    Gauge.builder("newswatch.ingest.feeds.polled", board, b -> b.snapshot().size())
        .description("feeds this instance polls")
        .register(meters);
  }

  private static List<String> problems(
      FeedRegistry registry,
      FeedAssignments assignments,
      TopicTable<Analyst> analysts,
      ArticlePublisher publisher,
      FeedScheduler scheduler,
      StoryLinker linker,
      long maxLag) {
    List<String> problems = new ArrayList<>();
    linker.failure().ifPresent(t -> problems.add("the story linker stopped: " + t.getMessage()));
    if (linker.owner()) {
      // Only the instance that links can be behind; the others stand by with nothing to read.
      linker.progress().problem(maxLag).ifPresent(p -> problems.add("story linker: " + p));
    }
    scheduler.problem().ifPresent(problems::add);
    assignments
        .failure()
        .ifPresent(t -> problems.add("the feed assignment reader stopped: " + t.getMessage()));
    if (!assignments.hasJoined()) {
      problems.add("not yet given any feeds by the ingest consumer group");
    } else {
      assignments.progress().problem(maxLag).ifPresent(problems::add);
    }
    registry
        .failure()
        .ifPresent(t -> problems.add("the feeds topic reader stopped: " + t.getMessage()));
    if (!registry.isCaughtUp()) {
      problems.add("the feeds topic is not read yet");
    }
    analysts
        .failure()
        .ifPresent(t -> problems.add("the analysts topic reader stopped: " + t.getMessage()));
    if (publisher.lastFailure() != null) {
      problems.add("Kafka did not take the last article: " + publisher.lastFailure());
    }
    return problems;
  }

  @Override
  public int port() {
    return http.port();
  }

  /** The status of the feeds this instance polls. */
  public FeedStatusBoard statuses() {
    return board;
  }

  /** The feed definitions (all of them, whoever polls them). */
  public FeedRegistry registry() {
    return registry;
  }

  /** The partitions of {@code news.feeds} whose feeds this instance polls. */
  public Set<Integer> feedPartitions() {
    return assignments.partitions();
  }

  /** The story linker of this instance (linking, or standing by). */
  public StoryLinker linker() {
    return linker;
  }

  /** Polls a feed as soon as a worker is free; false when this instance does not poll it. */
  public boolean pollNow(String feedId) {
    return scheduler.pollNow(feedId);
  }

  @Override
  public void close() {
    parts.close();
  }
}
