package org.newswatch.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topic;

/** Writing and reading whole topics in tests (read_committed, from the beginning). */
public final class TopicRecords {
  private TopicRecords() {}

  public static void produce(String bootstrap, Topic<?> topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(KafkaSettings.producer(bootstrap, "test-producer"))) {
      p.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce to " + topic.name(), e);
    }
  }

  /**
   * Writes every value and checks every write: on a just-created topic the broker may still be
   * moving partition leadership, and an idempotent producer then fails some sends for good
   * (out-of-order sequence). Those are sent again by a fresh producer, so that a test never
   * silently runs on fewer records than it wrote.
   */
  public static void produce(String bootstrap, Topic<?> topic, List<? extends Record> values, java.util.function.Function<Object, String> key) {
    List<? extends Record> pending = values;
    for (int round = 1; !pending.isEmpty(); round++) {
      List<Record> failed = new ArrayList<>();
      try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(KafkaSettings.producer(bootstrap, "test-producer"))) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (Record v : pending) {
          sent.add(p.send(new ProducerRecord<>(topic.name(), key.apply(v), Json.toBytes(v))));
        }
        p.flush();
        for (int i = 0; i < sent.size(); i++) {
          try {
            sent.get(i).get();
          } catch (Exception e) {
            failed.add(pending.get(i));
          }
        }
      }
      if (!failed.isEmpty() && round == 5) {
        throw new IllegalStateException(failed.size() + " records could not be written to " + topic.name());
      }
      pending = failed;
    }
  }

  /** Every committed record on the topic now. */
  public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, Topic<?> topic) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, null, "test-reader"))) {
      List<TopicPartition> parts = c.partitionsFor(topic.name()).stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
