package org.newswatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;

/**
 * Reads {@code news.alerts} as any downstream consumer would ({@link KafkaSettings#consumer}:
 * read_committed, so an alert is seen only once its transaction committed) on a thread of its own,
 * and notes when each alert arrived.
 */
final class AlertReader implements AutoCloseable {
  /**
   * One alert as read.
   *
   * @param receivedNanos {@link System#nanoTime()} when the poll that returned it came back
   * @param recordTimestampMillis the record's CreateTime: when the service's producer sent it,
   *     inside the transaction, before the commit
   */
  record Arrival(Alert alert, long receivedNanos, long recordTimestampMillis) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  AlertReader(String bootstrap, Topics topics, String groupId) {
    Properties p = KafkaSettings.consumer(bootstrap, groupId, groupId);
    this.consumer = new KafkaConsumer<>(p);
    this.topic = topics.alerts().name();
    this.thread = new Thread(this::run, "latency-alert-reader");
    thread.setDaemon(true);
  }

  AlertReader start() {
    thread.start();
    return this;
  }

  /** Waits until the consumer holds its partitions, so that no alert waits for a group join. */
  void awaitAssigned(Duration timeout) throws InterruptedException {
    if (!assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "the alerts reader was not assigned its partitions within " + timeout + failureText());
    }
  }

  int count() {
    check();
    return arrivals.size();
  }

  List<Arrival> arrivals() {
    check();
    return new ArrayList<>(arrivals);
  }

  private void check() {
    if (failure != null) {
      throw new IllegalStateException(
          "the alerts reader stopped: " + failure.getMessage(), failure);
    }
  }

  private String failureText() {
    return failure == null ? "" : "; it stopped: " + failure.getMessage();
  }

  private void run() {
    try {
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              assigned.countDown();
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              // Nothing to hand over: the reader keeps no offsets.
            }
          });
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          arrivals.add(new Arrival(Json.fromBytes(r.value(), Alert.class), now, r.timestamp()));
        }
      }
    } catch (WakeupException e) {
      // close() woke the consumer: a normal stop.
    } catch (RuntimeException e) {
      // An alert the reader cannot decode means the figures would be wrong: stop and say so.
      failure = e;
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.getState() == Thread.State.NEW) {
      consumer.close();
      return;
    }
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
