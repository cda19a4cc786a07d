package org.newswatch.alert.deliver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to their subscriptions' webhooks and e-mail addresses, at least once: a consumer group of its own on
 * {@code news.alerts}, committing a batch's offsets only after every alert in it was delivered or,
 * after its retries, sent to {@code news.deadletter}. A restart therefore repeats at most the
 * batch in hand; receivers drop repeats by the alert id ({@code Idempotency-Key}, or the
 * e-mail's {@code Message-ID}).
 *
 * <p>Only subscriptions with schedule {@code immediate} are delivered one by one here.
 */
public final class DeliveryLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
  public static final String TARGET_HEADER = DeadLetterWriter.TARGET_HEADER;

  private final KafkaConsumer<String, byte[]> consumer;
  private final DeadLetterWriter deadLetters;
  private final Topics topics;
  private final Function<String, Optional<Subscription>> subscriptions;
  private final WebhookSender webhooks;
  /** Null when SMTP is not configured (e-mail channels are then refused when saved). */
  private final EmailSender email;
  private final DeliveryLog log;
  private final Clock clock;
  private final Counter delivered;
  private final Counter failed;
  private final Counter failedErrors;
  private final ConsumerProgress progress;
  private final AutoCloseable clientMeters;
  private volatile boolean holdsFirstPartition;
  private final Thread thread;
  private volatile boolean running = true;
  /** True while webhooks are being called (and maybe waiting between retries): close() may interrupt then. */
  private volatile boolean delivering;
  private volatile Throwable failure;

  public DeliveryLoop(
      String bootstrap, Topics topics, String groupId, Producer<String, byte[]> producer, Function<String, Optional<Subscription>> subscriptions, WebhookSender webhooks,
      DeliveryLog log, Clock clock, MeterRegistry meters) {
    this(bootstrap, topics, groupId, producer, subscriptions, webhooks, null, log, clock, meters);
  }

  /** @param email the e-mail sender, or null without SMTP */
  public DeliveryLoop(
      String bootstrap, Topics topics, String groupId, Producer<String, byte[]> producer, Function<String, Optional<Subscription>> subscriptions, WebhookSender webhooks,
      EmailSender email, DeliveryLog log, Clock clock, MeterRegistry meters) {
    Properties c = KafkaSettings.consumer(bootstrap, groupId, groupId);
    // Each alert may take several webhook attempts with backoff: small batches keep the loop
    // well inside max.poll.interval.ms (5 minutes).
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
    this.consumer = new KafkaConsumer<>(c);
    this.deadLetters = new DeadLetterWriter(producer, topics);
    this.topics = topics;
    this.subscriptions = subscriptions;
    this.webhooks = webhooks;
    this.email = email;
    this.log = log;
    this.clock = clock;
    this.delivered = Counter.builder("newswatch.alert.deliveries").tag("outcome", "delivered").register(meters);
    this.failed = Counter.builder("newswatch.alert.deliveries").tag("outcome", "failed").register(meters);
    this.failedErrors = ServiceMeters.errors(meters, "delivery-failed");
    this.progress = new ConsumerProgress(topics.alerts().name());
    this.clientMeters = ServiceMeters.watch(meters, consumer);
    this.thread = new Thread(this::run, "alert-delivery");
  }

  /** Why the loop stopped, if it stopped on an error. */
  /**
   * True while this instance delivers partition 0 of the alerts topic: of several alert-service
   * instances, exactly one at a time, so it is the one that sends the digests.
   */
  public boolean holdsFirstPartition() {
    return holdsFirstPartition;
  }

  /** How far behind on the alerts topic and whether it reaches Kafka, for {@code /health}. */
  public ConsumerProgress progress() {
    return progress;
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  public DeliveryLoop start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topics.alerts().name()));
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        delivering = true;
        try {
          for (ConsumerRecord<String, byte[]> r : records) {
            deliver(r);
          }
        } finally {
          delivering = false;
        }
        if (!records.isEmpty()) {
          consumer.commitSync();
        }
        progress.polled(consumer);
        holdsFirstPartition = consumer.assignment().contains(new TopicPartition(topics.alerts().name(), 0));
      }
    } catch (WakeupException e) {
      // close(): a normal stop; the uncommitted batch is delivered again at the next start.
    } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
      // close() interrupted a wait between retries: a normal stop too.
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("alert delivery stopped", e);
    } finally {
      // An interrupt from close() must not cut the consumer's own close short.
      Thread.interrupted();
      ServiceMeters.unwatch(clientMeters);
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void deliver(ConsumerRecord<String, byte[]> r) throws InterruptedException {
    Alert alert;
    try {
      alert = Json.fromBytes(r.value(), Alert.class);
    } catch (IllegalArgumentException e) {
      LOG.warn("unreadable alert {} at {}-{}@{}: {}", r.key(), r.topic(), r.partition(), r.offset(), e.getMessage());
      return;
    }
    Optional<Subscription> s = subscriptions.apply(alert.subscriptionId());
    if (s.isEmpty() || s.get().schedule() != Subscription.Schedule.immediate) {
      return;
    }
    for (Subscription.Channel channel : s.get().channels()) {
      WebhookSender.Result result;
      String target;
      switch (channel.type()) {
        case "webhook" -> {
          result = webhooks.send(alert, channel);
          target = channel.url();
        }
        case "email" -> {
          target = "mailto:" + channel.to();
          result =
              email == null
                  ? new WebhookSender.Result(false, List.of("refused: SMTP is not configured (" + SmtpSettings.HOST + ")"))
                  : email.send(alert.id(), AlertMail.of(alert, s.get().name()), channel.to());
        }
        default -> {
          continue; // atom: read by the feed reader, nothing to send
        }
      }
      log.add(new DeliveryLog.Delivery(alert.id(), alert.subscriptionId(), alert.owner(), channel.type(), target, result.delivered(), result.attempts(), clock.instant()));
      if (result.delivered()) {
        delivered.increment();
      } else {
        failed.increment();
        failedErrors.increment();
        deadLetters.write(
            alert.id(), r.value(), channel.type() + " delivery failed after " + result.attempts().size() + " attempt(s): " + result.lastError(),
            RecordOrigin.of(r), target);
      }
    }
  }

  @Override
  public void close() {
    if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
      ServiceMeters.unwatch(clientMeters);
      consumer.close();
      return;
    }
    running = false;
    consumer.wakeup();
    // A delivery waiting between retries is interrupted; its alert is delivered at the next start.
    if (delivering) {
      thread.interrupt();
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
