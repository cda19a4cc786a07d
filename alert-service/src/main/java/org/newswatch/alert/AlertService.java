package org.newswatch.alert;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.newswatch.alert.WholeTopic.Needed;
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
import org.newswatch.alert.match.BuiltInTopicPublisher;
import org.newswatch.alert.preview.RecentArticles;
import org.newswatch.alert.web.AlertRoutes;
import org.newswatch.alert.web.AlertStream;
import org.newswatch.alert.web.AnalystRoutes;
import org.newswatch.alert.web.AnalystsPage;
import org.newswatch.alert.web.AtomRoutes;
import org.newswatch.alert.web.PreviewRoutes;
import org.newswatch.alert.web.SubscriptionRoutes;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.lifecycle.ClosingOrder;
import org.newswatch.common.lifecycle.ServiceMain;
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
public final class AlertService implements ServiceMain.Running {
  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

  private final ClosingOrder parts;
  private final ServiceHttp http;
  private final PrometheusMeterRegistry meters;

  private AlertService(ClosingOrder parts, ServiceHttp http, PrometheusMeterRegistry meters) {
    this.parts = parts;
    this.http = http;
    this.meters = meters;
  }

  /** Starts with {@link AlertSettings#defaults()}: no e-mail, index-service on localhost:8082. */
  public static AlertService start(ServiceContext context) {
    return start(context, Clock.systemUTC());
  }

  public static AlertService start(ServiceContext context, Clock clock) {
    return start(context, clock, AlertSettings.defaults());
  }

