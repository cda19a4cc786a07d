package org.newswatch.alert.deliver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;

/**
 * The dispatching half of delivery, without Kafka: what is done when, and what is dead-lettered.
 */
class AlertDispatcherTest {
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  private AlertDispatcher dispatcher(Subscription s, DeliverySettings settings) {
    WebhookSender webhooks =
        new WebhookSender(
            new AddressGuard(true),
            Clock.systemUTC(),
            new Backoff(1, Duration.ZERO, Duration.ZERO),
            "x");
    return new AlertDispatcher(
        id -> Optional.of(s).filter(x -> x.id().equals(id)),
        webhooks,
        null,
        new DeadLetterWriter(producer, new Topics("t.")),
        new DeliveryLog(),
        Clock.systemUTC(),
        new SimpleMeterRegistry(),
        settings);
  }

  private static Subscription subscription(String url) {
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

  private static String header(ProducerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void pastItsBacklogAStalledReceiversNextAlertIsDeadLetteredAtOnceAndTheOthersWait() {
    try (StalledReceiver stalled = StalledReceiver.answeringAfter(Duration.ofMinutes(10));
        AlertDispatcher d =
            dispatcher(
                subscription(stalled.url() + "?token=t0k3n"),
                new DeliverySettings(1, 1, 100, Duration.ofMinutes(3)))) {
      AtomicInteger done = new AtomicInteger();
      for (int i = 0; i < 3; i++) {
        d.dispatch(
            alert("a" + i),
            Json.toBytes(alert("a" + i)),
            new RecordOrigin("t.news.alerts", 0, i),
            done::incrementAndGet);
      }
      // a0 is being sent, a1 waits, a2 finds the backlog full: dead-lettered and done, not held.
      await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
      ProducerRecord<String, byte[]> dead = producer.history().get(0);
      assertEquals("a2", dead.key());
      String error = header(dead, AlertEmitter.ERROR_HEADER);
      assertTrue(
          error.contains(
              "1 deliveries already waiting for webhook http://127.0.0.1:" + stalled.port()),
          error);
      // What a failed delivery's dead letter carries: the record as read, where from, where to, who
      // said so.
      assertEquals(
          new RecordOrigin("t.news.alerts", 0, 2), RecordOrigin.from(dead.headers()).orElseThrow());
      assertEquals(stalled.url() + "?token=t0k3n", header(dead, DeadLetterWriter.TARGET_HEADER));
      assertEquals("alert-service", header(dead, AlertEmitter.SERVICE_HEADER));
      assertEquals(alert("a2"), Json.fromBytes(dead.value(), Alert.class));
      assertEquals(1, producer.history().size());
      assertEquals(List.of("a0"), stalled.deliveryIds());
    }
  }
}
