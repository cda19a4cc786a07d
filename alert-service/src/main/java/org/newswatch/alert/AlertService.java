package org.newswatch.alert;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.newswatch.alert.deliver.Backoff;
import org.newswatch.alert.deliver.DeadLetterWriter;
import org.newswatch.alert.deliver.DeliveryLog;
import org.newswatch.alert.deliver.DeliveryLoop;
import org.newswatch.alert.deliver.DigestScheduler;
import org.newswatch.alert.deliver.EmailSender;
import org.newswatch.alert.deliver.WebhookSender;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.alert.emit.ArticleAlerter;
import org.newswatch.alert.feedback.FeedbackLedger;
import org.newswatch.alert.match.AlertMatcher;
import org.newswatch.alert.match.BuiltInTopics;
import org.newswatch.alert.preview.RecentArticles;
import org.newswatch.alert.web.AlertRoutes;
import org.newswatch.alert.web.AlertStream;
import org.newswatch.alert.web.AnalystRoutes;
import org.newswatch.alert.web.AtomRoutes;
import org.newswatch.alert.web.PreviewRoutes;
import org.newswatch.alert.web.SubscriptionRoutes;
import org.newswatch.common.Hashes;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Feedback;
import org.newswatch.common.model.Story;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.stories.StoryShelf;
import org.newswatch.common.web.AnalystKeys;
import org.newswatch.common.web.ServiceHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert-service: subscriptions on {@code news.subscriptions}, matched against every article on
 * {@code news.articles} with the Lucene monitor, alerts written once per subscription and story to
 * {@code news.alerts}, and the HTTP API. Started by {@link AlertMain} alone or by the all-in-one;
 * {@link #close()} stops it, committing the batch in hand.
 */
public final class AlertService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

  private final ServiceContext context;
  private final Clock clock;
  private final ServiceMeters serviceMeters = ServiceMeters.create("alert-service");
  private final PrometheusMeterRegistry meters = serviceMeters.registry();
  private final TopicTable<Analyst> analysts;
  private final TopicTable<Subscription> subscriptions;
  private final TopicTable<Alert> alertLog;
  private final TopicTable<Feedback> feedback;
  private final TopicTable<Story> storyLog;
  private final AlertStore store = new AlertStore();
  private final FeedbackLedger ledger = new FeedbackLedger(store);
  private final AlertMatcher matcher;
  private final KafkaProducer<String, byte[]> producer;
  private final AutoCloseable producerMeters;
  private final TopicWriter<Subscription> subscriptionWriter;
  private final AlertEmitter emitter;
  private final DeliveryLog deliveries = new DeliveryLog();
  private final DeliveryLoop delivery;
  private final AlertStream stream;
  private final DigestScheduler digests;
  private final ServiceHttp http;
  private volatile boolean closing;

  private AlertService(ServiceContext context, Clock clock, AlertSettings settings) {
    this.context = context;
    this.clock = clock;
    Topics topics = context.topics();
    String bootstrap = context.bootstrap();
    TopicAdmin.ensure(bootstrap, topics, Duration.ofSeconds(30));
    String instance = instanceId(context.dataDir());

    analysts = new TopicTable<>(bootstrap, topics.analysts(), "alert-analysts-" + instance);
    subscriptions =
        new TopicTable<>(bootstrap, topics.subscriptions(), "alert-subscriptions-" + instance);
    // A revoked analyst's subscriptions are paused: not matched (so nothing reaches their webhooks,
    // e-mail or feeds), not delivered, until the admin issues them a new key.
    matcher = new AlertMatcher(this::paused);
    stream = new AlertStream(store, settings.limits());
    analysts.onChange(
        (id, analyst) -> {
          if (analyst == null || analyst.revoked()) {
            stream.endStreamsOf(id);
          }
        });
    // The matcher hears of a subscription before any writer waiting for it (listeners run in
    // order).
    subscriptions.onChange(matcher::apply);
    // Past alerts go to the bounded store only: a table keeping every alert would undo its bound.
    alertLog = TopicTable.listenerOnly(bootstrap, topics.alerts(), "alert-log-" + instance);
    alertLog.onChange(
        (id, alert) -> {
          if (alert != null) {
            store.add(alert);
          }
        });

    // Judgements: every instance reads them all, for each subscription's precision.
    // Stories (from ingest's linker): an alert lists the later members of its story. Bounded shelf.
    StoryShelf stories = new StoryShelf(StoryShelf.DEFAULT_CAPACITY);
    storyLog = TopicTable.listenerOnly(bootstrap, topics.stories(), "alert-stories-" + instance);
    storyLog.onChange(stories::put);

    feedback = new TopicTable<>(bootstrap, topics.feedback(), "alert-feedback-" + instance);
    feedback.onChange(ledger::apply);

    producer = new KafkaProducer<>(KafkaSettings.producer(bootstrap, "alert-writer-" + instance));
    producerMeters = ServiceMeters.watch(meters, producer);
    subscriptionWriter =
        new TopicWriter<>(producer, topics.subscriptions(), subscriptions, WRITE_TIMEOUT);
    TopicWriter<Analyst> analystWriter =
        new TopicWriter<>(producer, topics.analysts(), analysts, WRITE_TIMEOUT);
    TopicWriter<Feedback> feedbackWriter =
        new TopicWriter<>(producer, topics.feedback(), feedback, WRITE_TIMEOUT);
    AnalystKeys keys = new AnalystKeys(context.adminKey(), analysts);

    Gauge.builder("newswatch.alert.subscriptions", matcher, AlertMatcher::size)
        .description("subscriptions being matched")
        .register(meters);
    Gauge.builder("newswatch.alert.alerts.stored", store, AlertStore::size)
        .description("alerts held for the API")
        .register(meters);
    Gauge.builder("newswatch.alert.stream.clients", stream, AlertStream::clients)
        .description("live streams open")
        .register(meters);
    FunctionCounter.builder("newswatch.alert.stream.dropped", stream, AlertStream::dropped)
        .description("live-stream clients dropped for falling behind")
        .register(meters);
    ArticleAlerter alerter = new ArticleAlerter(matcher, store::contains, clock, meters);
    emitter =
        new AlertEmitter(
            bootstrap,
            topics,
            topics.prefix() + "newswatch-alert",
            topics.prefix() + "newswatch-alert-" + instance,
            alerter,
            store,
            this::prepare,
            meters,
            clock);

    AddressGuard guard = new AddressGuard(context.allowPrivateFeeds());
    // Five attempts over about 7.5 s (0.5, 1, 2, 4 s apart): rides out a receiver's restart.
    WebhookSender webhooks =
        new WebhookSender(
            guard,
            clock,
            new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(30)),
            context.contactUrl());
    // E-mail retries like webhooks: five attempts over about 7.5 s ride out a mail server's
    // restart.
    EmailSender email =
        settings
            .smtp()
            .map(
                smtp ->
                    new EmailSender(
                        smtp,
                        new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(30)),
                        clock))
            .orElse(null);
    settings.smtp().ifPresent(smtp -> LOG.info("e-mail alerts through {}", smtp));
    delivery =
        new DeliveryLoop(
            bootstrap,
            topics,
            topics.prefix() + "newswatch-alert-delivery",
            producer,
            id -> subscriptions.get(id).filter(s -> !paused(s.owner())),
            webhooks,
            email,
            deliveries,
            clock,
            meters,
            settings.delivery());
    // With several instances (compose --scale) only the one delivering partition 0 sends digests;
    // one that takes over starts with the current period, so none is sent twice.
    DeliveryLoop deliveryLoop = delivery;
    digests =
        new DigestScheduler(
            () ->
                deliveryLoop.holdsFirstPartition()
                    ? subscriptions.snapshot().values().stream()
                        .filter(s -> !paused(s.owner()))
                        .toList()
                    : List.of(),
            store,
            webhooks,
            email,
            new DeadLetterWriter(producer, topics),
            deliveries,
            clock,
            context.dataDir());

    analysts.start();
    subscriptions.start();
    alertLog.start();
    feedback.start();
    storyLog.start();
    AnalystRoutes analystRoutes = new AnalystRoutes(analysts, analystWriter, keys, clock);
    SubscriptionRoutes subscriptionRoutes =
        new SubscriptionRoutes(
            subscriptions,
            subscriptionWriter,
            guard,
            email != null,
            deliveries,
            settings.limits(),
            ledger,
            clock);
    AlertRoutes alertRoutes =
        new AlertRoutes(store, subscriptions, ledger, feedbackWriter, stories, clock);
    PreviewRoutes previewRoutes =
        new PreviewRoutes(new RecentArticles(settings.indexUrl()), settings.limits(), clock);
    AtomRoutes atomRoutes = new AtomRoutes(store, subscriptions, keys, this::paused);
    try {
      http =
          ServiceHttp.builder("alert-service")
              .port(context.port())
              .meters(meters)
              .health(this::problems)
              .keys(keys)
              .openApi("/org/newswatch/alert/openapi.json")
              .ownCredential(AtomRoutes::readWithFeedToken)
              .routes(
                  r -> {
                    analystRoutes.register(r);
                    // Before /api/subscriptions/{id}, though only POST is taken here and {id} has
                    // no POST.
                    previewRoutes.register(r);
                    subscriptionRoutes.register(r);
                    alertRoutes.register(r);
                    atomRoutes.register(r);
                    stream.register(r);
                    r.get("/", AlertService::analystsPage);
                  })
              .start();
    } catch (RuntimeException e) {
      // The port is taken, say: stop what already runs, or its threads would keep the JVM alive.
      closeParts();
      throw e;
    }
    emitter.start();
    delivery.start();
    digests.start();
  }

  /** Starts with {@link AlertSettings#defaults()}: no e-mail, index-service on localhost:8082. */
  public static AlertService start(ServiceContext context) {
    return start(context, Clock.systemUTC());
  }

  public static AlertService start(ServiceContext context, Clock clock) {
    return start(context, clock, AlertSettings.defaults());
  }

  public static AlertService start(ServiceContext context, Clock clock, AlertSettings settings) {
    return new AlertService(context, clock, settings);
  }

  public int port() {
    return http.port();
  }

  /** The service's meters (for the bench and tests). */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The analysts' page: one static document; it signs in with a key and talks to /api/. */
  private static void analystsPage(io.javalin.http.Context ctx) throws IOException {
    try (var in =
        AlertService.class.getResourceAsStream("/org/newswatch/alert/web/analysts.html")) {
      if (in == null) {
        throw new IllegalStateException("analysts.html missing from the jar");
      }
      ctx.contentType("text/html; charset=utf-8")
          .header(
              "Content-Security-Policy",
              "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
          .result(in.readAllBytes());
    }
  }

  /**
   * Runs on the emitter's thread before it reads any article: every subscription and every past
   * alert must be known first, or an article could be matched against too few subscriptions or
   * alerted twice. Then the built-in topics are published (again, if their file changed).
   */
  private boolean prepare() {
    try {
      while (!closing) {
        // Analysts too: a revoked analyst's subscriptions must be known as paused before matching.
        if (analysts.awaitCaughtUp(Duration.ofMillis(500))
            && subscriptions.awaitCaughtUp(Duration.ofMillis(500))
            && alertLog.awaitCaughtUp(Duration.ofMillis(500))) {
          publishBuiltIns();
          return !closing;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Idempotent: a built-in topic already on the topic with the same definition is left alone. */
  private void publishBuiltIns() {
    for (Subscription builtIn : BuiltInTopics.subscriptions(clock.instant())) {
      Subscription current = subscriptions.get(builtIn.id()).orElse(null);
      if (current != null
          && current.query().equals(builtIn.query())
          && current.name().equals(builtIn.name())
          && current.languages().equals(builtIn.languages())
          && current.owner().equals(builtIn.owner())) {
        continue;
      }
      Subscription s =
          current == null
              ? builtIn
              : new Subscription(
                  Subscription.SCHEMA,
                  builtIn.id(),
                  builtIn.owner(),
                  builtIn.name(),
                  builtIn.query(),
                  builtIn.languages(),
                  current.sources(),
                  current.schedule(),
                  current.channels(),
                  current.createdAt(),
                  current.feedToken(),
                  current.alertEachMember());
      subscriptionWriter.write(s.id(), s);
      LOG.info("published built-in topic {}", s.id());
    }
  }

  /** True for an owner whose key was revoked (the admin and unknown owners never are). */
  private boolean paused(String owner) {
    return analysts.get(owner).map(Analyst::revoked).orElse(false);
  }

  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!analysts.isCaughtUp()) {
      problems.add("analysts not read yet from " + context.topics().analysts().name());
    }
    if (!subscriptions.isCaughtUp()) {
      problems.add("subscriptions not read yet from " + context.topics().subscriptions().name());
    }
    if (!alertLog.isCaughtUp()) {
      problems.add("past alerts not read yet from " + context.topics().alerts().name());
    }
    if (!feedback.isCaughtUp()) {
      problems.add("feedback not read yet from " + context.topics().feedback().name());
    }
    if (!emitter.joined()) {
      problems.add("article consumer not assigned yet");
    } else {
      emitter.progress().problem(context.healthMaxLag()).ifPresent(problems::add);
    }
    emitter.failure().ifPresent(e -> problems.add("alert emitter stopped: " + e.getMessage()));
    problems.addAll(delivery.problems());
    for (TopicTable<?> t : List.of(analysts, subscriptions, alertLog, feedback, storyLog)) {
      t.failure().ifPresent(e -> problems.add("a topic reader stopped: " + e.getMessage()));
    }
    return problems;
  }

  /**
   * A stable id for this instance, kept in its data folder: it names the transactional producer, so
   * a restarted instance fences its predecessor and aborts any transaction it left open.
   */
  static String instanceId(Path dataDir) {
    Objects.requireNonNull(dataDir, "the alert service needs a data folder");
    Path file = dataDir.resolve("instance.id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(dataDir);
      String id =
          Hashes.id(dataDir.toAbsolutePath().toString(), String.valueOf(System.nanoTime()))
              .substring(0, 10);
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  @Override
  public void close() {
    closing = true;
    // Streams first: each holds a request thread that the HTTP server's stop would wait for.
    stream.close();
    http.close();
    closeParts();
  }

  private void closeParts() {
    closing = true;
    stream.close();
    emitter.close();
    delivery.close();
    digests.close();
    storyLog.close();
    feedback.close();
    alertLog.close();
    subscriptions.close();
    analysts.close();
    ServiceMeters.unwatch(producerMeters);
    producer.close(Duration.ofSeconds(5));
    matcher.close();
    serviceMeters.close();
  }
}
