package org.newswatch.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of a compacted topic, kept in memory and up to date by one {@link ConsumerLoop}: the
 * latest value per key, tombstones removing keys. Every instance reads every partition (no group),
 * which is what DESIGN.md asks of subscriptions and analysts.
 *
 * <p>A record that cannot be decoded goes to the dead-letter topic (the table keeps the last good
 * value) and a keyless one is skipped, counted and logged; either way the table reads on. Every
 * reader re-reads the whole topic at start, so a bad record is dead-lettered once per reader start,
 * each time with the same origin headers.
 *
 * <p>A {@link #listenerOnly} table keeps no values: its listeners hear every change and {@link
 * #awaitCaughtUp} still works, for a topic whose values are held elsewhere, bounded (news.alerts in
 * alert-service's {@code AlertStore}), which a map of every value ever read would undo.
 */
public final class TopicTable<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTable.class);

  private final Topic<V> topic;
  private final ConsumerLoop loop;

  /** Null when the table keeps no values. */
  private final Map<String, V> values;

  private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);

  /**
   * @param clientId the consumer's id, also the service named on this table's dead letters
   */
  public TopicTable(String bootstrap, Topic<V> topic, String clientId) {
    this(bootstrap, topic, clientId, true);
  }

  private TopicTable(String bootstrap, Topic<V> topic, String clientId, boolean keepValues) {
    this.topic = topic;
    this.values = keepValues ? new ConcurrentHashMap<>() : null;
    this.loop =
        ConsumerLoop.builder(
                "table-" + topic.name(),
                topic.name(),
                KafkaSettings.consumer(bootstrap, null, clientId))
            .deadLetters(Topics.deadLetterBeside(topic), clientId)
            .stopWithin(Duration.ofSeconds(10))
            .daemon(true) // nothing to finish: the table is rebuilt from the topic at every start
            .build(new Reading());
  }

  /**
   * A table that keeps no values, only telling its {@link #onChange listeners}: {@link #get} and
   * {@link #snapshot} refuse to answer. Its memory does not grow with the topic.
   */
  public static <V> TopicTable<V> listenerOnly(String bootstrap, Topic<V> topic, String clientId) {
    return new TopicTable<>(bootstrap, topic, clientId, false);
  }

  /**
   * Called for every change after start, on the table's thread: key and new value (null = removed).
   */
  public TopicTable<V> onChange(BiConsumer<String, V> listener) {
    listeners.add(listener);
    return this;
  }

  /** The topic this table reads. */
  public Topic<V> topic() {
    return topic;
  }

  public TopicTable<V> start() {
    loop.start();
    return this;
  }

  /** Waits until everything on the topic at start has been read. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  public Optional<V> get(String key) {
    return Optional.ofNullable(values().get(key));
  }

  public Map<String, V> snapshot() {
    return Map.copyOf(values());
  }

  private Map<String, V> values() {
    if (values == null) {
      throw new IllegalStateException(
          "the table of " + topic.name() + " keeps no values (listener only)");
    }
    return values;
  }

  /** Why the reader stopped, if it did. */
  public Optional<Throwable> failure() {
    return loop.failure();
  }

  /** The reader's lifecycle view: state, last poll, last error, dead letters and skips. */
  public ConsumerLoop.Health health() {
    return loop.health();
  }

  @Override
  public void close() {
    loop.close();
  }

  /** Reads every partition from the beginning into the map. */
  private final class Reading implements ConsumerLoop.Work {
    private Map<TopicPartition, Long> end = Map.of();

    @Override
    public boolean begin(ConsumerLoop.Context context) {
      List<TopicPartition> partitions = context.awaitPartitions(topic.name());
      if (partitions.isEmpty()) {
        return false; // stopped while waiting for the topic
      }
      Consumer<String, byte[]> consumer = context.consumer();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      end = consumer.endOffsets(partitions);
      return true;
    }

    @Override
    public void polled(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      for (ConsumerRecord<String, byte[]> record : records) {
        apply(record, context);
      }
      // "Caught up" promises that every record read so far is in the table or written to the dead
      // letters; sending one is not yet writing it.
      context.awaitDeadLetters();
      if (caughtUp.getCount() > 0 && reached(context.consumer())) {
        caughtUp.countDown();
      }
    }

    private boolean reached(Consumer<String, byte[]> consumer) {
      for (var e : end.entrySet()) {
        if (consumer.position(e.getKey()) < e.getValue()) {
          return false;
        }
      }
      return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record, ConsumerLoop.Context context) {
      if (record.key() == null) {
        context.skip(record, "no key: a table holds values by key");
        return;
      }
      V value;
      try {
        value = JsonSerde.decode(topic, record.value());
      } catch (IllegalArgumentException e) {
        context.deadLetter(record, e);
        return;
      }
      if (values != null && value == null) {
        values.remove(record.key());
      } else if (values != null) {
        values.put(record.key(), value);
      }
      for (BiConsumer<String, V> listener : listeners) {
        try {
          listener.accept(record.key(), value);
        } catch (RuntimeException e) {
          // The table holds the value; a listener's own failure is its bug, not the record's.
          LOG.warn("listener failed on {} of {}", record.key(), topic.name(), e);
        }
      }
    }
  }
}
