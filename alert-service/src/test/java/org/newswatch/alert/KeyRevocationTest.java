package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/** Issue 11 item 4: revoking an analyst's key cuts them off at once, on every instance. */
@ExtendWith(KafkaBrokerExtension.class)
class KeyRevocationTest {
  @TempDir Path dataDir;
  @TempDir Path secondDataDir;
  private ServiceFixture fx;
  private ServiceFixture second;

  @AfterEach
  void stop() {
    if (second != null) {
      second.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void revokingAKeyEndsThatAnalystsOpenStreamsOnEveryInstance(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    // A second instance on the same topics: it learns of the revocation only from news.analysts.
    second = new ServiceFixture(broker, secondDataDir, fx.topics).start();
    String revoked = fx.newAnalyst("Leaver");
    String stays = fx.newAnalyst("Stayer");
    String revokedId = analystId(revoked);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> second.api.get("/api/subscriptions", revoked).status() == 200);

    try (SseListener here = SseListener.open(fx.service.port(), revoked);
        SseListener there = SseListener.open(second.service.port(), revoked);
        SseListener other = SseListener.open(fx.service.port(), stays)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> here.connected() && there.connected() && other.connected());

      assertEquals(200, fx.api.delete("/api/analysts/" + revokedId, ServiceFixture.ADMIN).status());

      await().atMost(Duration.ofSeconds(30)).until(() -> here.ended() && there.ended());
      assertFalse(other.ended(), "another analyst's stream goes on");
      assertEquals(401, fx.api.get("/api/alerts", revoked).status());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> second.api.get("/api/alerts", revoked).status() == 401);
    }
  }

  @Test
  void revokedAnalystsSubscriptionsArePausedUntilANewKeyIsIssued(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String leaver = fx.newAnalyst("Leaver");
    String stayer = fx.newAnalyst("Stayer");
    String leaverId = analystId(leaver);
    String paused =
        fx.api
            .post("/api/subscriptions", leaver, Map.of("name", "Panjgur", "query", "panjgur"))
            .json()
            .get("id")
            .asText();
    String running =
        fx.api
            .post("/api/subscriptions", stayer, Map.of("name", "Panjgur too", "query", "panjgur"))
            .json()
            .get("id")
            .asText();

    fx.publish(story("first"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> alertsOf(paused, "first") == 1 && alertsOf(running, "first") == 1);

    assertEquals(200, fx.api.delete("/api/analysts/" + leaverId, ServiceFixture.ADMIN).status());
    fx.publish(story("second"));
    // The other analyst's alert for the same article shows the article was matched.
    await().atMost(Duration.ofSeconds(60)).until(() -> alertsOf(running, "second") == 1);
    fx.awaitAllConsumed();
    assertEquals(
        0,
        alertsOf(paused, "second"),
        "a revoked analyst's subscription matched: it would deliver to their webhooks and e-mail");

    Api.Answer reissued =
        fx.api.post("/api/analysts/" + leaverId + "/key", ServiceFixture.ADMIN, Map.of());
    assertEquals(201, reissued.status(), reissued.body());
    String newKey = reissued.json().get("apiKey").asText();
    assertTrue(!newKey.equals(leaver));
    assertEquals(401, fx.api.get("/api/alerts", leaver).status(), "the old key stays revoked");
    assertEquals(200, fx.api.get("/api/subscriptions/" + paused, newKey).status());
    fx.publish(story("third"));
    await().atMost(Duration.ofSeconds(60)).until(() -> alertsOf(paused, "third") == 1);
  }

  private long alertsOf(String subscription, String story) {
    return fx.alertRecords().stream()
        .filter(
            (Alert a) ->
                a.subscriptionId().equals(subscription)
                    && a.articleId().equals("revocation-" + story))
        .count();
  }

  private static Article story(String name) {
    return TestArticles.article(
        "revocation-" + name,
        "story-" + name,
        "test-outlet",
        "en",
        "Militants attack border post in Panjgur (" + name + ")",
        "Gunmen attacked a Frontier Corps post in Panjgur district of Balochistan, officials said of the "
            + name
            + " attack.");
  }

  private String analystId(String key) {
    return fx
        .api
        .get("/api/analysts", ServiceFixture.ADMIN)
        .json()
        .get("items")
        .findValuesAsText("id")
        .stream()
        .filter(
            id -> id.equals("an-" + org.newswatch.common.Hashes.sha256Hex(key).substring(0, 12)))
        .findFirst()
        .orElseThrow();
  }
}
