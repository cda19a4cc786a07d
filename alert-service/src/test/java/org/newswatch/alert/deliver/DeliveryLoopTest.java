package org.newswatch.alert.deliver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/** The Kafka half of delivery on a real broker: it bounds what is in flight and keeps polling. */
@ExtendWith(KafkaBrokerExtension.class)
class DeliveryLoopTest {
  @Test
  void atTheInFlightBoundReadingPausesWhileThePollingGoesOnThenEverythingIsDelivered(
      KafkaBroker broker) {
    Topics topics = broker.newTopics();
    TopicAdmin.ensure(broker.bootstrapServers(), topics, Duration.ofSeconds(30));
    // Hostile receiver: holds every request until released (10 minutes otherwise).
    try (StalledReceiver receiver = StalledReceiver.answeringAfter(Duration.ofMinutes(10))) {
      Subscription s =
          new Subscription(
              Subscription.SCHEMA,
              "sub-1",
              "an-1",
              "Kech",
              "kech",
              null,
              null,
              Subscription.Schedule.immediate,
              List.of(new Subscription.Channel("webhook", receiver.url(), "s", null)),
              Instant.EPOCH);
      List<Alert> alerts = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        alerts.add(
            new Alert(
                Alert.SCHEMA,
                "alert-" + i,
                "sub-1",
                "an-1",
                "art-" + i,
                "art-" + i,
                "https://news.example/" + i,
                "Kech " + i,
                "voa",
                "en",
                Instant.EPOCH,
                List.of(),
                "",
                Instant.EPOCH));
        ids.add("alert-" + i);
      }
      TopicRecords.produce(
          broker.bootstrapServers(), topics.alerts(), alerts, a -> ((Alert) a).id());
      WebhookSender webhooks =
          new WebhookSender(
              new AddressGuard(true),
              Clock.systemUTC(),
              new Backoff(3, Duration.ofMillis(100), Duration.ofMillis(100)),
              "x");
      MockProducer<String, byte[]> deadLetters =
          new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
      try (DeliveryLoop loop =
          new DeliveryLoop(
              broker.bootstrapServers(),
              topics,
              topics.prefix() + "delivery",
              deadLetters,
              id -> Optional.of(s).filter(x -> x.id().equals(id)),
              webhooks,
              null,
              new DeliveryLog(),
              Clock.systemUTC(),
              new SimpleMeterRegistry(),
              new DeliverySettings(2, 1_000, 4, Duration.ofMinutes(3)))) {
        loop.start();
        await().atMost(Duration.ofSeconds(60)).until(loop::readingPaused);
        // Paused, not stuck: the loop still polls (it would say so on /health otherwise) and has
        // not failed.
        assertEquals(List.of(), loop.problems());
        assertTrue(loop.failure().isEmpty());

        receiver.release();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> new HashSet<>(receiver.deliveryIds()).equals(ids));
        await().atMost(Duration.ofSeconds(30)).until(() -> !loop.readingPaused());
        assertTrue(loop.failure().isEmpty());
        assertEquals(List.of(), deadLetters.history(), "nothing failed for good");
      }
    }
  }

  private static Subscription immediate(String url) {
    return new Subscription(
        Subscription.SCHEMA,
        "sub-1",
        "an-1",
        "Kech",
        "kech",
        null,
        null,
        Subscription.Schedule.immediate,
        List.of(new Subscription.Channel("webhook", url, "s", null)),
        Instant.EPOCH);
  }

  private static Alert alert(String id) {
    return new Alert(
        Alert.SCHEMA,
        id,
        "sub-1",
        "an-1",
        "art-" + id,
        "art-" + id,
        "https://news.example/" + id,
        "Kech",
        "voa",
        "en",
        Instant.EPOCH,
        List.of(),
        "",
        Instant.EPOCH);
  }

  private static DeliveryLoop loop(
      KafkaBroker broker,
      Topics topics,
      MockProducer<String, byte[]> deadLetters,
      Subscription s,
      java.util.function.Function<String, Optional<Subscription>> lookup) {
    WebhookSender webhooks =
        new WebhookSender(
            new AddressGuard(true),
            Clock.systemUTC(),
            new Backoff(3, Duration.ofMillis(100), Duration.ofMillis(100)),
            "x");
    return new DeliveryLoop(
        broker.bootstrapServers(),
        topics,
        topics.prefix() + "delivery",
        deadLetters,
        lookup,
        webhooks,
        null,
        new DeliveryLog(),
        Clock.systemUTC(),
        new SimpleMeterRegistry(),
        DeliverySettings.defaults());
  }

  @Test
  void anUnreadableAlertIsDeadLetteredWithItsOriginTheLoopGoesOnAndCommitsPastIt(
      KafkaBroker broker) {
    // Hostile input: a record on news.alerts that is not JSON at all, and one with no value.
    Topics topics = broker.newTopics();
    TopicAdmin.ensure(broker.bootstrapServers(), topics, Duration.ofSeconds(30));
    TopicRecords.produce(
        broker.bootstrapServers(),
        topics.alerts(),
        "junk",
        "{not json".getBytes(StandardCharsets.UTF_8));
    TopicRecords.produce(broker.bootstrapServers(), topics.alerts(), "empty", null);
    TopicRecords.produce(
        broker.bootstrapServers(), topics.alerts(), List.of(alert("good")), a -> ((Alert) a).id());
    try (FlakyReceiver receiver = new FlakyReceiver(200)) {
      Subscription s = immediate(receiver.url());
      MockProducer<String, byte[]> deadLetters =
          new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
      try (DeliveryLoop loop =
          loop(broker, topics, deadLetters, s, id -> Optional.of(s).filter(x -> x.id().equals(id)))
              .start()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 1);
        assertEquals("good", receiver.received().get(0).deliveryId());
        // Every record finished (two dead-lettered, one delivered): the group is committed to the
        // end.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    TopicRecords.groupsCaughtUp(
                        broker.bootstrapServers(),
                        topics.prefix() + "delivery",
                        topics.alerts().name()));
        assertEquals(List.of(), loop.problems());
        assertEquals(
            List.of(),
            deadLetters.history(),
            "unreadable alerts go through the loop's own dead letters, not the deliveries' writer");
      }
      List<ConsumerRecord<String, byte[]>> read =
          TopicRecords.read(broker.bootstrapServers(), topics.alerts().name());
      List<ConsumerRecord<String, byte[]>> dead =
          TopicRecords.read(broker.bootstrapServers(), topics.deadLetter().name());
      assertEquals(
          List.of("empty", "junk"), dead.stream().map(ConsumerRecord::key).sorted().toList());
      for (ConsumerRecord<String, byte[]> letter : dead) {
        String error =
            new String(
                letter.headers().lastHeader(DeadLetterHeaders.ERROR).value(),
                StandardCharsets.UTF_8);
        assertTrue(error.startsWith("unreadable alert"), error);
        assertEquals(
            "alert-service",
            new String(
                letter.headers().lastHeader(DeadLetterHeaders.SERVICE).value(),
                StandardCharsets.UTF_8));
        RecordOrigin origin = RecordOrigin.from(letter.headers()).orElseThrow();
        assertTrue(
            read.stream()
                .anyMatch(r -> RecordOrigin.of(r).equals(origin) && r.key().equals(letter.key())),
            "origin " + origin + " is where " + letter.key() + " was read");
      }
      assertEquals(
          "{not json",
          new String(
              dead.stream().filter(r -> r.key().equals("junk")).findFirst().orElseThrow().value(),
              StandardCharsets.UTF_8),
          "the original bytes");
    }
  }

  @Test
  void aLoopThatStoppedOnAnErrorSaysSoInItsProblems(KafkaBroker broker) {
    // Hostile fault: the subscription lookup throws an Error (a bug, not a bad record): fatal, and
    // never silent.
    Topics topics = broker.newTopics();
    TopicAdmin.ensure(broker.bootstrapServers(), topics, Duration.ofSeconds(30));
    TopicRecords.produce(
        broker.bootstrapServers(), topics.alerts(), List.of(alert("a")), a -> ((Alert) a).id());
    MockProducer<String, byte[]> deadLetters =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    try (DeliveryLoop loop =
        loop(
                broker,
                topics,
                deadLetters,
                null,
                id -> {
                  throw new AssertionError("lookup broke");
                })
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> loop.failure().isPresent());
      List<String> problems = loop.problems();
      assertTrue(
          problems.stream().anyMatch(p -> p.contains("stopped") && p.contains("lookup broke")),
          problems.toString());
    }
  }
}
