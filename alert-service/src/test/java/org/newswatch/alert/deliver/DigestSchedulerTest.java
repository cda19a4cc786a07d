package org.newswatch.alert.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;

class DigestSchedulerTest {
  @TempDir Path dataDir;

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Alert alert(String id, String sub, Instant at) {
    return new Alert(
        Alert.SCHEMA,
        id,
        sub,
        "an-1",
        "art-" + id,
        "art-" + id,
        "https://news.example/" + id,
        "Title " + id,
        "voa",
        "en",
        at,
        List.of("Kech"),
        "…",
        at);
  }

  @Test
  void hourlyDigestIsSentOnceAfterItsHourEvenAcrossARestart() throws Exception {
    HandClock clock = new HandClock(Instant.parse("2026-11-28T10:20:00Z"));
    AlertStore store = new AlertStore();
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    try (FlakyReceiver receiver = new FlakyReceiver(200)) {
      Subscription hourly =
          new Subscription(
              Subscription.SCHEMA,
              "sub-h",
              "an-1",
              "Hourly Kech",
              "kech",
              null,
              null,
              Subscription.Schedule.hourly,
              List.of(new Subscription.Channel("webhook", receiver.url(), "s3cret", null)),
              Instant.EPOCH);
      WebhookSender sender =
          new WebhookSender(
              new AddressGuard(true),
              clock,
              new Backoff(2, Duration.ofMillis(10), Duration.ofMillis(10)),
              "x");
      java.util.function.Supplier<DigestScheduler> make =
          () ->
              new DigestScheduler(
                  () -> List.of(hourly),
                  store,
                  sender,
                  new DeadLetterWriter(producer, new Topics("t.")),
                  new DeliveryLog(),
                  clock,
                  dataDir);

      DigestScheduler first = make.get();
      first.runOnce(); // first sight: starts with the current hour, nothing of the past
      store.add(alert("a1", "sub-h", Instant.parse("2026-11-28T10:25:00Z")));
      store.add(alert("a2", "sub-h", Instant.parse("2026-11-28T10:40:00Z")));
      store.add(alert("other", "sub-x", Instant.parse("2026-11-28T10:41:00Z")));
      first.runOnce();
      assertEquals(0, receiver.received().size(), "the hour is not over");

      clock.now = Instant.parse("2026-11-28T11:00:30Z");
      store.add(alert("a3", "sub-h", Instant.parse("2026-11-28T11:00:10Z")));
      first.runOnce();
      first.runOnce();
      assertEquals(1, receiver.received().size());
      FlakyReceiver.Received got = receiver.received().get(0);
      JsonNode digest = Json.MAPPER.readTree(got.body());
      assertEquals("2026-11-28T10:00:00Z", digest.get("from").asText());
      assertEquals("2026-11-28T11:00:00Z", digest.get("to").asText());
      List<String> ids = new ArrayList<>();
      digest.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
      assertEquals(List.of("a1", "a2"), ids);
      assertEquals(digest.get("id").asText(), got.deliveryId());
      assertEquals(
          WebhookSignature.sign(
              "s3cret",
              Long.parseLong(got.timestamp()),
              got.body().getBytes(StandardCharsets.UTF_8)),
          got.signature());

      // Restart: the state file says 10:00-11:00 was sent.
      DigestScheduler second = make.get();
      second.runOnce();
      assertEquals(1, receiver.received().size());
      clock.now = Instant.parse("2026-11-28T12:05:00Z");
      second.runOnce();
      assertEquals(2, receiver.received().size());
      assertTrue(receiver.received().get(1).body().contains("\"a3\""));
      first.close();
      second.close();
      assertTrue(producer.history().isEmpty(), "nothing failed");
    }
  }

  @Test
  void aDigestThatCannotBeDeliveredGoesToDeadLetter() throws Exception {
    HandClock clock = new HandClock(Instant.parse("2026-11-28T10:20:00Z"));
    AlertStore store = new AlertStore();
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    try (FlakyReceiver receiver = new FlakyReceiver(500)) {
      Subscription daily =
          new Subscription(
              Subscription.SCHEMA,
              "sub-d",
              "an-1",
              "Daily",
              "kech",
              null,
              null,
              Subscription.Schedule.daily,
              List.of(new Subscription.Channel("webhook", receiver.url(), null, null)),
              Instant.EPOCH);
      WebhookSender sender =
          new WebhookSender(
              new AddressGuard(true),
              clock,
              new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(10)),
              "x");
      DigestScheduler s =
          new DigestScheduler(
              () -> List.of(daily),
              store,
              sender,
              new DeadLetterWriter(producer, new Topics("t.")),
              new DeliveryLog(),
              clock,
              dataDir);
      s.runOnce();
      store.add(alert("d1", "sub-d", Instant.parse("2026-11-28T12:00:00Z")));
      clock.now = Instant.parse("2026-11-29T00:01:00Z");
      s.runOnce();
      s.close();
      assertEquals(3, receiver.received().size());
      assertEquals(1, producer.history().size());
      assertEquals("t.news.deadletter", producer.history().get(0).topic());
      assertTrue(
          new String(producer.history().get(0).value(), StandardCharsets.UTF_8).contains("\"d1\""));
    }
  }
}
