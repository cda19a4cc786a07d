package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.alert.emit.ArticleAlerter;
import org.newswatch.alert.match.BuiltInTopics;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

@ExtendWith(KafkaBrokerExtension.class)
class AlertServiceTest {
  private static final String BUILT_IN = BuiltInTopics.BALOCHISTAN_BORDER_SECURITY;
  @TempDir Path dataDir;
  private ServiceFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  private List<String> alertedArticles(String subscription, String key) {
    List<String> ids = new ArrayList<>();
    for (JsonNode a :
        fx.api.get("/api/alerts?limit=500&subscription=" + subscription, key).json().get("items")) {
      ids.add(a.get("articleId").asText());
    }
    return ids;
  }

  @Test
  void aStartThatFailsOnATakenPortLeavesNoKafkaClientRunning(KafkaBroker broker)
      throws IOException {
    // Tried: the HTTP port is taken, so the start fails last, with the table readers, the
    // emitter, the delivery loop and the producer made. Every client's id names the instance.
    Topics topics = broker.newTopics();
    try (ServerSocket taken = new ServerSocket(0)) {
      ServiceContext ctx =
          new ServiceContext(
              broker.bootstrapServers(),
              topics,
              dataDir,
              taken.getLocalPort(),
              true,
              ServiceFixture.ADMIN,
              null);
      assertThrows(
          RuntimeException.class,
          () -> AlertService.start(ctx, Clock.systemUTC(), AlertSettings.defaults()));
    }
    String instance = Files.readString(dataDir.resolve("instance.id")).strip();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertEquals(
                    List.of(),
                    Thread.getAllStackTraces().keySet().stream()
                        .filter(Thread::isAlive)
                        .map(Thread::getName)
                        .filter(name -> name.contains(instance))
                        .toList()));
  }

  @Test
  void borderAttacksInThreeLanguagesAlertAndCricketInQuettaDoesNot(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    fx.publish(
        TestArticles.BORDER_ATTACK_EN,
        TestArticles.CRICKET_QUETTA,
        TestArticles.BORDER_ATTACK_UR,
        TestArticles.BORDER_ATTACK_FA);
    fx.awaitAllConsumed();

    assertEquals(
        Set.of("en-border-attack", "ur-border-attack", "fa-border-attack"),
        new TreeSet<>(alertedArticles(BUILT_IN, ServiceFixture.ADMIN)));
    JsonNode alert =
        fx.api
            .get("/api/alerts?subscription=" + BUILT_IN, ServiceFixture.ADMIN)
            .json()
            .get("items")
            .get(0);
    assertTrue(alert.get("matched").size() > 0, alert.toString());
    assertTrue(!alert.get("snippet").asText().isBlank(), alert.toString());
    assertEquals(
        ArticleAlerter.alertId(BUILT_IN, alert.get("storyId").asText()), alert.get("id").asText());
  }

  @Test
  void sameStoryAlertsOnceForAnUpdateAndASyndicatedCopy(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    Article original = TestArticles.BORDER_ATTACK_EN;
    Article update =
        TestArticles.article(
            original.id(),
            null,
            original.source(),
            "en",
            original.title() + " (updated)",
            original.body() + " The toll rose to six.");
    Article copy =
        TestArticles.article(
            "other-outlet-copy",
            original.id(),
            "other-outlet",
            "en",
            original.title(),
            original.body());
    fx.publish(original);
    fx.awaitAllConsumed();
    fx.publish(update, copy);
    fx.awaitAllConsumed();

    List<Alert> records = fx.alertRecords();
    assertEquals(1, records.size(), records.toString());
    assertEquals(List.of(original.id()), alertedArticles(BUILT_IN, ServiceFixture.ADMIN));
  }

  @Test
  void restartMidStreamLosesNoAlertAndRepeatsNone(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir);
    List<Article> first = new ArrayList<>();
    List<Article> second = new ArrayList<>();
    int stories = 320;
    for (int i = 0; i < stories; i++) {
      Article a =
          TestArticles.article(
              "story-" + i,
              "en",
              "Gunmen attack border post in Kech " + i,
              "Militants attacked security forces in Kech district, Balochistan (report "
                  + i
                  + ").");
      (i < 300 ? first : second).add(a);
    }
    // Unrelated articles in between, and copies of stories already seen.
    for (int i = 0; i < 100; i++) {
      first.add(
          TestArticles.article(
              "other-" + i,
              "en",
              "Budget debate " + i,
              "The provincial assembly debated the budget."));
    }
    second.add(
        TestArticles.article(
            "copy-of-story-3",
            "story-3",
            "other-outlet",
            "en",
            "Gunmen attack border post in Kech",
            "Militants attacked security forces in Kech."));

    fx.publish(first.toArray(Article[]::new));
    fx.start();
    // Stop while the first articles are being read: as soon as some, not necessarily all, alerted.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> fx.service.meters().counter("newswatch.alert.alerts.emitted").count() > 0);
    fx.stop();
    System.out.println("stopped after " + fx.alertRecords().size() + " of " + stories + " alerts");
    fx.publish(second.toArray(Article[]::new));
    fx.start();
    fx.awaitAllConsumed();
    // The consumed offsets and the alerts commit in one transaction, but the commit markers reach
    // each partition on their own: wait until the last transaction's alerts are readable, too.
    // A lost alert still fails here, after the wait.
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> fx.alertRecords().stream().map(Alert::id).distinct().count() >= stories);

    List<Alert> records = fx.alertRecords();
    Map<String, Long> perId =
        records.stream().collect(Collectors.groupingBy(Alert::id, Collectors.counting()));
    assertEquals(stories, perId.size(), "one alert per story");
    assertTrue(perId.values().stream().allMatch(n -> n == 1), "no alert written twice: " + perId);
    assertEquals(stories, alertedArticles(BUILT_IN, ServiceFixture.ADMIN).size());
    // The built-in topic was published once, not again at the restart.
    long builtInWrites =
        TopicRecords.read(fx.bootstrap, fx.topics.subscriptions().name()).stream()
            .filter(r -> BUILT_IN.equals(r.key()))
            .count();
    assertEquals(1, builtInWrites);
  }

  @Test
  void analystsSeeAndChangeOnlyTheirOwn(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String alice = fx.newAnalyst("Alice");
    String bob = fx.newAnalyst("Bob");
    Api.Answer created =
        fx.api.post("/api/subscriptions", alice, Map.of("name", "Panjgur", "query", "panjgur"));
    assertEquals(201, created.status(), created.body());
    String aliceSub = created.json().get("id").asText();
    String bobSub =
        fx.api
            .post("/api/subscriptions", bob, Map.of("name", "Panjgur too", "query", "panjgur"))
            .json()
            .get("id")
            .asText();

    assertEquals(200, fx.api.get("/api/subscriptions/" + aliceSub, alice).status());
    assertEquals(404, fx.api.get("/api/subscriptions/" + aliceSub, bob).status());
    assertEquals(
        404, fx.api.put("/api/subscriptions/" + aliceSub, bob, Map.of("query", "kech")).status());
    assertEquals(404, fx.api.delete("/api/subscriptions/" + aliceSub, bob).status());
    assertEquals(404, fx.api.get("/api/alerts?subscription=" + aliceSub, bob).status());
    assertEquals(List.of(bobSub), ids(fx.api.get("/api/subscriptions", bob).json()));
    assertTrue(
        ids(fx.api.get("/api/subscriptions", ServiceFixture.ADMIN).json())
            .containsAll(List.of(aliceSub, bobSub, BUILT_IN)));

    fx.publish(TestArticles.BORDER_ATTACK_EN);
    fx.awaitAllConsumed();
    assertEquals(Set.of(aliceSub), subscriptionsOfAlerts(alice));
    assertEquals(Set.of(bobSub), subscriptionsOfAlerts(bob));
    assertEquals(Set.of(aliceSub, bobSub, BUILT_IN), subscriptionsOfAlerts(ServiceFixture.ADMIN));

    Api.Answer changed =
        fx.api.put(
            "/api/subscriptions/" + aliceSub, alice, Map.of("name", "Kech", "query", "kech"));
    assertEquals(200, changed.status(), changed.body());
    assertEquals(
        "kech", fx.api.get("/api/subscriptions/" + aliceSub, alice).json().get("query").asText());
    assertEquals(204, fx.api.delete("/api/subscriptions/" + aliceSub, alice).status());
    assertEquals(404, fx.api.get("/api/subscriptions/" + aliceSub, alice).status());

    String bobId = null;
    for (JsonNode a : fx.api.get("/api/analysts", ServiceFixture.ADMIN).json().get("items")) {
      if (a.get("name").asText().equals("Bob")) {
        bobId = a.get("id").asText();
      }
    }
    assertEquals(403, fx.api.delete("/api/analysts/" + bobId, alice).status());
    assertEquals(200, fx.api.delete("/api/analysts/" + bobId, ServiceFixture.ADMIN).status());
  }

  @Test
  void revokedKeyIsRefused(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    Api.Answer issued = fx.api.post("/api/analysts", ServiceFixture.ADMIN, Map.of("name", "Carol"));
    String key = issued.json().get("apiKey").asText();
    String id = issued.json().get("id").asText();
    assertEquals(200, fx.api.get("/api/subscriptions", key).status());
    assertEquals(200, fx.api.delete("/api/analysts/" + id, ServiceFixture.ADMIN).status());
    assertEquals(401, fx.api.get("/api/subscriptions", key).status());
    assertEquals(
        403, fx.api.post("/api/analysts", fx.newAnalyst("Dave"), Map.of("name", "Eve")).status());
  }

  @Test
  void badQueryOrParameterAnswers400ProblemSayingWhatIsWrong(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    Api.Answer a =
        fx.api.post(
            "/api/subscriptions",
            ServiceFixture.ADMIN,
            Map.of("name", "broken", "query", "(border AND attack"));
    assertEquals(400, a.status());
    assertEquals("application/problem+json", a.contentType());
    assertTrue(a.json().get("detail").asText().startsWith("query cannot be parsed"), a.body());
    Api.Answer noQuery =
        fx.api.post("/api/subscriptions", ServiceFixture.ADMIN, Map.of("name", "empty"));
    assertEquals(400, noQuery.status());
    Api.Answer badJson = fx.api.post("/api/subscriptions", ServiceFixture.ADMIN, "{not json");
    assertEquals(400, badJson.status());
    assertEquals(400, fx.api.get("/api/alerts?since=yesterday", ServiceFixture.ADMIN).status());
    // A misspelt filter is refused, not ignored (it would list every alert as the filtered ones).
    Api.Answer misspelt = fx.api.get("/api/alerts?subscriptoin=" + BUILT_IN, ServiceFixture.ADMIN);
    assertEquals(400, misspelt.status());
    assertEquals("application/problem+json", misspelt.contentType());
    assertEquals(
        "unknown parameter 'subscriptoin': /api/alerts takes subscription, since, cursor, limit",
        misspelt.json().get("detail").asText());
    assertEquals(400, fx.api.get("/api/subscriptions?owner=x", ServiceFixture.ADMIN).status());
    assertEquals(400, fx.api.get("/api/deliveries?sub=x", ServiceFixture.ADMIN).status());
    // A misspelt field of a body is refused too: ignored, the subscription would alert in every
    // language, and one per member article would never be set.
    Api.Answer typo =
        fx.api.post(
            "/api/subscriptions",
            ServiceFixture.ADMIN,
            Map.of("name", "typo", "query", "Turbat", "languges", List.of("ur")));
    assertEquals(400, typo.status());
    assertEquals("application/problem+json", typo.contentType());
    assertTrue(
        typo.json()
            .get("detail")
            .asText()
            .startsWith("unknown field 'languges' (did you mean languages?); the body takes id,"),
        typo.body());
    Api.Answer nested =
        fx.api.post(
            "/api/subscriptions",
            ServiceFixture.ADMIN,
            Map.of(
                "name",
                "typo",
                "query",
                "Turbat",
                "channels",
                List.of(Map.of("type", "webhook", "URL", "http://127.0.0.1:9/hook"))));
    assertEquals(400, nested.status());
    assertTrue(
        nested.json().get("detail").asText().contains("'channels[0].URL' (did you mean"),
        nested.body());
    for (JsonNode sub :
        fx.api.get("/api/subscriptions", ServiceFixture.ADMIN).json().get("items")) {
      assertNotEquals("typo", sub.get("name").asText(), "a refused body made a subscription");
    }
  }

  @Test
  void callsWithoutAValidKeyAnswer401(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    for (String path : List.of("/api/subscriptions", "/api/alerts", "/api/analysts")) {
      Api.Answer none = fx.api.get(path, null);
      assertEquals(401, none.status(), path);
      assertEquals("application/problem+json", none.contentType());
      assertEquals(401, fx.api.get(path, "nwk_not-a-key").status(), path);
    }
    assertEquals(200, fx.api.get("/api/openapi.json", null).status());
  }

  @Test
  void unreadableArticleGoesToDeadLetterAndTheLoopGoesOn(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    byte[] poison = "{\"schema\":1, \"id\": broken".getBytes(StandardCharsets.UTF_8);
    TopicRecords.produce(fx.bootstrap, fx.topics.articles(), "poison-1", poison);
    fx.publish(TestArticles.BORDER_ATTACK_EN);
    fx.awaitAllConsumed();

    List<ConsumerRecord<String, byte[]>> dead =
        TopicRecords.read(fx.bootstrap, fx.topics.deadLetter().name());
    assertEquals(1, dead.size());
    assertEquals("poison-1", dead.get(0).key());
    assertEquals(
        new String(poison, StandardCharsets.UTF_8),
        new String(dead.get(0).value(), StandardCharsets.UTF_8));
    String error =
        new String(
            dead.get(0).headers().lastHeader(AlertEmitter.ERROR_HEADER).value(),
            StandardCharsets.UTF_8);
    assertTrue(error.startsWith("not a valid Article"), error);
    // The same origin headers as index-service writes: the poison was the topic's first record.
    RecordOrigin origin = RecordOrigin.from(dead.get(0).headers()).orElseThrow();
    assertEquals(fx.topics.articles().name(), origin.topic());
    assertEquals(0, origin.offset());
    assertEquals(
        List.of(TestArticles.BORDER_ATTACK_EN.id()),
        alertedArticles(BUILT_IN, ServiceFixture.ADMIN));
  }

  @Test
  void healthAndMetricsReportTheWork(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    fx.publish(TestArticles.BORDER_ATTACK_EN, TestArticles.CRICKET_QUETTA);
    fx.awaitAllConsumed();
    assertEquals("UP", fx.api.get("/health", null).json().get("status").asText());
    String metrics = fx.api.get("/metrics", null).body();
    assertTrue(
        metrics.contains("newswatch_alert_alerts_emitted_total{service=\"alert-service\"} 1.0"),
        metrics);
    assertTrue(
        metrics.contains("newswatch_alert_articles_matched_total{service=\"alert-service\"} 1.0"),
        metrics);
    assertTrue(
        metrics.contains(
            "newswatch_alert_match_latency_seconds_count{service=\"alert-service\"} 2"),
        metrics);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }

  private Set<String> subscriptionsOfAlerts(String key) {
    Set<String> subs = new TreeSet<>();
    fx.api
        .get("/api/alerts", key)
        .json()
        .get("items")
        .forEach(a -> subs.add(a.get("subscriptionId").asText()));
    return subs;
  }
}
