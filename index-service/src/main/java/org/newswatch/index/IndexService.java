package org.newswatch.index;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.lucene.store.Directory;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.lifecycle.ClosingOrder;
import org.newswatch.common.lifecycle.ServiceMain;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Story;
import org.newswatch.common.places.Gazetteer;
import org.newswatch.common.stories.StoryShelf;
import org.newswatch.common.web.AnalystKeys;
import org.newswatch.common.web.ServiceHttp;
import org.newswatch.index.indexing.ArticleConsumer;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.indexing.IndexingPace;
import org.newswatch.index.search.ArticleSearcher;
import org.newswatch.index.web.PageRoutes;
import org.newswatch.index.web.PlaceRoutes;
import org.newswatch.index.web.SearchRoutes;
import org.newswatch.index.web.StoryRoutes;

/**
 * The index-service: consumes {@code news.articles} into a Lucene index under {@code dataDir/index}
 * and serves the search API. Started by {@link IndexMain} alone or by the all-in-one; {@link
 * #close()} stops it, committing what it has indexed.
 */
public final class IndexService implements ServiceMain.Running {
  /** Longest a single search may run before it answers with what it found so far. */
  static final Duration SEARCH_TIME_LIMIT = Duration.ofSeconds(5);

  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ClosingOrder parts;
  private final ServiceHttp http;
  private final ArticleIndexer indexer;
  private final ArticleConsumer consumer;
  private final TopicTable<Analyst> analysts;
  private final long maxLag;

  private IndexService(
      ClosingOrder parts,
      ServiceHttp http,
      ArticleIndexer indexer,
      ArticleConsumer consumer,
      TopicTable<Analyst> analysts,
      long maxLag) {
    this.parts = parts;
    this.http = http;
    this.indexer = indexer;
    this.consumer = consumer;
    this.analysts = analysts;
    this.maxLag = maxLag;
  }

  public static IndexService start(ServiceContext context) {
    return start(context, IndexingPace.DEFAULT);
  }

  public static IndexService start(ServiceContext context, IndexingPace pace) {
    return start(context, pace, UnaryOperator.identity());
  }

  /**
   * As above, with the index folder's Lucene directory passed through {@code wrap}: tests inject
   * disk faults.
   */
  static IndexService start(ServiceContext ctx, IndexingPace pace, UnaryOperator<Directory> wrap) {
    Path dir = indexFolder(ctx);
    TopicAdmin.ensure(ctx.bootstrap(), ctx.topics(), STARTUP);
    // Each part is closed before those opened before it (it uses them): HTTP, the search threads,
    // the topic readers, the consumer (it commits what it has applied, with its positions), the
    // index, the meters.
    ClosingOrder parts = new ClosingOrder();
    try {
      ServiceMeters serviceMeters = parts.addFirst(ServiceMeters.create("index-service"));
      PrometheusMeterRegistry meters = serviceMeters.registry();
      ArticleIndexer indexer = parts.addFirst(ArticleIndexer.open(dir, wrap));

      // Unique per instance: several replicas may run in one JVM (tests, the all-in-one).
      String clientId =
          "index-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
      // Articles → index.
      ArticleConsumer consumer =
          parts.addFirst(
              new ArticleConsumer(ctx.bootstrap(), ctx.topics(), indexer, pace, meters, clientId));

      // The topics read whole: the most recent stories (in memory, bounded) and analysts' keys.
      StoryShelf shelf = new StoryShelf(StoryShelf.DEFAULT_CAPACITY);
      TopicTable<Story> stories =
          parts.addFirst(
              TopicTable.listenerOnly(
                  ctx.bootstrap(), ctx.topics().stories(), clientId + "-stories"));
      stories.onChange(shelf::put);
      TopicTable<Analyst> analysts =
          parts.addFirst(
              new TopicTable<>(ctx.bootstrap(), ctx.topics().analysts(), clientId + "-analysts"));

      // Search, on the index's searchers.
      ExecutorService searchThreads = searchThreads();
      parts.addFirst(searchThreads::shutdownNow);
      ArticleSearcher searcher =
          new ArticleSearcher(
              indexer.searchers(), indexer.analyzer(), SEARCH_TIME_LIMIT, searchThreads);

      registerMeters(meters, indexer, consumer);
      consumer.start();
      analysts.start();
      stories.start();

      AnalystKeys keys = new AnalystKeys(ctx.adminKey(), analysts);
      SearchRoutes searchRoutes = new SearchRoutes(searcher, indexer);
      ServiceHttp http =
          ServiceHttp.builder("index-service")
              .port(ctx.port())
              .meters(meters)
              .keys(keys)
              .health(() -> problems(indexer, consumer, analysts, ctx.healthMaxLag()))
              .openApi("/org/newswatch/index/openapi.json")
              .routes(
                  r -> {
                    searchRoutes.register(r);
                    new PageRoutes().register(r);
                    new PlaceRoutes(Gazetteer.bundled()).register(r);
                    new StoryRoutes(shelf).register(r);
                  })
              .start();
      parts.addFirst(http);
      return new IndexService(parts, http, indexer, consumer, analysts, ctx.healthMaxLag());
    } catch (RuntimeException e) {
      // The port is taken, say: stop what already runs, or its threads would keep the JVM alive
      // and the index stay locked.
      parts.close();
      throw e;
    }
  }