  public static AlertService start(ServiceContext ctx, Clock clock, AlertSettings settings) {
    Topics topics = ctx.topics();
    String bootstrap = ctx.bootstrap();
    TopicAdmin.ensure(bootstrap, topics, STARTUP);
    String instance = InstanceId.of(ctx.dataDir());
    // Each part is added as soon as it is made, before the parts made earlier (what is made later
    // uses what was made before): a start that fails midway closes what it had opened, and a
    // started service closes the loops (the emitter commits the batch in hand), the producer, the
    // topic readers, the matcher and the meters, in that order.
    ClosingOrder parts = new ClosingOrder();
    try {
      ServiceMeters serviceMeters = parts.addFirst(ServiceMeters.create("alert-service"));
      PrometheusMeterRegistry meters = serviceMeters.registry();

      // The topics read whole by every instance, each into memory.
      TopicTable<Analyst> analysts =
          parts.addFirst(
              new TopicTable<>(bootstrap, topics.analysts(), "alert-analysts-" + instance));
      TopicTable<Subscription> subscriptions =
          parts.addFirst(
              new TopicTable<>(
                  bootstrap, topics.subscriptions(), "alert-subscriptions-" + instance));
      // Past alerts go to the bounded store only: a table keeping every alert would undo its
      // bound.
      TopicTable<Alert> alertLog =
          parts.addFirst(
              TopicTable.listenerOnly(bootstrap, topics.alerts(), "alert-log-" + instance));
      // Stories (from ingest's linker): an alert lists the later members of its story. Bounded.
      TopicTable<Story> storyLog =
          parts.addFirst(
              TopicTable.listenerOnly(bootstrap, topics.stories(), "alert-stories-" + instance));
      // Judgements: every instance reads them all, for each subscription's precision.
      TopicTable<Feedback> feedback =
          parts.addFirst(
              new TopicTable<>(bootstrap, topics.feedback(), "alert-feedback-" + instance));
      // In their start order, with what waits for each to be read to its end.
      List<WholeTopic> wholeTopics =
          List.of(
              new WholeTopic("analysts", analysts, Needed.BEFORE_MATCHING),
              new WholeTopic("subscriptions", subscriptions, Needed.BEFORE_MATCHING),
              new WholeTopic("past alerts", alertLog, Needed.BEFORE_MATCHING),
              new WholeTopic("feedback", feedback, Needed.BEFORE_READY),
              new WholeTopic("stories", storyLog, Needed.NOTHING));

      // What the tables feed: the matcher, the alert store, the story shelf, the ledger, and the
      // live streams (a revoked analyst's end).
      // A revoked analyst's subscriptions are paused: not matched (so nothing reaches their
      // webhooks, e-mail or feeds), not delivered, until the admin issues them a new key.
      Predicate<String> paused = owner -> analysts.get(owner).map(Analyst::revoked).orElse(false);
      // Closed after the tables that feed it, though made after them.
      AlertMatcher matcher = parts.addAfter(analysts, new AlertMatcher(paused));
      AlertStore store = new AlertStore();
      FeedbackLedger ledger = new FeedbackLedger(store);
      StoryShelf stories = new StoryShelf(StoryShelf.DEFAULT_CAPACITY);
      AlertStream stream = new AlertStream(store, settings.limits());
      analysts.onChange(
          (id, analyst) -> {
            if (analyst == null || analyst.revoked()) {
              stream.endStreamsOf(id);
            }
          });
      // The matcher hears of a subscription before any writer waiting for it (listeners run in
      // order).
      subscriptions.onChange(matcher::apply);
      alertLog.onChange(
          (id, alert) -> {
            if (alert != null) {
              store.add(alert);
            }
          });
      storyLog.onChange(stories::put);
      feedback.onChange(ledger::apply);

      // One producer for what the API writes (subscriptions, analysts, feedback) and for
      // delivery's dead letters; each writer waits until its own table has read the write back.
      KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(KafkaSettings.producer(bootstrap, "alert-writer-" + instance));
      parts.addFirst(() -> producer.close(Duration.ofSeconds(5)));
      AutoCloseable producerMeters = ServiceMeters.watch(meters, producer);
      parts.addFirst(() -> ServiceMeters.unwatch(producerMeters));
      TopicWriter<Subscription> subscriptionWriter =
          new TopicWriter<>(producer, topics.subscriptions(), subscriptions, WRITE_TIMEOUT);
      TopicWriter<Analyst> analystWriter =
          new TopicWriter<>(producer, topics.analysts(), analysts, WRITE_TIMEOUT);
      TopicWriter<Feedback> feedbackWriter =
          new TopicWriter<>(producer, topics.feedback(), feedback, WRITE_TIMEOUT);

      // Articles → alerts, once the tables are read and the built-in topics published.
      Readiness readiness =
          new Readiness(
              wholeTopics, new BuiltInTopicPublisher(subscriptions, subscriptionWriter, clock));
      AlertEmitter emitter =
          parts.addFirst(
              new AlertEmitter(
                  bootstrap,
                  topics,
                  topics.prefix() + "newswatch-alert",
                  topics.prefix() + "newswatch-alert-" + instance,
                  new ArticleAlerter(matcher, store::contains, clock, meters),
                  store,
                  readiness::await,
                  meters,
                  clock));

      // Alerts → webhooks and e-mail, at once or in digests.
      AddressGuard guard = new AddressGuard(ctx.allowPrivateFeeds());
      // Five attempts over about 7.5 s (0.5, 1, 2, 4 s apart): rides out a receiver's restart.
      WebhookSender webhooks =
          new WebhookSender(
              guard,
              clock,
              new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(30)),
              ctx.contactUrl());
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
      DeliveryLog deliveries = new DeliveryLog();
      DeliveryLoop delivery =
          parts.addFirst(
              new DeliveryLoop(
                  bootstrap,
                  topics,
                  topics.prefix() + "newswatch-alert-delivery",
                  producer,
                  id -> subscriptions.get(id).filter(s -> !paused.test(s.owner())),
                  webhooks,
                  email,
                  deliveries,
                  clock,
                  meters,
                  settings.delivery()));
      // With several instances (compose --scale) only the one delivering partition 0 sends
      // digests; one that takes over starts with the current period, so none is sent twice.
      DigestScheduler digests =
          parts.addFirst(
              new DigestScheduler(
                  () ->
                      delivery.holdsFirstPartition()
                          ? subscriptions.snapshot().values().stream()
                              .filter(s -> !paused.test(s.owner()))
                              .toList()
                          : List.of(),
                  store,
                  webhooks,
                  email,
                  new DeadLetterWriter(producer, topics),
                  deliveries,
                  clock,
                  ctx.dataDir()));

      registerGauges(meters, matcher, store, stream);
      wholeTopics.forEach(t -> t.table().start());

      AnalystKeys keys = new AnalystKeys(ctx.adminKey(), analysts);
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
      AtomRoutes atomRoutes = new AtomRoutes(store, subscriptions, keys, paused);
      AlertHealth health = new AlertHealth(ctx.healthMaxLag(), wholeTopics, emitter, delivery);
      ServiceHttp http =
          ServiceHttp.builder("alert-service")
              .port(ctx.port())
              .meters(meters)
              .health(health)
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
                    AnalystsPage.register(r);
                  })
              .start();
      // Closed first: the emitter's wait and the live streams end (each holds a request thread
      // that the HTTP server's stop would wait for), then HTTP. Neither holds anything before
      // HTTP serves.
      parts.addFirst(http);
      parts.addFirst(stream);
      parts.addFirst(readiness);

      emitter.start();
      delivery.start();
      digests.start();
      return new AlertService(parts, http, meters);
    } catch (RuntimeException e) {
      // The port is taken, say: stop what already runs, or its threads would keep the JVM alive.
      parts.close();
      throw e;
    }
  }

  private static void registerGauges(
      PrometheusMeterRegistry meters, AlertMatcher matcher, AlertStore store, AlertStream stream) {
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
  }

  @Override
  public int port() {
    return http.port();
  }

  /** The service's meters (for the bench and tests). */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    parts.close();
  }
}
