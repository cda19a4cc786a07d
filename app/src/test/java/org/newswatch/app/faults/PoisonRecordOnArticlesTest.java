package org.newswatch.app.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * Records on {@code news.articles} that are not articles, written in the middle of a stream of
 * stories: both services that read the topic (index and alert, JVMs of their own) put each on
 * {@code news.deadletter} with its original key and bytes, stay ready, and index and alert every
 * story before and after them exactly once.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class PoisonRecordOnArticlesTest {
  static final int STORIES = 24;

  /**
   * Not JSON at all, and JSON that is not an article (no id, no URL): two ways a record is
   * unreadable.
   */
  static final Map<String, String> POISON =
      Map.of(
          "poison-garbage", "{\"schema\":1,\"id\":\"x\", this is not JSON \u0000\u00ff",
          "poison-not-an-article", "{\"schema\":1,\"title\":\"no id, no url\"}");

  @TempDir Path data;

  @Test
  void poisonGoesToTheDeadLetterTopicAndTheStreamGoesOn(KafkaBroker broker) throws Exception {
    try (ProcessPipeline pipeline =
        ProcessPipeline.start(
            broker.bootstrapServers(),
            broker.newTopics(),
            data,
            ServiceProcess.logDir(getClass()),
            5)) {
      // Given stories streaming through all three services,
      pipeline.stories.publishSteadily(STORIES / 3, ProcessPipeline.PACE);
      pipeline.awaitFlowing();
      pipeline.stories.publishSteadily(STORIES - STORIES / 3, ProcessPipeline.PACE);

      // when unreadable records land on news.articles among them,
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(KafkaSettings.producer(pipeline.bootstrap, "poisoner"))) {
        for (Map.Entry<String, String> p : POISON.entrySet()) {
          producer
              .send(
                  new ProducerRecord<>(
                      pipeline.topics.articles().name(),
                      p.getKey(),
                      p.getValue().getBytes(StandardCharsets.UTF_8)))
              .get(30, TimeUnit.SECONDS);
        }
      }
      int atPoison = pipeline.stories.count();
      pipeline.note("poison written");

      // then each is dead-lettered once by each reader, with its key and bytes,
      String deadLetter = pipeline.topics.deadLetter().name();
      await("poison dead-lettered by index-service and alert-service")
          .atMost(ProcessPipeline.PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> TopicRecords.read(pipeline.bootstrap, deadLetter).size() >= 2 * POISON.size());
      // (the stream goes on: every story, also those published after the poison, once in the index
      // and alerts)
      NoLossCheck.Outcome outcome =
          new NoLossCheck(pipeline).assertEveryArticleAndAlertExactlyOnce(STORIES);

      List<ConsumerRecord<String, byte[]>> letters =
          TopicRecords.read(pipeline.bootstrap, deadLetter);
      Map<String, Integer> byKeyAndService = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> r : letters) {
        Header service = r.headers().lastHeader(DeadLetterHeaders.SERVICE);
        Header error = r.headers().lastHeader(DeadLetterHeaders.ERROR);
        assertTrue(
            error != null && error.value().length > 0,
            () -> "dead letter " + r.key() + " says why");
        assertEquals(
            POISON.get(r.key()),
            new String(r.value(), StandardCharsets.UTF_8),
            () -> "original bytes of " + r.key());
        byKeyAndService.merge(
            r.key()
                + " from "
                + (service == null ? "?" : new String(service.value(), StandardCharsets.UTF_8)),
            1,
            Integer::sum);
      }
      Map<String, Integer> expected = new TreeMap<>();
      for (String key : POISON.keySet()) {
        expected.put(key + " from index-service", 1);
        expected.put(key + " from alert-service", 1);
      }
      assertEquals(
          expected,
          byKeyAndService,
          "dead letters, by original key and the service that wrote them");

      // and both readers are still ready.
      assertEquals(
          200,
          pipeline.index.health().statusCode(),
          () -> "index-service: " + pipeline.index.health());
      assertEquals(
          200,
          pipeline.alert.health().statusCode(),
          () -> "alert-service: " + pipeline.alert.health());
      System.out.println("poison written when " + atPoison + " stories were published; " + outcome);
    }
  }
}
