package org.newswatch.common.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/** What Prometheus scrapes from every service: JVM, errors by kind, and Kafka lag per partition. */
@ExtendWith(KafkaBrokerExtension.class)
class ServiceMetersTest {

  @Test
  void scrapeHasJvmMetersAndErrorsByKindTaggedWithTheService() {
    try (ServiceMeters meters = ServiceMeters.create("index-service")) {
      ServiceMeters.countError(meters.registry(), "disk-full");
      ServiceMeters.countError(meters.registry(), "disk-full");
      ServiceMeters.countError(meters.registry(), "deadletter");
      String scrape = meters.registry().scrape();
      assertTrue(scrape.contains("jvm_memory_used_bytes{"), scrape);
      assertTrue(
          scrape.contains("jvm_gc_pause_seconds")
              || scrape.contains("jvm_gc_memory_allocated_bytes_total"),
          scrape);
      assertTrue(scrape.contains("process_cpu_usage{"), scrape);
      assertTrue(
          scrape.contains(
              "newswatch_errors_total{kind=\"disk-full\",service=\"index-service\"} 2.0"),
          scrape);
      assertTrue(
          scrape.contains(
              "newswatch_errors_total{kind=\"deadletter\",service=\"index-service\"} 1.0"),
          scrape);
    }
  }

  @Test
  void consumerLagIsPublishedPerPartition(KafkaBroker broker) throws Exception {
    Topics topics = broker.newTopics();
    String name = topics.deadLetter().name();
    try (var producer =
        new KafkaProducer<String, byte[]>(KafkaSettings.producer(broker.bootstrapServers(), "p"))) {
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>(name, 0, "k" + i, new byte[] {1})).get();
      }
    }
    Properties props = KafkaSettings.consumer(broker.bootstrapServers(), null, "meters-test");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5);
    try (ServiceMeters meters = ServiceMeters.create("alert-service");
        var consumer = new KafkaConsumer<String, byte[]>(props)) {
      AutoCloseable watched = ServiceMeters.watch(meters.registry(), consumer);
      try {
        consumer.assign(List.of(new TopicPartition(name, 0)));
        // Per-partition meters exist once the partition has been fetched; the binder picks them up
        // on a scrape-time check.
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(100));
                  return meters
                      .registry()
                      .scrape()
                      .lines()
                      .anyMatch(
                          l ->
                              l.startsWith("kafka_consumer_fetch_manager_records_lag{")
                                  && l.contains("partition=\"0\"")
                                  && l.contains("topic=\"" + name + "\""));
                });
      } finally {
        ServiceMeters.unwatch(watched);
      }
    }
  }
}
