package org.newswatch.alert.emit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.newswatch.alert.emit.ArticleAlerter.Emit;
import org.newswatch.alert.emit.ArticleAlerter.Output;
import org.newswatch.alert.emit.ArticleAlerter.Raw;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.ConsumerLoop;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.DeadLetter;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop from {@code news.articles} to {@code news.alerts}: a {@link ConsumerLoop} (one
 * consumer, one thread, stopped by a flag and {@code wakeup()}). Each polled batch is matched by
 * {@link ArticleAlerter} and written, with the batch's offsets, in one Kafka transaction: the
 * alerts and dead letters of a batch are committed together with the fact that the batch was read,
 * or not at all (exactly once).
 *
 * <p>Errors, in the loop's three buckets: fenced (a newer instance on the same data folder) or
 * unauthorised → fatal, the loop stops and health reports it, except a fence that follows a
 * transaction open longer than its timeout, which the coordinator aborted by itself: a new producer
 * takes over and the batch is read again; any other failure of a transaction → abort, rewind to the
 * batch's first offsets and try again (with a new producer when the old one cannot even abort: its
 * transaction outlived {@code transaction.timeout.ms} while the process was paused); a record that
 * cannot be read → dead letter (written in the batch's transaction, so it commits with the
 * offsets), and go on.
 */