  private static Path indexFolder(ServiceContext ctx) {
    Path dir = ctx.dataDir().resolve("index");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the index folder " + dir, e);
    }
  }

  /**
   * One thread per core for concurrent segment search: a search on a large index splits its
   * segments into slices run side by side (the calling HTTP thread runs one slice itself).
   */
  private static ExecutorService searchThreads() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors(),
        r -> {
          Thread t = new Thread(r, "index-search-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static void registerMeters(
      PrometheusMeterRegistry meters, ArticleIndexer indexer, ArticleConsumer consumer) {
    FunctionCounter.builder(
            "newswatch.index.documents.indexed", indexer, ArticleIndexer::documentsIndexed)
        .description("articles applied to the index since start (a redelivery counts again)")
        .register(meters);
    Gauge.builder("newswatch.index.documents", indexer, ArticleIndexer::count)
        .description("articles in the searchable index")
        .register(meters);
    Gauge.builder("newswatch.index.lag", consumer, ArticleConsumer::lag)
        .description("records on news.articles not yet indexed")
        .register(meters);
  }

  /**
   * Ready when the index is open, the consumer runs, holds its partitions, reaches Kafka, has
   * caught up with the backlog it found at start and stays within {@code maxLag} records of the
   * end.
   */
  static List<String> problems(
      ArticleIndexer indexer, ArticleConsumer consumer, TopicTable<Analyst> analysts, long maxLag) {
    List<String> problems = new ArrayList<>();
    if (!indexer.isOpen()) {
      problems.add("the index is closed");
    }
    if (consumer.failure() != null) {
      problems.add("indexing stopped: " + consumer.failure().getMessage());
    } else if (consumer.outage() != null) {
      problems.add(consumer.outage().describe());
    } else if (!consumer.isRunning()) {
      problems.add("indexing is not running");
    } else if (!consumer.isAssigned()) {
      problems.add("not yet reading news.articles (waiting for the topic or the broker)");
    } else if (!consumer.isCaughtUp()) {
      problems.add("catching up with news.articles: " + consumer.lag() + " records behind");
    } else {
      consumer.progress().problem(maxLag).ifPresent(problems::add);
    }
    if (analysts.failure().isPresent()) {
      problems.add("reading analysts stopped: " + analysts.failure().get().getMessage());
    } else if (!analysts.isCaughtUp()) {
      problems.add("loading analysts' keys");
    }
    return problems;
  }

  @Override
  public int port() {
    return http.port();
  }

  /** Articles applied by this process's indexer since it started. */
  public long documentsIndexed() {
    return indexer.documentsIndexed();
  }

  /** Articles in the searchable index. */
  public int documentCount() {
    return indexer.count();
  }

  public long deadLettered() {
    return consumer.deadLettered();
  }

  /** True when ready: the same check as {@code /health}. */
  public boolean isReady() {
    return problems(indexer, consumer, analysts, maxLag).isEmpty();
  }

  @Override
  public void close() {
    parts.close();
  }
}
