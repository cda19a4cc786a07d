package org.newswatch.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.feed.PollBounds;

/** The feed-assignment loop on a real broker, with a record on news.feeds that is not a feed. */
@ExtendWith(KafkaBrokerExtension.class)
class UnreadableFeedRecordTest {

  @Test
  void unreadableFeedRecordIsDeadLetteredAndTheOtherFeedsArePolled(
      KafkaBroker broker, @TempDir Path dir) throws Exception {
    // Hostile input: a news.feeds record that is not JSON, and one that is JSON but an invalid feed
    // id.
    Topics topics = broker.newTopics();
    TopicRecords.produce(
        broker.bootstrapServers(),
        topics.feeds(),
        "junk",
        "{not json".getBytes(StandardCharsets.UTF_8));
    TopicRecords.produce(
        broker.bootstrapServers(),
        topics.feeds(),
        "BAD ID",
        "{\"id\":\"BAD ID\",\"url\":\"https://x.example/\"}".getBytes(StandardCharsets.UTF_8));
    try (StaticHttpServer server = StaticHttpServer.start(0)) {
      server.put("/voa.xml", "application/rss+xml", Fixtures.bytes("voa-rss2.xml"));
      Files.writeString(
          dir.resolve("feeds.yaml"),
          "feeds:\n  - {id: voa, url: \"" + server.url("/voa.xml") + "\", interval: 5s}\n");
      ServiceContext ctx =
          new ServiceContext(
              broker.bootstrapServers(),
              topics,
              dir.resolve("data"),
              0,
              true,
              "admin-key-0123456789abcdef",
              "https://example.org/test");
      try (IngestService service =
          IngestService.start(
              ctx,
              dir.resolve("feeds.yaml"),
              IngestOptions.defaults()
                  .withInitialSpread(Duration.ZERO)
                  .withBounds(new PollBounds(Duration.ofSeconds(5), Duration.ofSeconds(5))))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    service.statuses().snapshot().containsKey("voa")
                        && service.statuses().snapshot().get("voa").polls() > 0);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    TopicRecords.count(broker.bootstrapServers(), topics.deadLetter().name()) >= 4);
      }
    }
    List<ConsumerRecord<String, byte[]>> dead =
        TopicRecords.read(broker.bootstrapServers(), topics.deadLetter().name());
    List<String> keys = dead.stream().map(ConsumerRecord::key).distinct().sorted().toList();
    assertEquals(List.of("BAD ID", "junk"), keys);
    for (ConsumerRecord<String, byte[]> letter : dead) {
      assertEquals(
          topics.feeds().name(), RecordOrigin.from(letter.headers()).orElseThrow().topic());
    }
    // Both readers of news.feeds met them: the assignment loop (as ingest-service) and the
    // registry's
    // table (as its client id); each wrote its own dead letter, with the same origin.
    List<String> byAssignments =
        dead.stream()
            .filter(
                r ->
                    new String(
                            r.headers().lastHeader(DeadLetterHeaders.SERVICE).value(),
                            StandardCharsets.UTF_8)
                        .equals("ingest-service"))
            .map(ConsumerRecord::key)
            .sorted()
            .toList();
    assertEquals(List.of("BAD ID", "junk"), byAssignments);
  }
}
