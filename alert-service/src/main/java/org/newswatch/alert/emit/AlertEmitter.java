package org.newswatch.alert.emit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.newswatch.alert.emit.ArticleAlerter.DeadLetter;
import org.newswatch.alert.emit.ArticleAlerter.Emit;
import org.newswatch.alert.emit.ArticleAlerter.Output;
import org.newswatch.alert.emit.ArticleAlerter.Raw;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop from {@code news.articles} to {@code news.alerts}: one consumer, one thread,
 * stopped by a flag and {@code wakeup()}. Each polled batch is matched by {@link ArticleAlerter}
 * and written, with the batch's offsets, in one Kafka transaction: the alerts and dead letters of a
 * batch are committed together with the fact that the batch was read, or not at all (exactly once).
 *
 * <p>Errors, in the three buckets of the KafkaConsumer Javadoc: fenced or unauthorised → fatal,
 * the loop stops and health reports it; any other failure of a transaction → abort, rewind to the
 * batch's first offsets and try again; a record that cannot be read → dead letter, and go on.
 */
public final class AlertEmitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEmitter.class);
  public static final String ERROR_HEADER = DeadLetterHeaders.ERROR;
  public static final String ERROR_CLASS_HEADER = DeadLetterHeaders.ERROR_CLASS;
  public static final String SERVICE_HEADER = DeadLetterHeaders.SERVICE;

  private final Topics topics;
  private final ArticleAlerter alerter;
  private final AlertStore store;
  private final BooleanSupplier prepare;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Properties producerProps;
  private final Counter emitted;
  private final Counter deadLetters;
  private final Counter deadLetterErrors;
  private final Timer latency;
  private final ConsumerProgress progress;
  private final AutoCloseable clientMeters;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean joined;
  private volatile Throwable failure;

  /**
   * @param transactionalId stable per instance: a restarted instance fences its predecessor and
   *     aborts whatever transaction it left open
   * @param prepare run on the loop's thread before the first poll; returns false to stop (the
   *     service uses it to wait for subscriptions and past alerts to be read)
   */
  public AlertEmitter(String bootstrap, Topics topics, String groupId, String transactionalId, ArticleAlerter alerter, AlertStore store, BooleanSupplier prepare, MeterRegistry meters,
      Clock clock) {
    this.topics = topics;
    this.alerter = alerter;
    this.store = store;
    this.prepare = prepare;
    Properties c = KafkaSettings.consumer(bootstrap, groupId, transactionalId + "-consumer");
    // A batch is one transaction; 100 articles keep it short (a few hundred ms of matching at most).
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    this.consumer = new KafkaConsumer<>(c);
    Properties p = KafkaSettings.producer(bootstrap, transactionalId);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    this.producerProps = p;
    this.emitted = Counter.builder("newswatch.alert.alerts.emitted").description("alerts committed to the alerts topic").register(meters);
    this.deadLetters = Counter.builder("newswatch.alert.deadletters").description("article records sent to the dead letter topic").register(meters);
    this.deadLetterErrors = ServiceMeters.errors(meters, "deadletter");
    // From ingest's fetch of the article to its alert committed: what the pipeline adds, whatever
    // date the publisher wrote on the item.
    this.latency = Timer.builder("newswatch.alert.latency").description("article fetched by ingest to its alert committed")
        .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
    this.progress = new ConsumerProgress(topics.articles().name());
    this.clientMeters = ServiceMeters.watch(meters, consumer);
    this.meters = meters;
    this.clock = clock;
    this.thread = new Thread(this::run, "alert-emitter");
  }

  public AlertEmitter start() {
    thread.start();
    return this;
  }

  /** True once the consumer has joined its group and been given its partitions (maybe none). */
  public boolean joined() {
    return joined;
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  public boolean running() {
    return running;
  }

  /** How far behind on the articles topic and whether it reaches Kafka, for {@code /health}. */
  public ConsumerProgress progress() {
    return progress;
  }

  private void run() {
    KafkaProducer<String, byte[]> producer = null;
    AutoCloseable producerMeters = null;
    try {
      if (!prepare.getAsBoolean() || !running) {
        return;
      }
      producer = new KafkaProducer<>(producerProps);
      producerMeters = ServiceMeters.watch(meters, producer);
      producer.initTransactions();
      consumer.subscribe(List.of(topics.articles().name()), new Rebalance());
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          processInTransaction(producer, records);
        }
        progress.polled(consumer);
      }
    } catch (WakeupException e) {
      // close() woke the consumer: a normal stop; the batch in hand, if any, was committed.
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
      failure = e;
      LOG.error("alert emitter stopped: cannot go on with this producer", e);
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("alert emitter stopped", e);
    } finally {
      running = false;
      if (producerMeters != null) {
        ServiceMeters.unwatch(producerMeters);
      }
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
      ServiceMeters.unwatch(clientMeters);
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void processInTransaction(KafkaProducer<String, byte[]> producer, ConsumerRecords<String, byte[]> records) {
    List<Raw> batch = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      batch.add(new Raw(r.key(), r.value(), RecordOrigin.of(r)));
      first.putIfAbsent(tp, r.offset());
      next.put(tp, new OffsetAndMetadata(r.offset() + 1));
    }
    List<Output> outputs = alerter.process(batch);
    producer.beginTransaction();
    try {
      for (Output o : outputs) {
        producer.send(toRecord(o));
      }
      producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
      throw e;
    } catch (KafkaException e) {
      ServiceMeters.countError(meters, "transaction-aborted");
      LOG.warn("transaction for {} records failed, aborting and reading them again: {}", batch.size(), e.toString());
      producer.abortTransaction();
      first.forEach(consumer::seek);
      return;
    }
    for (Output o : outputs) {
      if (o instanceof Emit emit) {
        // Committed: known as alerted before the alerts topic reader catches up.
        store.add(emit.alert());
        emitted.increment();
        if (emit.fetchedAt() != null) {
          latency.record(Duration.between(emit.fetchedAt(), clock.instant()));
        }
      } else {
        deadLetters.increment();
        deadLetterErrors.increment();
      }
    }
  }

  private ProducerRecord<String, byte[]> toRecord(Output o) {
    return switch (o) {
      case Emit e -> new ProducerRecord<>(topics.alerts().name(), e.alert().id(), Json.toBytes(e.alert()));
      case DeadLetter d -> {
        RecordHeaders h = new RecordHeaders();
        h.add(ERROR_HEADER, utf8(d.error()));
        h.add(ERROR_CLASS_HEADER, utf8(d.errorClass()));
        d.origin().addTo(h);
        h.add(SERVICE_HEADER, utf8("alert-service"));
        yield new ProducerRecord<>(topics.deadLetter().name(), null, d.key(), d.value(), h);
      }
    };
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
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

  /** Stops the loop: the batch in hand is committed first, then consumer and producer close. */
  @Override
  public void close() {
    if (thread.getState() == Thread.State.NEW) {
      // Never started: the consumer was made but not used.
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
