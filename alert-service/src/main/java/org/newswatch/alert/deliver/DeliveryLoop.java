package org.newswatch.alert.deliver;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.newswatch.common.kafka.ConsumerLoop;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.DeadLetter;
import org.newswatch.common.kafka.JsonSerde;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to their subscriptions' webhooks and e-mail addresses, at least once: a {@link
 * ConsumerLoop} in a consumer group of its own on {@code news.alerts} that hands each alert to an
 * {@link AlertDispatcher} and keeps polling. A partition is committed up to its lowest record not
 * yet durably done (delivered, or failed and dead-lettered, in whatever order deliveries finish),
 * so a restart repeats only what was unfinished; receivers drop repeats by the alert id ({@code
 * Idempotency-Key}, or the e-mail's {@code Message-ID}). With {@code maxInFlight} records
 * unfinished the loop pauses its partitions (and still polls, so it stays in the group) until half
 * of them are done.
 *
 * <p>The loop's three buckets: a record that is not an alert is dead-lettered through the loop
 * (counted on its health) and done; a delivery that fails for good is dead-lettered by the
 * dispatcher, with its target; anything else stops the loop, and {@link #problems()} says so.
 *
 * <p>Only subscriptions with schedule {@code immediate} are delivered one by one here.
 */
public final class DeliveryLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
  public static final String TARGET_HEADER = DeadLetterWriter.TARGET_HEADER;

  private final Topic<Alert> topic;
  private final AlertDispatcher dispatcher;
  private final PendingOffsets pending = new PendingOffsets();
  private final DeliverySettings settings;
  private final ConsumerLoop loop;
  private volatile boolean holdsFirstPartition;
  private volatile boolean readingPaused;

  public DeliveryLoop(
      String bootstrap,
      Topics topics,
      String groupId,
      Producer<String, byte[]> producer,
      Function<String, Optional<Subscription>> subscriptions,
      WebhookSender webhooks,
      DeliveryLog log,
      Clock clock,
      MeterRegistry meters) {
    this(
        bootstrap,
        topics,
        groupId,
        producer,
        subscriptions,
        webhooks,
        null,
        log,
        clock,
        meters,
        DeliverySettings.defaults());
  }

  /**
   * @param producer writes the dead letters of deliveries that failed for good
   * @param email the e-mail sender, or null without SMTP
   */
  public DeliveryLoop(
      String bootstrap,
      Topics topics,
      String groupId,
      Producer<String, byte[]> producer,
      Function<String, Optional<Subscription>> subscriptions,
      WebhookSender webhooks,
      EmailSender email,
      DeliveryLog log,
      Clock clock,
      MeterRegistry meters,
      DeliverySettings settings) {
    this.topic = topics.alerts();
    this.dispatcher =
        new AlertDispatcher(
            subscriptions,
            webhooks,
            email,
            new DeadLetterWriter(producer, topics),
            log,
            clock,
            meters,
            settings);
    this.settings = settings;
    this.loop =
        ConsumerLoop.builder(
                "alert-delivery", topic.name(), KafkaSettings.consumer(bootstrap, groupId, groupId))
            .deadLetters(topics.deadLetter(), DeadLetterWriter.SERVICE)
            .meters(meters)
            // Also how soon a paused loop polls again: often enough to resume promptly.
            .pollTimeout(Duration.ofMillis(200))
            .stopWithin(Duration.ofSeconds(30))
            .clock(clock)
            .build(new Delivering());
  }

  /**
   * True while this instance delivers partition 0 of the alerts topic: of several alert-service
   * instances, exactly one at a time, so it is the one that sends the digests.
   */
  public boolean holdsFirstPartition() {
    return holdsFirstPartition;
  }

  /** How far behind on the alerts topic and whether it reaches Kafka. */
  public ConsumerProgress progress() {
    return loop.progress();
  }

  /** The loop's lifecycle view: state, last poll, last error, dead letters of unreadable alerts. */
  public ConsumerLoop.Health health() {
    return loop.health();
  }

  /** Why the loop stopped, if it stopped on an error. */
  public Optional<Throwable> failure() {
    return loop.failure();
  }

  /**
   * What {@code /health} should say about delivery: stuck destinations, and a loop that stopped,
   * went silent or lost Kafka. Not how far behind it is: a loop paused at {@code maxInFlight} is
   * behind by design, and its stuck destinations say why.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>(dispatcher.stuck());
    loop.problem(Long.MAX_VALUE).ifPresent(p -> out.add("alert delivery: " + p));
    return out;
  }

  public DeliveryLoop start() {
    loop.start();
    return this;
  }

  /** True while reading is paused because {@code maxInFlight} records are unfinished. */
  boolean readingPaused() {
    return readingPaused;
  }

  /** Stops reading and sending; what is still being delivered is read again at the next start. */
  @Override
  public void close() {
    loop.close();
  }

  /** The Kafka half: reads alerts, hands them to the dispatcher, commits what is done, pauses. */
  private final class Delivering implements ConsumerLoop.Work {
    private Consumer<String, byte[]> consumer;

    @Override
    public boolean begin(ConsumerLoop.Context context) {
      consumer = context.consumer();
      consumer.subscribe(List.of(topic.name()), new Rebalance());
      return true;
    }

    @Override
    public void polled(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      List<PendingOffsets.Ticket> deadLettered = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : records) {
        PendingOffsets.Ticket ticket = pending.add(r.partition(), r.offset());
        Alert alert;
        try {
          alert = read(r.value());
        } catch (IllegalArgumentException e) {
          context.deadLetter(
              r, new IllegalArgumentException("unreadable alert: " + DeadLetter.describe(e), e));
          deadLettered.add(ticket);
          continue;
        }
        dispatcher.dispatch(alert, r.value(), RecordOrigin.of(r), () -> pending.finish(ticket));
      }
      // Done only once Kafka has the dead letter: a commit never passes an unwritten one.
      context.awaitDeadLetters();
      deadLettered.forEach(pending::finish);
      commitFinished();
      pauseOrResume();
      holdsFirstPartition = consumer.assignment().contains(new TopicPartition(topic.name(), 0));
    }

    @Override
    public void finish(ConsumerLoop.Context context) {
      // Deliveries in flight are abandoned unfinished (read again at the next start); the rest is
      // committed.
      dispatcher.close();
      commitFinished();
    }

    @Override
    public void release() {
      dispatcher.close();
      holdsFirstPartition = false;
    }

    private Alert read(byte[] value) {
      Alert alert = JsonSerde.decode(topic, value);
      if (alert == null) {
        throw new IllegalArgumentException("record has no value");
      }
      return alert;
    }

    /** Commits each partition up to its lowest unfinished record. */
    private void commitFinished() {
      Map<Integer, Long> offsets = pending.committable();
      if (offsets.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      offsets.forEach(
          (partition, offset) ->
              commit.put(
                  new TopicPartition(topic.name(), partition), new OffsetAndMetadata(offset)));
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

    /**
     * Bounds what is in flight: reading pauses at maxInFlight unfinished records, resumes at half.
     */
    private void pauseOrResume() {
      int unfinished = pending.unfinished();
      if (unfinished >= settings.maxInFlight()) {
        if (!consumer.paused().containsAll(consumer.assignment())) {
          LOG.warn(
              "{} alerts being delivered: pausing {} until half are done",
              unfinished,
              topic.name());
          consumer.pause(consumer.assignment());
        }
        readingPaused = true;
      } else if (unfinished <= settings.maxInFlight() / 2 && !consumer.paused().isEmpty()) {
        consumer.resume(consumer.paused());
        readingPaused = false;
      }
    }

    /** Runs inside the loop's poll (and its consumer's close), on the loop's thread. */
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
  }
}
