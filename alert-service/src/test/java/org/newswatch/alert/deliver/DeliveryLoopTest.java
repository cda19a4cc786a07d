package org.newswatch.alert.deliver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/** The Kafka half of delivery on a real broker: it bounds what is in flight and keeps polling. */
@ExtendWith(KafkaBrokerExtension.class)
class DeliveryLoopTest {
  @Test
  void atTheInFlightBoundReadingPausesWhileThePollingGoesOnThenEverythingIsDelivered(KafkaBroker broker) {
    Topics topics = broker.newTopics();
    TopicAdmin.ensure(broker.bootstrapServers(), topics, Duration.ofSeconds(30));
    // Hostile receiver: holds every request until released (10 minutes otherwise).
    try (StalledReceiver receiver = StalledReceiver.answeringAfter(Duration.ofMinutes(10))) {
      Subscription s =
          new Subscription(
              Subscription.SCHEMA, "sub-1", "an-1", "Kech", "kech", null, null, Subscription.Schedule.immediate,
              List.of(new Subscription.Channel("webhook", receiver.url(), "s", null)), Instant.EPOCH);
      List<Alert> alerts = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        alerts.add(new Alert(Alert.SCHEMA, "alert-" + i, "sub-1", "an-1", "art-" + i, "art-" + i, "https://news.example/" + i, "Kech " + i, "voa", "en", Instant.EPOCH, List.of(), "", Instant.EPOCH));
        ids.add("alert-" + i);
      }
      TopicRecords.produce(broker.bootstrapServers(), topics.alerts(), alerts, a -> ((Alert) a).id());
      WebhookSender webhooks = new WebhookSender(new AddressGuard(true), Clock.systemUTC(), new WebhookSender.Backoff(3, Duration.ofMillis(100), Duration.ofMillis(100)), "x");
      MockProducer<String, byte[]> deadLetters = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
      try (DeliveryLoop loop =
          new DeliveryLoop(
              broker.bootstrapServers(), topics, topics.prefix() + "delivery", deadLetters, id -> Optional.of(s).filter(x -> x.id().equals(id)), webhooks, null,
              new DeliveryLog(), Clock.systemUTC(), new SimpleMeterRegistry(), new DeliverySettings(2, 1_000, 4, Duration.ofMinutes(3)))) {
        loop.start();
        await().atMost(Duration.ofSeconds(60)).until(loop::readingPaused);
        // Paused, not stuck: the loop still polls (it would say so on /health otherwise) and has not failed.
        assertEquals(List.of(), loop.problems());
        assertTrue(loop.failure().isEmpty());

        receiver.release();
        await().atMost(Duration.ofSeconds(60)).until(() -> new HashSet<>(receiver.deliveryIds()).equals(ids));
        await().atMost(Duration.ofSeconds(30)).until(() -> !loop.readingPaused());
        assertTrue(loop.failure().isEmpty());
        assertEquals(List.of(), deadLetters.history(), "nothing failed for good");
      }
    }
  }
}
