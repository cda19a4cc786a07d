package org.newswatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.ingest.story.StoryLinker;

/**
 * Test fixtures (files under src/test/resources/fixtures) and a reader of everything on a topic.
 */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A text fixture with {@code {{BASE}}} replaced by a server's base URL. */
  public static String text(String name, String base) {
    return new String(bytes(name), StandardCharsets.UTF_8).replace("{{BASE}}", base);
  }

  /**
   * Waits until the story linker has linked everything published to news.intake so far (its group
   * has committed the intake topic's end), so that news.articles holds every article published.
   */
  public static void awaitLinked(String bootstrap, Topics topics) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                TopicRecords.groupsCaughtUp(
                    bootstrap, topics.prefix() + StoryLinker.NAME, topics.intake().name()));
  }

  /**
   * Every article on the topic now (producers in these tests wait for acks, so "now" is complete).
   */
  public static List<ConsumerRecord<String, Article>> articles(
      String bootstrap, Topic<Article> topic) {
    Properties props = KafkaSettings.consumer(bootstrap, null, "test-reader");
    List<ConsumerRecord<String, Article>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Article a = Json.fromBytes(r.value(), Article.class);
          out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), a));
        }
      }
    }
    return out;
  }
}
