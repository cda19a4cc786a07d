package org.newswatch.index;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.indexing.ArticleConsumer;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.indexing.IndexingPace;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.TestArticles;

/** The index-service against a real broker: Kafka to Lucene, exactly once, with dead letters. */
@ExtendWith(KafkaBrokerExtension.class)
class IndexServiceTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final Duration WAIT = Duration.ofSeconds(60);

  static ServiceContext context(KafkaBroker broker, Topics topics, Path dir) {
    return new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null);
  }

  @Test
  void articlesOnTheTopicBecomeSearchable(KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    try (IndexService service = IndexService.start(context(broker, topics, dir))) {
      await().atMost(WAIT).until(service::isReady);
      TestArticles.publish(
          broker.bootstrapServers(),
          topics,
          List.of(
              TestArticles.article(
                  "x1",
                  "Border post attacked near Turbat",
                  "Gunmen attacked a border post in Kech district.",
                  "VOA",
                  "en",
                  TestArticles.T0)));
      ApiClient api = new ApiClient(service.port(), ADMIN);
      await()
          .atMost(WAIT)
          .until(() -> api.get("/api/search?q=turbat").json().get("total").asLong() == 1);
      var hit = api.get("/api/search?q=turbat").json().get("hits").get(0);
      assertEquals("x1", hit.get("id").asText());
      assertEquals("https://news.example/x1", hit.get("url").asText());
      assertEquals("VOA", hit.get("source").asText());
      assertEquals("2026-03-01T00:00:00Z", hit.get("publishedAt").asText());
    }
  }

  @Test
  void sameIdTwiceIsOneDocument(KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    try (IndexService service = IndexService.start(context(broker, topics, dir))) {
      Article first =
          TestArticles.article(
              "dup",
              "Quetta market reopens",
              "First version of the text.",
              "VOA",
              "en",
              TestArticles.T0);
      Article updated =
          TestArticles.article(
              "dup",
              "Quetta market reopens",
              "Updated version mentions traders.",
              "VOA",
              "en",
              TestArticles.T0);
      TestArticles.publish(broker.bootstrapServers(), topics, List.of(first, updated));
      await()
          .atMost(WAIT)
          .until(() -> service.documentsIndexed() == 2 && service.documentCount() == 1);
      ApiClient api = new ApiClient(service.port(), ADMIN);
      assertEquals(1, api.get("/api/search?q=quetta").json().get("total").asLong());
      assertEquals(
          "Updated version mentions traders.",
          api.get("/api/articles/dup").json().get("body").asText());
    }
  }

  @Test
  void restartResumesFromTheCommittedPositionsWithoutReindexing(
      KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    List<Article> first = IntStream.range(0, 100).mapToObj(TestArticles::numbered).toList();
    List<Article> more = IntStream.range(100, 150).mapToObj(TestArticles::numbered).toList();
    TestArticles.publish(broker.bootstrapServers(), topics, first);
    try (IndexService service = IndexService.start(context(broker, topics, dir))) {
      await().atMost(WAIT).until(() -> service.isReady() && service.documentCount() == 100);
      assertEquals(100, service.documentsIndexed());
    }
    TestArticles.publish(broker.bootstrapServers(), topics, more);
    try (IndexService service = IndexService.start(context(broker, topics, dir))) {
      await().atMost(WAIT).until(() -> service.isReady() && service.documentCount() == 150);
      // Only the 50 new records were read: the first 100 were covered by the commit's positions.
      assertEquals(50, service.documentsIndexed());
      ApiClient api = new ApiClient(service.port(), ADMIN);
      String metrics = api.get("/metrics").body();
      assertTrue(
          metrics.contains(
              "newswatch_index_documents_indexed_total{service=\"index-service\"} 50.0"),
          metrics);
      assertEquals(150, api.get("/api/search?q=report").json().get("total").asLong());
    }
  }

  @Test
  void poisonRecordGoesToTheDeadLetterTopicAndTheStreamGoesOn(
      KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    byte[] poison = "{\"schema\":1,\"id\":\"p1\",\"url\":".getBytes(StandardCharsets.UTF_8);
    try (IndexService service = IndexService.start(context(broker, topics, dir))) {
      TestArticles.publishRaw(broker.bootstrapServers(), topics.articles().name(), "p1", poison);
      TestArticles.publish(broker.bootstrapServers(), topics, List.of(TestArticles.numbered(7)));
      await().atMost(WAIT).until(() -> service.documentCount() == 1 && service.deadLettered() == 1);
      String metrics = new ApiClient(service.port(), ADMIN).get("/metrics").body();
      assertTrue(
          metrics.contains("newswatch_index_deadlettered_total{service=\"index-service\"} 1.0"),
          metrics);
    }
    ConsumerRecord<String, byte[]> dead = readOne(broker, topics.deadLetter().name());
    assertEquals("p1", dead.key());
    assertArrayEquals(poison, dead.value());
    assertEquals(topics.articles().name(), header(dead, "newswatch.original.topic"));
    assertTrue(
        header(dead, "newswatch.original.partition").matches("\\d+"),
        header(dead, "newswatch.original.partition"));
    assertEquals("0", header(dead, "newswatch.original.offset"));
    assertTrue(
        header(dead, "newswatch.error").startsWith("not a valid Article"),
        header(dead, "newswatch.error"));
  }

  @Test
  void healthIsUpOnceCaughtUpAndTheOpenApiDocumentIsServed(KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    try (IndexService service = IndexService.start(context(broker, topics, dir))) {
      ApiClient anonymous = new ApiClient(service.port(), null);
      await().atMost(WAIT).until(() -> anonymous.get("/health").status() == 200);
      var health = anonymous.get("/health").json();
      assertEquals("UP", health.get("status").asText());
      assertEquals(0, health.get("reasons").size());
      assertEquals("3.1.0", anonymous.get("/api/openapi.json").json().get("openapi").asText());
    }
  }

  @Test
  void cursorPagesStayExactWhileArticlesArrive(KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    // 30 reports at T0 + 100..129 minutes.
    TestArticles.publish(
        broker.bootstrapServers(),
        topics,
        IntStream.range(100, 130).mapToObj(TestArticles::numbered).toList());
    try (IndexService service = IndexService.start(context(broker, topics, dir))) {
      await().atMost(WAIT).until(() -> service.isReady() && service.documentCount() == 30);
      ApiClient api = new ApiClient(service.port(), ADMIN);
      var first = api.get("/api/search?q=report&sort=newest&size=10").json();
      List<String> seen = new ArrayList<>();
      first.get("hits").forEach(h -> seen.add(h.get("id").asText()));
      // Meanwhile: 10 newer articles (before the cursor) and 5 older ones (after it).
      TestArticles.publish(
          broker.bootstrapServers(),
          topics,
          IntStream.concat(IntStream.range(200, 210), IntStream.range(0, 5))
              .mapToObj(TestArticles::numbered)
              .toList());
      await().atMost(WAIT).until(() -> service.documentCount() == 45);
      String cursor = first.get("cursor").asText();
      while (cursor != null) {
        var page =
            api.get("/api/search?q=report&sort=newest&size=10&cursor=" + ApiClient.enc(cursor))
                .json();
        page.get("hits").forEach(h -> seen.add(h.get("id").asText()));
        cursor =
            page.get("cursor") == null || page.get("cursor").isNull()
                ? null
                : page.get("cursor").asText();
      }
      List<String> expected = new ArrayList<>();
      IntStream.iterate(129, n -> n >= 100, n -> n - 1)
          .forEach(n -> expected.add(TestArticles.numbered(n).id()));
      IntStream.iterate(4, n -> n >= 0, n -> n - 1)
          .forEach(n -> expected.add(TestArticles.numbered(n).id()));
      assertEquals(expected, seen);
    }
  }

  @Test
  void healthNamesWhatIsNotReady(KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    try (ArticleIndexer indexer = ArticleIndexer.open(dir);
        TopicTable<Analyst> analysts =
            new TopicTable<>(broker.bootstrapServers(), topics.analysts(), "test-analysts")) {
      // Neither the consumer loop nor the analysts' table has started.
      ArticleConsumer consumer =
          new ArticleConsumer(
              broker.bootstrapServers(),
              topics,
              indexer,
              IndexingPace.DEFAULT,
              new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
              "test-index");
      try (consumer) {
        assertEquals(
            List.of("indexing is not running", "loading analysts' keys"),
            IndexService.problems(indexer, consumer, analysts, 1000));
      }
    }
  }

  static ConsumerRecord<String, byte[]> readOne(KafkaBroker broker, String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(KafkaSettings.consumer(broker.bootstrapServers(), null, "test-dlq"))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return !seen.isEmpty();
              });
      assertEquals(1, seen.size());
      return seen.get(0);
    }
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
