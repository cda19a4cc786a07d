package org.newswatch.common.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topic;

/**
 * Writing whole topics and reading them back (read_committed, from the beginning), and how far the
 * services' consumer groups have read them, for tests of every module.
 */
public final class TopicRecords {
  private TopicRecords() {}

  /**
   * The services' producer settings with one request in flight per partition. With several, a burst
   * to a just-created topic can hit KAFKA-14359: the first batch fails with NOT_LEADER, a later one
   * is written, and the first then fails with out-of-order sequence on every retry until the 120 s
   * delivery timeout (a restart test took 130 s so). Tests write hundreds of records the moment a
   * topic exists; the services' producers keep five in flight for throughput.
   */
  public static java.util.Properties producerSettings(String bootstrap, String clientId) {
    java.util.Properties p = KafkaSettings.producer(bootstrap, clientId);
    p.put(
        org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return p;
  }

  public static void produce(String bootstrap, Topic<?> topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(producerSettings(bootstrap, "test-producer"))) {
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
  public static void produce(
      String bootstrap,
      Topic<?> topic,
      List<? extends Record> values,
      java.util.function.Function<Object, String> key) {
    List<? extends Record> pending = values;
    for (int round = 1; !pending.isEmpty(); round++) {
      List<Record> failed = new ArrayList<>();
      try (KafkaProducer<String, byte[]> p =
          new KafkaProducer<>(producerSettings(bootstrap, "test-producer"))) {
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
        throw new IllegalStateException(
            failed.size() + " records could not be written to " + topic.name());
      }
      pending = failed;
    }
  }

  /**
   * The number of committed records on a topic, read from the beginning by a consumer of its own.
   */
  public static int count(String bootstrap, String topic) {
    return read(bootstrap, topic).size();
  }

  /**
   * The keys of a topic's committed records once there are at least {@code expected} (or what there
   * is after {@code within}), read again three seconds later so that a record written twice shows
   * as a repeated key.
   */
  public static List<String> keysWhenSettled(
      String bootstrap, String topic, int expected, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> keys = List.of();
    while (System.nanoTime() < deadline) {
      keys = read(bootstrap, topic).stream().map(ConsumerRecord::key).toList();
      if (keys.size() >= expected) {
        Thread.sleep(3000);
        return read(bootstrap, topic).stream().map(ConsumerRecord::key).toList();
      }
      Thread.sleep(500);
    }
    return keys;
  }

  /**
   * The committed records on a topic (aborted transactional writes are not read), from the
   * beginning to the end offsets taken when it starts; records written meanwhile are not read.
   */
  public static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, null, "test-read"))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(r);
          }
        }
      }
      return records;
    }
  }

  /**
   * Whether a read_committed consumer finds any record in {@code [from, to)} of a partition. A
   * topic written in transactions (news.articles, by ingest's story linker) ends with a commit
   * marker: a consumer that committed "last record + 1" has read everything though its offset is
   * one short of the end.
   */
  static boolean anyRecordBetween(String bootstrap, TopicPartition tp, long from, long to) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, null, "test-gap"))) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, from);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (consumer.position(tp) < to && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.offset() < to) {
            return true;
          }
        }
      }
      return consumer.position(tp) < to;
    }
  }

  /**
   * True when at least one consumer group named with the test's topic prefix has committed offsets
   * on the topic, and every such group has read all of it: whatever those consumers do with a
   * record (an alert or none) has then been done.
   */
  public static boolean groupsCaughtUp(String bootstrap, String groupPrefix, String topic) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(
              info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> end = new HashMap<>();
      admin
          .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all()
          .get()
          .forEach((tp, info) -> end.put(tp, info.offset()));
      int groups = 0;
      for (GroupListing group : admin.listGroups().all().get()) {
        if (!group.groupId().startsWith(groupPrefix)) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
        if (committed.keySet().stream().noneMatch(tp -> tp.topic().equals(topic))) {
          continue;
        }
        groups++;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
          OffsetAndMetadata offset = committed.get(e.getKey());
          if (e.getValue() > 0
              && (offset == null || offset.offset() < e.getValue())
              && (offset == null
                  || anyRecordBetween(bootstrap, e.getKey(), offset.offset(), e.getValue()))) {
            return false;
          }
        }
      }
      return groups > 0;
    } catch (ExecutionException e) {
      return false; // Not there yet (a group coordinator loading): the caller asks again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
