package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.deliver.FlakyReceiver;
import org.newswatch.alert.deliver.StalledReceiver;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * Issue 11 item 2: one analyst's stalled webhook must not stop another analyst's alerts. Hostile
 * receivers tried: one answers 200 and then streams a chunked body that never ends (the request
 * timeout of JDK 21–25's HttpClient stops counting once headers arrive), one answers only after
 * 20 s (five attempts of it would outlast max.poll.interval in batches).
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeliveryIsolationTest {
  private static final int STORIES = 6;

  @TempDir Path dataDir;
  private ServiceFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  private String subscribe(String key, String name, String url) {
    Api.Answer a = fx.api.post("/api/subscriptions", key, Map.of("name", name, "query", "panjgur OR kech", "channels", List.of(Map.of("type", "webhook", "url", url, "secret", "s3cret"))));
    assertEquals(201, a.status(), a.body());
    return a.json().get("id").asText();
  }

  private static Article[] stories(String prefix) {
    List<Article> out = new ArrayList<>();
    for (int i = 0; i < STORIES; i++) {
      out.add(
          TestArticles.article(
              prefix + "-" + i, prefix + "-story-" + i, "test-outlet", "en", "Attack number " + i + " in Panjgur",
              "Gunmen attacked a post in Panjgur district of Balochistan, officials said; report " + i + "."));
    }
    return out.toArray(Article[]::new);
  }

  private Set<String> alertIds(String subscription, String key) {
    Set<String> ids = new HashSet<>();
    fx.api.get("/api/alerts?subscription=" + subscription, key).json().get("items").forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  @Test
  @DisplayName("an endless 200 body and a receiver answering after 20 s do not delay another analyst's webhook, which gets each of its alerts once")
  void stalledReceiversDoNotDelayAnotherAnalystsWebhook(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    try (StalledReceiver endless = StalledReceiver.endlessBody();
        StalledReceiver slow = StalledReceiver.answeringAfter(Duration.ofSeconds(20));
        FlakyReceiver good = new FlakyReceiver(200)) {
      subscribe(fx.newAnalyst("Endless"), "endless body", endless.url());
      subscribe(fx.newAnalyst("Slow"), "slow receiver", slow.url());
      String goodKey = fx.newAnalyst("Good");
      String goodSubscription = subscribe(goodKey, "good receiver", good.url());

      fx.publish(stories("isolation"));
      await().atMost(Duration.ofSeconds(60)).until(() -> alertIds(goodSubscription, goodKey).size() == STORIES);
      Set<String> due = alertIds(goodSubscription, goodKey);

      // Not a timing claim: the old single delivery thread never got here (blocked on the endless
      // body for good), and 30 s is less than one alert's worth of the slow receiver's retries.
      await().atMost(Duration.ofSeconds(30)).until(() -> good.received().size() >= STORIES);
      List<String> got = good.received().stream().map(FlakyReceiver.Received::deliveryId).toList();
      assertEquals(due, new HashSet<>(got), "the good receiver gets exactly its own alerts");
      assertEquals(STORIES, got.size(), "each once: " + got);
      // The endless body's 200 counts: each of its alerts was posted once, not held or repeated.
      await().atMost(Duration.ofSeconds(30)).until(() -> new HashSet<>(endless.deliveryIds()).size() == STORIES);
      assertEquals(STORIES, endless.deliveryIds().size(), endless.deliveryIds().toString());
    }
  }
}
