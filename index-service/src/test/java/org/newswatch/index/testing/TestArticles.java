package org.newswatch.index.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Extraction;

/** Articles for tests, and a way to publish them (or raw bytes) to a test's topics. */
public final class TestArticles {
  public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private TestArticles() {}

  public static Article article(
      String id, String title, String body, String source, String language, Instant publishedAt) {
    return new Article(
        Article.SCHEMA,
        id,
        "https://news.example/" + id,
        null,
        "feed-" + source.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'),
        source,
        title,
        body,
        List.of("Staff Reporter"),
        language,
        publishedAt,
        publishedAt.plusSeconds(60),
        null,
        "h-" + id,
        new Extraction("page", List.of()));
  }

  /** An article tagged with the places it names, as ingest tags it. */
  public static Article placed(
      String id, String title, String body, String source, String language, Instant publishedAt) {
    return article(id, title, body, source, language, publishedAt)
        .withPlaces(org.newswatch.common.places.PlaceResolver.bundled().placeIds(title, body));
  }

  /** A plain English article numbered {@code n}, one minute apart from its neighbours. */
  public static Article numbered(int n) {
    return article(
        String.format(java.util.Locale.ROOT, "a%06d", n),
        "Report number " + n,
        "Routine coverage item " + n + " about markets and weather.",
        n % 2 == 0 ? "VOA" : "Dunya News",
        "en",
        T0.plusSeconds(60L * n));
  }

  /** Publishes and waits until the broker acknowledged every record. */
  public static void publish(String bootstrap, Topics topics, List<Article> articles) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (Article a : articles) {
      records.add(new ProducerRecord<>(topics.articles().name(), a.id(), Json.toBytes(a)));
    }
    send(bootstrap, records);
  }

  public static void publishRaw(String bootstrap, String topic, String key, byte[] value) {
    send(bootstrap, List.of(new ProducerRecord<>(topic, key, value)));
  }

  /** Topics whose partition leaders have answered once. */
  private static final java.util.Set<String> READY =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Waits until every partition's leader answers ListOffsets: producing to a topic created a moment
   * ago meets NOT_LEADER_OR_FOLLOWER, and on a loaded machine the idempotent producer's retries
   * were seen to wedge until the delivery timeout.
   */
  static void awaitLeaders(String bootstrap, String topic) {
    if (READY.contains(topic)) {
      return;
    }
    try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> probe =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(
            KafkaSettings.consumer(bootstrap, null, "test-probe"))) {
      var partitions =
          probe.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
              .toList();
      probe.endOffsets(partitions, Duration.ofSeconds(60));
    }
    READY.add(topic);
  }

  private static void send(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
    records.stream().map(ProducerRecord::topic).distinct().forEach(t -> awaitLeaders(bootstrap, t));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            org.newswatch.common.testing.TopicRecords.producerSettings(
                bootstrap, "test-producer"))) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (ProducerRecord<String, byte[]> r : records) {
        sent.add(producer.send(r));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
      producer.close(Duration.ofSeconds(10));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
