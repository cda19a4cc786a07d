package org.newswatch.index.indexing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.index.testing.TestArticles;

/**
 * An article Lucene refuses, on the real broker: it goes to {@code news.deadletter} with its
 * origin, the stream goes on, and a restart resumes past it instead of meeting it again.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RefusedArticleTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * The schema, plus a single 40,000-byte keyword term on one article: what a value past the
   * schema's bounds would do (before the bounds, a 40,000-character author did exactly this).
   */
  private static final Function<Article, Document> REFUSING =
      a -> {
        Document doc = ArticleFields.toDocument(a);
        if (a.id().equals("refused")) {
          doc.add(new StringField(ArticleFields.AUTHORS, "x".repeat(40_000), Field.Store.NO));
        }
        return doc;
      };

  @Test
  void articleLuceneRefusesIsDeadLetteredAndNeverMetAgainAfterARestart(
      KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    Article refused =
        TestArticles.article("refused", "Refused", "Body.", "VOA", "en", TestArticles.T0);
    TestArticles.publish(
        broker.bootstrapServers(),
        topics,
        List.of(refused, TestArticles.numbered(1), TestArticles.numbered(2)));

    try (ArticleIndexer indexer = ArticleIndexer.open(dir, UnaryOperator.identity(), REFUSING)) {
      try (ArticleConsumer consumer = consumer(broker, topics, indexer).start()) {
        await().atMost(WAIT).until(() -> consumer.isCaughtUp() && consumer.deadLettered() == 1);
        TestArticles.publish(broker.bootstrapServers(), topics, List.of(TestArticles.numbered(3)));
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  indexer.refresh();
                  return indexer.count() == 3;
                });
        assertNull(consumer.failure());
        assertTrue(consumer.isRunning(), "the stream goes on");
        assertEquals(1, consumer.health().deadLettered());
      }
    }

    List<ConsumerRecord<String, byte[]>> dead =
        TopicRecords.read(broker.bootstrapServers(), topics.deadLetter().name());
    assertEquals(1, dead.size());
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    assertEquals("refused", letter.key());
    assertArrayEquals(
        Json.toBytes(refused), letter.value(), "the original bytes, to repair and replay");
    RecordOrigin origin = RecordOrigin.from(letter.headers()).orElseThrow();
    assertEquals(topics.articles().name(), origin.topic());
    assertEquals("index-service", text(letter, DeadLetterHeaders.SERVICE));
    assertTrue(
        text(letter, DeadLetterHeaders.ERROR).contains("immense term"),
        text(letter, DeadLetterHeaders.ERROR));
    assertEquals(
        IllegalArgumentException.class.getName(), text(letter, DeadLetterHeaders.ERROR_CLASS));

    // A restart resumes from the commit, which covers the refused record: it is not met again.
    try (ArticleIndexer indexer = ArticleIndexer.open(dir, UnaryOperator.identity(), REFUSING);
        ArticleConsumer consumer = consumer(broker, topics, indexer).start()) {
      await().atMost(WAIT).until(consumer::isCaughtUp);
      assertEquals(0, consumer.deadLettered());
      assertEquals(3, indexer.count());
    }
  }

  private static ArticleConsumer consumer(
      KafkaBroker broker, Topics topics, ArticleIndexer indexer) {
    return new ArticleConsumer(
        broker.bootstrapServers(),
        topics,
        indexer,
        IndexingPace.DEFAULT,
        new SimpleMeterRegistry(),
        "test-index");
  }

  private static String text(ConsumerRecord<String, byte[]> record, String header) {
    return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
  }
}
