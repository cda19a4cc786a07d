package org.newswatch.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * What {@code /health} learns from a consumer loop: behind by how much, and whether Kafka answers.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConsumerProgressTest {

  @Test
  void reportsRecordsBehindUntilTheConsumerIsWithinTheBound(KafkaBroker broker) throws Exception {
    Topics topics = broker.newTopics();
    String name = topics.deadLetter().name();
    try (var producer =
        new KafkaProducer<String, byte[]>(KafkaSettings.producer(broker.bootstrapServers(), "p"))) {
      for (int i = 0; i < 50; i++) {
        producer.send(new ProducerRecord<>(name, 0, "k" + i, new byte[] {1})).get();
      }
    }
    Properties props = KafkaSettings.consumer(broker.bootstrapServers(), null, "progress-test");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
    ConsumerProgress progress = new ConsumerProgress(name);
    assertEquals(Optional.of("not yet reading " + name), progress.problem(100));
    try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
      consumer.assign(List.of(new TopicPartition(name, 0)));
      int read = 0;
      while (read == 0) {
        read = consumer.poll(Duration.ofMillis(500)).count();
        progress.polled(consumer);
      }
      assertEquals(10, read);
      assertEquals(40, progress.lag());
      assertTrue(progress.connected());
      assertEquals(
          Optional.of("40 records behind on " + name + " (ready within 5)"), progress.problem(5));
      assertEquals(Optional.empty(), progress.problem(40));
      while (read < 50) {
        read += consumer.poll(Duration.ofMillis(500)).count();
        progress.polled(consumer);
      }
      assertEquals(0, progress.lag());
      assertEquals(Optional.empty(), progress.problem(0));
    }
  }

  @Test
  void aConsumerWhoseBrokerIsGoneIsNotConnected() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Properties props = KafkaSettings.consumer("127.0.0.1:" + closedPort, null, "progress-nobroker");
    props.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
    ConsumerProgress progress = new ConsumerProgress("news.articles");
    try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
      consumer.assign(List.of(new TopicPartition("news.articles", 0)));
      for (int i = 0; i < 3; i++) {
        consumer.poll(Duration.ofMillis(200));
        progress.polled(consumer);
      }
    }
    assertEquals(
        Optional.of("not connected to Kafka (reading news.articles)"), progress.problem(1000));
  }

  @Test
  void aLoopThatStopsPollingIsReportedAsSilent(KafkaBroker broker) {
    Topics topics = broker.newTopics();
    long[] now = {0};
    ConsumerProgress progress = new ConsumerProgress("news.alerts", () -> now[0]);
    try (var consumer =
        new KafkaConsumer<String, byte[]>(
            KafkaSettings.consumer(broker.bootstrapServers(), null, "silent-test"))) {
      consumer.assign(List.of(new TopicPartition(topics.alerts().name(), 0)));
      consumer.poll(Duration.ofMillis(500));
      progress.polled(consumer);
    }
    now[0] += ConsumerProgress.SILENCE.toNanos();
    assertEquals(
        Optional.empty(), progress.problem(1000), "silent exactly the allowed time: still fine");
    now[0] += Duration.ofSeconds(15).toNanos();
    assertEquals(
        Optional.of("no poll of news.alerts for 35 s (waiting on Kafka?)"), progress.problem(1000));
  }
}
