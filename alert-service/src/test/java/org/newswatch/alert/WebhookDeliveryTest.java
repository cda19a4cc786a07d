package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.deliver.DeliveryLoop;
import org.newswatch.alert.deliver.FlakyReceiver;
import org.newswatch.alert.deliver.WebhookSignature;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.common.Json;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

@ExtendWith(KafkaBrokerExtension.class)
class WebhookDeliveryTest {
  @TempDir Path dataDir;
  private ServiceFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  private String subscribeWebhook(String key, String url) {
    Api.Answer a =
        fx.api.post(
            "/api/subscriptions",
            key,
            Map.of(
                "name",
                "Kech hook",
                "query",
                "kech OR panjgur",
                "channels",
                List.of(Map.of("type", "webhook", "url", url, "secret", "s3cret"))));
    assertEquals(201, a.status(), a.body());
    return a.json().get("id").asText();
  }

  @Test
  void receiverFailingTwiceGetsOneAlertIdWithValidSignatures(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    try (FlakyReceiver receiver = new FlakyReceiver(503, 502, 200)) {
      String key = fx.newAnalyst("Hooked");
      String subscription = subscribeWebhook(key, receiver.url());
      fx.publish(TestArticles.BORDER_ATTACK_EN);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> receiver.received().stream().anyMatch(r -> r.answered() == 200));

      List<FlakyReceiver.Received> got = receiver.received();
      assertEquals(3, got.size(), got.toString());
      Set<String> ids =
          got.stream().map(FlakyReceiver.Received::deliveryId).collect(Collectors.toSet());
      assertEquals(1, ids.size());
      String alertId =
          fx.api
              .get("/api/alerts?subscription=" + subscription, key)
              .json()
              .get("items")
              .get(0)
              .get("id")
              .asText();
      assertEquals(Set.of(alertId), ids);
      for (FlakyReceiver.Received r : got) {
        assertEquals(
            WebhookSignature.sign(
                "s3cret", Long.parseLong(r.timestamp()), r.body().getBytes(StandardCharsets.UTF_8)),
            r.signature());
      }
      // The payload says why it fired, as GET /api/alerts does: "Panjgur" in the title, the clause
      // that matched.
      JsonNode why = Json.fromString(got.get(2).body(), JsonNode.class).get("explanation");
      assertEquals(
          "{\"text\":\"Panjgur\",\"where\":\"title\",\"start\":32,\"end\":39}",
          why.get("words").get(0).toString());
      assertEquals("[{\"text\":\"panjgur\"}]", why.get("clauses").toString());
      assertEquals(
          why,
          fx.api
              .get("/api/alerts?subscription=" + subscription, key)
              .json()
              .get("items")
              .get(0)
              .get("explanation"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> fx.api.get("/api/deliveries", key).json().get("items").size() == 1);
      assertTrue(
          fx.api
              .get("/api/deliveries", key)
              .json()
              .get("items")
              .get(0)
              .get("delivered")
              .asBoolean());
    }
  }

  @Test
  void refusedDeliveryGoesToDeadLetterAndShowsAsFailed(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    try (FlakyReceiver receiver = new FlakyReceiver(410)) {
      String key = fx.newAnalyst("Gone");
      subscribeWebhook(key, receiver.url());
      fx.publish(TestArticles.BORDER_ATTACK_EN);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> TopicRecords.read(fx.bootstrap, fx.topics.deadLetter().name()).size() == 1);
      ConsumerRecord<String, byte[]> dead =
          TopicRecords.read(fx.bootstrap, fx.topics.deadLetter().name()).get(0);
      assertEquals(
          receiver.url(),
          new String(
              dead.headers().lastHeader(DeliveryLoop.TARGET_HEADER).value(),
              StandardCharsets.UTF_8));
      String error =
          new String(
              dead.headers().lastHeader(AlertEmitter.ERROR_HEADER).value(), StandardCharsets.UTF_8);
      assertTrue(error.contains("HTTP 410"), error);
      assertTrue(
          !fx.api
              .get("/api/deliveries", key)
              .json()
              .get("items")
              .get(0)
              .get("delivered")
              .asBoolean());
    }
  }

  @Test
  void webhookToAnInternalAddressIsRefusedWhenSaved(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir, false).start();
    Api.Answer a =
        fx.api.post(
            "/api/subscriptions",
            ServiceFixture.ADMIN,
            Map.of(
                "query",
                "kech",
                "channels",
                List.of(Map.of("type", "webhook", "url", "http://169.254.169.254/latest"))));
    assertEquals(400, a.status());
    assertTrue(a.json().get("detail").asText().contains("internal address"), a.body());
  }
}
