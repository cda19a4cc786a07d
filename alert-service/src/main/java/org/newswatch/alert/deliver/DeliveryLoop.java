package org.newswatch.alert.deliver;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to their subscriptions' webhooks and e-mail addresses, at least once: a consumer
 * group of its own on {@code news.alerts} that hands each record to an {@link AlertDispatcher} and
 * keeps polling. A partition is committed up to its lowest record not yet durably done (delivered,
 * or failed and dead-lettered, in whatever order deliveries finish), so a restart repeats only
 * what was unfinished; receivers drop repeats by the alert id ({@code Idempotency-Key}, or the
 * e-mail's {@code Message-ID}). With {@code maxInFlight} records unfinished the loop pauses its
 * partitions (and still polls, so it stays in the group) until half of them are done.
 *
 * <p>Only subscriptions with schedule {@code immediate} are delivered one by one here.
 */
public final class DeliveryLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
  public static final String TARGET_HEADER = DeadLetterWriter.TARGET_HEADER;

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final AlertDispatcher dispatcher;
  private final PendingOffsets pending = new PendingOffsets();
  private final DeliverySettings settings;
  private final Clock clock;
  private final ConsumerProgress progress;
  private final AutoCloseable clientMeters;
  private final Thread thread;
  private volatile boolean holdsFirstPartition;
  private volatile boolean running = true;
  private volatile Instant lastPoll;
  private volatile boolean readingPaused;
  private volatile Throwable failure;

  public DeliveryLoop(
      String bootstrap, Topics topics, String groupId, Producer<String, byte[]> producer, Function<String, Optional<Subscription>> subscriptions, WebhookSender webhooks,
      DeliveryLog log, Clock clock, MeterRegistry meters) {
    this(bootstrap, topics, groupId, producer, subscriptions, webhooks, null, log, clock, meters, DeliverySettings.defaults());
  }

  /** @param email the e-mail sender, or null without SMTP */
  public DeliveryLoop(
      String bootstrap, Topics topics, String groupId, Producer<String, byte[]> producer, Function<String, Optional<Subscription>> subscriptions, WebhookSender webhooks,
      EmailSender email, DeliveryLog log, Clock clock, MeterRegistry meters, DeliverySettings settings) {
    Properties c = KafkaSettings.consumer(bootstrap, groupId, groupId);
    this.consumer = new KafkaConsumer<>(c);
    this.topic = topics.alerts().name();
    this.dispatcher = new AlertDispatcher(subscriptions, webhooks, email, new DeadLetterWriter(producer, topics), log, clock, meters, settings);
    this.settings = settings;
    this.clock = clock;
    this.progress = new ConsumerProgress(topic);
    this.clientMeters = ServiceMeters.watch(meters, consumer);
    this.thread = new Thread(this::run, "alert-delivery");
  }

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

  /** Why the loop stopped, if it stopped on an error. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** What {@code /health} should say about delivery: stuck destinations, a loop that stopped polling. */
  public List<String> problems() {
    List<String> out = new ArrayList<>(dispatcher.stuck());
    Instant polled = lastPoll;
    if (polled != null && running && Duration.between(polled, clock.instant()).compareTo(settings.stuckAfter()) > 0) {
      out.add("alert delivery loop has not polled " + topic + " for " + Duration.between(polled, clock.instant()).toSeconds() + " s");
    }
    return out;
  }

  public DeliveryLoop start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          PendingOffsets.Ticket ticket = pending.add(r.partition(), r.offset());
          dispatcher.dispatch(r.key(), r.value(), RecordOrigin.of(r), () -> pending.finish(ticket));
        }
        lastPoll = clock.instant();
        commitFinished();
        pauseOrResume();
        progress.polled(consumer);
        holdsFirstPartition = consumer.assignment().contains(new TopicPartition(topic, 0));
      }
    } catch (WakeupException e) {
      // close(): a normal stop; unfinished records are delivered again at the next start.
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("alert delivery stopped", e);
    } finally {
      dispatcher.close();
      try {
        commitFinished();
      } catch (RuntimeException e) {
        LOG.warn("last commit of finished deliveries failed; they may be delivered again: {}", e.getMessage());
      }
      ServiceMeters.unwatch(clientMeters);
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Commits each partition up to its lowest unfinished record. */
  private void commitFinished() {
    Map<Integer, Long> offsets = pending.committable();
    if (offsets.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    offsets.forEach((partition, offset) -> commit.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)));
    try {
      consumer.commitSync(commit, Duration.ofSeconds(10));
      pending.committed(offsets);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // A rebalance or an unreachable broker: tried again next round; if the partition moved,
      // its new owner delivers from the last commit (at least once).
      LOG.warn("commit of finished deliveries failed, trying again: {}", e.getMessage());
    }
  }

  /** Bounds what is in flight: reading pauses at maxInFlight unfinished records, resumes at half. */
  private void pauseOrResume() {
    int unfinished = pending.unfinished();
    if (unfinished >= settings.maxInFlight()) {
      if (!consumer.paused().containsAll(consumer.assignment())) {
        LOG.warn("{} alerts being delivered: pausing {} until half are done", unfinished, topic);
        consumer.pause(consumer.assignment());
      }
      readingPaused = true;
    } else if (unfinished <= settings.maxInFlight() / 2 && !consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
      readingPaused = false;
    }
  }

  /** True while reading is paused because {@code maxInFlight} records are unfinished. */
  boolean readingPaused() {
    return readingPaused;
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitFinished();
      pending.forget(partitions.stream().map(TopicPartition::partition).toList());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Another instance owns them already: committing would fail; just stop counting them.
      pending.forget(partitions.stream().map(TopicPartition::partition).toList());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }

  @Override
  public void close() {
    if (thread.getState() == Thread.State.NEW) {
      dispatcher.close();
      ServiceMeters.unwatch(clientMeters);
      consumer.close();
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