public final class AlertEmitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEmitter.class);
  public static final String ERROR_HEADER = DeadLetterHeaders.ERROR;
  public static final String ERROR_CLASS_HEADER = DeadLetterHeaders.ERROR_CLASS;
  public static final String SERVICE_HEADER = DeadLetterHeaders.SERVICE;
  private static final String SERVICE = "alert-service";
  // The producer's own default for transaction.timeout.ms.
  private static final long DEFAULT_TIMEOUT_MS = 60_000;

  private final Topics topics;
  private final ArticleAlerter alerter;
  private final AlertStore store;
  private final BooleanSupplier prepare;
  private final Properties producerProps;
  private final Duration transactionTimeout;
  private final Counter emitted;
  private final Counter deadLetters;
  private final Timer latency;
  private final MeterRegistry meters;
  private final Clock clock;
  private final ConsumerLoop loop;
  private volatile boolean joined;

  /**
   * @param transactionalId stable per instance: a restarted instance fences its predecessor and
   *     aborts whatever transaction it left open
   * @param prepare run on the loop's thread before the first poll; returns false to stop (the
   *     service uses it to wait for subscriptions and past alerts to be read)
   */
  public AlertEmitter(
      String bootstrap,
      Topics topics,
      String groupId,
      String transactionalId,
      ArticleAlerter alerter,
      AlertStore store,
      BooleanSupplier prepare,
      MeterRegistry meters,
      Clock clock) {
    this(
        bootstrap,
        topics,
        groupId,
        transactionalId,
        alerter,
        store,
        prepare,
        meters,
        clock,
        Map.of());
  }

  /** As above, with producer settings of a test's own (a short transaction timeout). */
  AlertEmitter(
      String bootstrap,
      Topics topics,
      String groupId,
      String transactionalId,
      ArticleAlerter alerter,
      AlertStore store,
      BooleanSupplier prepare,
      MeterRegistry meters,
      Clock clock,
      Map<String, Object> producerSettings) {
    this.topics = topics;
    this.alerter = alerter;
    this.store = store;
    this.prepare = prepare;
    Properties c = KafkaSettings.consumer(bootstrap, groupId, transactionalId + "-consumer");
    // A batch is one transaction; 100 articles keep it short (a few hundred ms of matching at
    // most).
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    Properties p = KafkaSettings.producer(bootstrap, transactionalId);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.putAll(producerSettings);
    this.producerProps = p;
    this.transactionTimeout =
        Duration.ofMillis(
            Long.parseLong(
                String.valueOf(
                    p.getOrDefault(
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, DEFAULT_TIMEOUT_MS))));
    this.emitted =
        Counter.builder("newswatch.alert.alerts.emitted")
            .description("alerts committed to the alerts topic")
            .register(meters);
    this.deadLetters =
        Counter.builder("newswatch.alert.deadletters")
            .description("article records sent to the dead letter topic")
            .register(meters);
    // From ingest's fetch of the article to its alert committed: what the pipeline adds, whatever
    // date the publisher wrote on the item.
    this.latency =
        Timer.builder("newswatch.alert.latency")
            .description("article fetched by ingest to its alert committed")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .register(meters);
    this.meters = meters;
    this.clock = clock;
    this.loop =
        ConsumerLoop.builder("alert-emitter", topics.articles().name(), c)
            .deadLetters(topics.deadLetter(), SERVICE)
            .meters(meters)
            .stopWithin(Duration.ofSeconds(30))
            .build(new Emitting());
  }

  public AlertEmitter start() {
    loop.start();
    return this;
  }

  /** True once the consumer has joined its group and been given its partitions (maybe none). */
  public boolean joined() {
    return joined;
  }

  public Optional<Throwable> failure() {
    return loop.failure();
  }

  /** True until the loop stops (or fails). */
  public boolean running() {
    return loop.isAlive();
  }

  /** How far behind on the articles topic and whether it reaches Kafka, for {@code /health}. */
  public ConsumerProgress progress() {
    return loop.progress();
  }

  /** The loop's lifecycle view: state, last poll, last error, dead letters. */
  public ConsumerLoop.Health health() {
    return loop.health();
  }

  /** Stops the loop: the batch in hand is committed first, then consumer and producer close. */
  @Override
  public void close() {
    loop.close();
  }

  /** Batches to the alerter, its outputs and the batch's offsets in one transaction. */
  private final class Emitting implements ConsumerLoop.Work {
    private KafkaProducer<String, byte[]> producer;
    private AutoCloseable producerMeters;

    @Override
    public boolean begin(ConsumerLoop.Context context) {
      if (!prepare.getAsBoolean() || !context.running()) {
        return false;
      }
      openProducer();
      context.consumer().subscribe(List.of(topics.articles().name()), new Rebalance());
      return true;
    }

    @Override
    public void polled(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      if (records.isEmpty()) {
        return;
      }
      if (producer == null && !reopenProducer()) {
        rewind(context.consumer(), records);
        return;
      }
      processInTransaction(records, context);
    }

    @Override
    public void release() {
      closeProducer();
    }

    private void openProducer() {
      producer = new KafkaProducer<>(producerProps);
      producerMeters = ServiceMeters.watch(meters, producer);
      producer.initTransactions();
    }

    /**
     * A new producer with the same transactional id, after the old one went into an error state it
     * cannot leave (its transaction outlived {@code transaction.timeout.ms}, the process having
     * been paused or starved meanwhile, and the coordinator aborted it). False when Kafka cannot be
     * reached yet: the batch is read again and the next poll tries again.
     */
    private boolean reopenProducer() {
      closeProducer();
      try {
        openProducer();
        return true;
      } catch (ProducerFencedException | AuthorizationException | UnsupportedVersionException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.warn("alert emitter could not open a new producer yet: {}", e.toString());
        closeProducer();
        return false;
      }
    }

    private void closeProducer() {
      if (producerMeters != null) {
        ServiceMeters.unwatch(producerMeters);
        producerMeters = null;
      }
      if (producer != null) {
        try {
          producer.close(Duration.ofSeconds(5));
        } catch (KafkaException e) {
          LOG.debug("closing the alert emitter's producer: {}", e.toString());
        }
        producer = null;
      }
    }

    private void processInTransaction(
        ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      Consumer<String, byte[]> consumer = context.consumer();
      List<Raw> batch = new ArrayList<>(records.count());
      Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : records) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        batch.add(new Raw(r.key(), r.value(), RecordOrigin.of(r)));
        next.put(tp, new OffsetAndMetadata(r.offset() + 1));
      }
      List<Output> outputs = alerter.process(batch);
      TransactionAge age = TransactionAge.start(clock);
      producer.beginTransaction();
      try {
        for (Output o : outputs) {
          producer.send(toRecord(o));
        }
        producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
        producer.commitTransaction();
      } catch (ProducerFencedException e) {
        if (!age.outlived(transactionTimeout)) {
          throw e; // a newer instance on this data folder: this one is the zombie, it stops
        }
        // The coordinator aborted the transaction when it timed out and fenced this epoch: no
        // other instance is involved, so a new producer with the same id goes on.
        ServiceMeters.countError(meters, "transaction-timed-out");
        LOG.warn(
            "alert emitter's transaction outlived its timeout ({} open, timeout {}): the"
                + " coordinator aborted it; a new producer reads the {} records again",
            age.elapsed(),
            transactionTimeout,
            batch.size());
        reopenProducer();
        rewind(consumer, records);
        return;
      } catch (OutOfOrderSequenceException
          | AuthorizationException
          | UnsupportedVersionException e) {
        throw e;
      } catch (KafkaException e) {
        ServiceMeters.countError(meters, "transaction-aborted");
        LOG.warn(
            "transaction for {} records failed, aborting and reading them again: {}",
            batch.size(),
            e.toString());
        try {
          producer.abortTransaction();
        } catch (KafkaException abortFailed) {
          LOG.warn(
              "alert emitter's producer cannot abort ({}); a new one takes over",
              abortFailed.toString());
          reopenProducer();
        }
        rewind(consumer, records);
        return;
      }
      for (Output o : outputs) {
        switch (o) {
          case Emit emit -> {
            // Committed: known as alerted before the alerts topic reader catches up.
            store.add(emit.alert());
            emitted.increment();
            if (emit.fetchedAt() != null) {
              latency.record(Duration.between(emit.fetchedAt(), clock.instant()));
            }
          }
          case ArticleAlerter.DeadLetter d -> {
            context.deadLettered(deadLetter(d));
            deadLetters.increment();
          }
        }
      }
    }
  }

  /**
   * How long a transaction has been open, by the monotonic clock and by the wall clock, whichever
   * says longer: a suspended machine stops the first, not the second, and the coordinator's timeout
   * runs on the broker's wall clock.
   */
  private record TransactionAge(long startNanos, Instant startedAt, Clock clock) {
    static TransactionAge start(Clock clock) {
      return new TransactionAge(System.nanoTime(), clock.instant(), clock);
    }

    Duration elapsed() {
      Duration monotonic = Duration.ofNanos(System.nanoTime() - startNanos);
      Duration wall = Duration.between(startedAt, clock.instant());
      return monotonic.compareTo(wall) >= 0 ? monotonic : wall;
    }

    boolean outlived(Duration timeout) {
      return elapsed().compareTo(timeout) >= 0;
    }
  }

  /**
   * Back to the batch's first records, to read them again; a partition taken away meanwhile (the
   * group went on without this instance during a long pause) is read by its new owner instead.
   */
  private static void rewind(
      Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
    }
    Set<TopicPartition> held = consumer.assignment();
    first.forEach(
        (tp, offset) -> {
          if (held.contains(tp)) {
            consumer.seek(tp, offset);
          }
        });
  }

  private ProducerRecord<String, byte[]> toRecord(Output o) {
    return switch (o) {
      case Emit e ->
          new ProducerRecord<>(topics.alerts().name(), e.alert().id(), Json.toBytes(e.alert()));
      case ArticleAlerter.DeadLetter d -> deadLetter(d).toRecord(topics.deadLetter());
    };
  }

  private static DeadLetter deadLetter(ArticleAlerter.DeadLetter d) {
    return new DeadLetter(d.key(), d.value(), d.origin(), d.error(), d.errorClass(), SERVICE);
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      joined = true;
      LOG.info("alert emitter assigned {}", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing in flight: batches are committed inside the poll loop, before the next poll.
    }
  }
}
