package org.newswatch.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerTest {

  @Test
  void articlesRoundTripThroughTheBrokerAsJson(KafkaBroker broker) throws Exception {
    Topics topics = broker.newTopics();
    Topic<Article> articles = topics.articles();
    Article article =
        new Article(
            1,
            "a1",
            "https://example.org/a",
            null,
            "voa",
            "VOA",
            "Title",
            "Body text",
            List.of(),
            "en",
            Instant.parse("2026-11-01T10:00:00Z"),
            Instant.parse("2026-11-01T10:01:00Z"),
            null,
            "h",
            null);
    try (var producer =
        new KafkaProducer<String, byte[]>(KafkaSettings.producer(broker.bootstrapServers(), "t"))) {
      producer
          .send(
              new ProducerRecord<>(
                  articles.name(),
                  article.id(),
                  articles.valueSerializer().serialize(articles.name(), article)))
          .get();
    }
    List<Article> seen = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<String, byte[]>(
            KafkaSettings.consumer(broker.bootstrapServers(), "g-" + articles.name(), "t"))) {
      consumer.subscribe(List.of(articles.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(JsonSerde.decode(articles, r.value()));
        }
      }
    }
    assertEquals(List.of(article), seen);
  }
}
