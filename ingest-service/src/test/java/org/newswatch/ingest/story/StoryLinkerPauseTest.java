package org.newswatch.ingest.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.HoldFirstAcknowledgement;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.ingest.IngestOptions;

/**
 * The linker paused longer than its transaction timeout between writing a batch and committing it
 * (a stopped VM, a long GC, a suspended laptop with a remote broker): the coordinator aborts the
 * transaction meanwhile and the producer can neither commit nor abort. Tried with a two-second
 * transaction timeout and a producer interceptor that holds the producer's network thread for 25 s
 * once the batch's first record is on the broker, with one linker and no other to take over.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StoryLinkerPauseTest {
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void aBatchWhoseTransactionTimedOutDuringAPauseIsLinkedOnceAfterwards(KafkaBroker broker)
      throws InterruptedException {
    Topics topics = broker.newTopics();
    String bootstrap = broker.bootstrapServers();
    List<Article> batch =
        List.of(
            StoryTexts.article("voa", "a/1", "border-original", "en", T0),
            StoryTexts.article("dunya", "u/1", "ur-flood", "ur", T0.plusSeconds(60)),
            StoryTexts.article("irna", "f/1", "fa-drought", "fa", T0.plusSeconds(120)));
    // Written before the linker starts, so that its first poll holds all three: one transaction.
    for (Article a : batch) {
      TopicRecords.produce(bootstrap, topics.intake(), a.id(), Json.toBytes(a));
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HoldFirstAcknowledgement.reset();

    try (StoryLinker linker =
        new StoryLinker(
            bootstrap,
            topics,
            "paused",
            IngestOptions::defaultMatcher,
            meters,
            HoldFirstAcknowledgement.withShortTransactions())) {
      linker.start();

      List<String> linked =
          TopicRecords.keysWhenSettled(
              bootstrap, topics.articles().name(), 3, Duration.ofSeconds(120));

      assertTrue(HoldFirstAcknowledgement.held(), "the batch's commit was never held");
      assertEquals(3, linked.size(), "articles committed to news.articles: " + linked);
      Set<String> ids = new TreeSet<>();
      batch.forEach(a -> ids.add(a.id()));
      assertEquals(ids, new TreeSet<>(linked), "each article once");
      // Its memory was built again after the failed transaction: the first take-over, and the
      // one after the fence or the failed abort.
      assertTrue(
          meters.counter("newswatch.ingest.linker.rebuilds").count() >= 2,
          "the held transaction did not fail, so the pause was not tried");
      assertEquals(Optional.empty(), linker.failure());
      assertTrue(linker.owner(), "the linker stopped linking");
    }
  }
}
