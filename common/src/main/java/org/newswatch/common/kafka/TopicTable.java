package org.newswatch.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of a compacted topic, kept in memory and up to date by one consumer thread: the latest
 * value per key, tombstones removing keys. Every instance reads every partition (no group), which
 * is what DESIGN.md asks of subscriptions and analysts.
 *
 * <p>A record that cannot be decoded is logged and skipped: the table keeps the last good value.
 */
public final class TopicTable<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTable.class);

  private final Topic<V> topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public TopicTable(String bootstrap, Topic<V> topic, String clientId) {
    this.topic = topic;
    Properties props = KafkaSettings.consumer(bootstrap, null, clientId);
    this.consumer = new KafkaConsumer<>(props);
    this.thread = new Thread(this::run, "table-" + topic.name());
    this.thread.setDaemon(true);
  }

  /** Called for every change after start, on the table's thread: key and new value (null = removed). */
  public TopicTable<V> onChange(BiConsumer<String, V> listener) {
    listeners.add(listener);
    return this;
  }

  public TopicTable<V> start() {
    thread.start();
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
    return Optional.ofNullable(values.get(key));
  }

  public Map<String, V> snapshot() {
    return Map.copyOf(values);
  }

  /** Why the reader stopped, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    try {
      List<TopicPartition> partitions = waitForPartitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        if (caughtUp.getCount() > 0 && reached(end)) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // close() woke us: a normal stop.
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("reading {} stopped", topic.name(), e);
    } finally {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private List<TopicPartition> waitForPartitions() {
    while (running) {
      var infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      }
      LOG.info("waiting for topic {} to exist", topic.name());
    }
    throw new WakeupException();
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    V value;
    try {
      value = JsonSerde.decode(topic, record.value());
    } catch (IllegalArgumentException e) {
      LOG.warn("skipping unreadable record {}@{} on {}: {}", record.key(), record.offset(), topic.name(), e.getMessage());
      return;
    }
    if (value == null) {
      values.remove(record.key());
    } else {
      values.put(record.key(), value);
    }
    for (BiConsumer<String, V> listener : listeners) {
      try {
        listener.accept(record.key(), value);
      } catch (RuntimeException e) {
        LOG.warn("listener failed on {} of {}", record.key(), topic.name(), e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
