package org.newswatch.alert.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.alert.TestArticles;
import org.newswatch.alert.match.AlertMatcher;
import org.newswatch.alert.match.BuiltInTopics;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.HoldFirstAcknowledgement;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * A pause longer than the transaction timeout, in the middle of a batch's transaction (a stopped
 * VM, a long GC, a starved container): the coordinator aborts the transaction meanwhile and the
 * producer can then neither commit nor abort. Tried here with a two-second transaction timeout and
 * a producer interceptor that holds the producer's network thread for 25 s once the batch's alerts
 * have reached the broker, before its commit.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AlertEmitterPauseTest {
  private static final List<Article> BORDER_ATTACKS =
      List.of(
          TestArticles.BORDER_ATTACK_EN,
          TestArticles.BORDER_ATTACK_UR,
          TestArticles.BORDER_ATTACK_FA);

  /**
   * An emitter of the built-in topics' alerts, in group {@code name}, transactional id {@code
   * name-1}, with {@code producerSettings} over the service's own.
   */
  private static AlertEmitter emitter(
      KafkaBroker broker,
      Topics topics,
      String name,
      AlertMatcher matcher,
      SimpleMeterRegistry meters,
      Map<String, Object> producerSettings) {
    AlertStore store = new AlertStore();
    return new AlertEmitter(
        broker.bootstrapServers(),
        topics,
        topics.prefix() + name,
        topics.prefix() + name + "-1",
        new ArticleAlerter(matcher, store::contains, Clock.systemUTC(), meters),
        store,
        () -> true,
        meters,
        Clock.systemUTC(),
        producerSettings);
  }

  @Test
  void batchWhoseTransactionTimedOutDuringAPauseIsAlertedOnceByANewProducer(KafkaBroker broker)
      throws Exception {
    Topics topics = broker.newTopics();
    String bootstrap = broker.bootstrapServers();
    // Written before the emitter starts, so that its first poll holds all three: one transaction.
    TopicRecords.produce(bootstrap, topics.articles(), BORDER_ATTACKS, a -> ((Article) a).id());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HoldFirstAcknowledgement.reset();
    try (AlertMatcher matcher = new AlertMatcher()) {
      BuiltInTopics.subscriptions(Instant.EPOCH).forEach(matcher::put);
      matcher.flush();
      try (AlertEmitter emitter =
          emitter(
              broker,
              topics,
              "pause-test",
              matcher,
              meters,
              HoldFirstAcknowledgement.withShortTransactions())) {
        emitter.start();

        List<String> alerted =
            TopicRecords.keysWhenSettled(
                bootstrap, topics.alerts().name(), 3, Duration.ofSeconds(120));

        assertEquals(3, alerted.size(), "alerts committed: " + alerted);
        assertEquals(3, alerted.stream().distinct().count(), "an alert twice: " + alerted);
        assertTrue(HoldFirstAcknowledgement.held(), "the commit was never held");
        // Kafka 4 fences the producer whose transaction the coordinator timed out; older
        // coordinators leave it unable to abort. Either way the held transaction failed.
        assertTrue(
            failedTransactions(meters) >= 1,
            "the held transaction did not fail, so the pause was not tried");
        assertEquals(Optional.empty(), emitter.failure());
        assertTrue(emitter.running(), "the emitter stopped");
      }
    }
  }

  @Test
  void newerInstanceWithTheSameIdStillStopsTheOldOne(KafkaBroker broker) throws Exception {
    Topics topics = broker.newTopics();
    String bootstrap = broker.bootstrapServers();
    String transactionalId = topics.prefix() + "zombie-test-1";
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (AlertMatcher matcher = new AlertMatcher()) {
      BuiltInTopics.subscriptions(Instant.EPOCH).forEach(matcher::put);
      matcher.flush();
      try (AlertEmitter emitter =
          emitter(broker, topics, "zombie-test", matcher, meters, Map.of())) {
        emitter.start();
        TopicRecords.produce(
            bootstrap, topics.articles(), List.of(BORDER_ATTACKS.get(0)), a -> ((Article) a).id());
        assertEquals(
            1,
            TopicRecords.keysWhenSettled(
                    bootstrap, topics.alerts().name(), 1, Duration.ofSeconds(60))
                .size());

        // What a restarted instance on the same data folder does first.
        Properties newer = KafkaSettings.producer(bootstrap, "newer-instance");
        newer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(newer)) {
          producer.initTransactions();
        }
        TopicRecords.produce(
            bootstrap, topics.articles(), List.of(BORDER_ATTACKS.get(1)), a -> ((Article) a).id());

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (emitter.running() && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertFalse(emitter.running(), "the fenced instance went on");
        assertInstanceOf(ProducerFencedException.class, emitter.failure().orElseThrow());
        assertEquals(0.0, failedTransactions(meters), "the fence was taken for a timeout");
        assertEquals(1, TopicRecords.count(bootstrap, topics.alerts().name()));
      }
    }
  }

  private static double failedTransactions(SimpleMeterRegistry meters) {
    return meters.counter(ServiceMeters.ERRORS, "kind", "transaction-timed-out").count()
        + meters.counter(ServiceMeters.ERRORS, "kind", "transaction-aborted").count();
  }
}
