package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.match.BuiltInTopics;
import org.newswatch.common.Hashes;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * Issue 16: {@code POST /api/alerts/{id}/feedback} records the owner's judgement of an alert on
 * {@code news.feedback}; every instance, and an instance restarted, counts each subscription's
 * precision from it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FeedbackTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

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
  void onlyTheAlertsOwnerMayJudgeItAndBadJudgementsAreProblems(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String amina = fx.newAnalyst("Amina");
    String bilal = fx.newAnalyst("Bilal");
    String sub = subscribe(fx, amina);
    fx.publish(story("one"));
    String alert =
        await().atMost(WAIT).until(() -> alertIds(fx, amina, sub), ids -> ids.size() == 1).get(0);
    String builtIn =
        await()
            .atMost(WAIT)
            .until(
                () -> alertIds(fx, ServiceFixture.ADMIN, BuiltInTopics.BALOCHISTAN_BORDER_SECURITY),
                ids -> ids.size() == 1)
            .get(0);
    String path = "/api/alerts/" + alert + "/feedback";
    Map<String, String> notRelevant = Map.of("judgement", "not_relevant");

    // Someone else's alert, the admin judging an analyst's alert, an analyst judging the built-in
    // topic's, an unknown id: all 404, as if there were no such alert.
    assertProblem(404, fx.api.post(path, bilal, notRelevant));
    assertProblem(404, fx.api.post(path, ServiceFixture.ADMIN, notRelevant));
    assertProblem(404, fx.api.post("/api/alerts/" + builtIn + "/feedback", amina, notRelevant));
    assertProblem(404, fx.api.post("/api/alerts/no-such-alert/feedback", amina, notRelevant));
    assertProblem(401, fx.api.post(path, null, notRelevant));
    assertProblem(401, fx.api.post(path, "nwk_not-a-key", notRelevant));

    // Hostile bodies: not JSON, JSON null, an array, no judgement, an unknown or differently spelt
    // one, an object where a word belongs, a note one character over the bound.
    for (String body :
        List.of(
            "not json",
            "null",
            "[]",
            "{}",
            "{\"judgement\":\"irrelevant\"}",
            "{\"judgement\":\"NOT_RELEVANT\"}",
            "{\"judgement\":{\"x\":1}}",
            "{\"judgement\":\"not_relevant\",\"note\":\"" + "x".repeat(501) + "\"}")) {
      assertProblem(400, fx.api.post(path, amina, body));
    }
    assertEquals(List.of(), feedbackRecords(fx), "nothing refused reached the topic");

    Api.Answer judged =
        fx.api.post(path, amina, Map.of("judgement", "not_relevant", "note", "x".repeat(500)));
    assertEquals(200, judged.status(), judged.body());
    assertEquals("not_relevant", judged.json().get("judgement").asText());
    assertEquals(alert, judged.json().get("alertId").asText());
    JsonNode listed =
        fx.api.get("/api/alerts?subscription=" + sub, amina).json().get("items").get(0);
    assertEquals(
        "not_relevant", listed.get("feedback").get("judgement").asText(), listed.toString());
    assertPrecision(fx, amina, sub, 1, 1, 1, 0.0);

    // The admin owns the built-in topic: they judge its alerts, and see its precision.
    assertEquals(
        200,
        fx.api
            .post(
                "/api/alerts/" + builtIn + "/feedback",
                ServiceFixture.ADMIN,
                Map.of("judgement", "relevant"))
            .status());
    assertPrecision(
        fx, ServiceFixture.ADMIN, BuiltInTopics.BALOCHISTAN_BORDER_SECURITY, 1, 1, 0, 1.0);

    // A revoked key is refused before anything is looked up.
    assertEquals(
        200, fx.api.delete("/api/analysts/" + analystId(amina), ServiceFixture.ADMIN).status());
    assertProblem(401, fx.api.post(path, amina, Map.of("judgement", "relevant")));
  }

  @Test
  void judgementsSurviveARestartAndEveryInstanceCountsThemTheLatestWinning(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    // A second instance of the same deployment: it learns of judgements only from news.feedback.
    second = new ServiceFixture(broker, secondDataDir, fx.topics).start();
    String amina = fx.newAnalyst("Amina");
    String sub = subscribe(fx, amina);
    fx.publish(story("one"), story("two"), story("three"));
    List<String> alerts =
        await().atMost(WAIT).until(() -> alertIds(second, amina, sub), ids -> ids.size() == 3);
    // Hostile record: a judgement no reader knows, written straight to the topic.
    byte[] poison =
        ("{\"schema\":1,\"alertId\":\""
                + alerts.get(2)
                + "\",\"subscriptionId\":\""
                + sub
                + "\",\"owner\":\"x\",\"judgement\":\"maybe\"}")
            .getBytes(StandardCharsets.UTF_8);
    TopicRecords.produce(fx.bootstrap, fx.topics.feedback(), alerts.get(2), poison);

    judge(fx, amina, alerts.get(0), "not_relevant");
    judge(second, amina, alerts.get(1), "not_relevant");
    judge(fx, amina, alerts.get(1), "relevant"); // changed its mind, on the other instance
    judge(second, amina, alerts.get(0), "not_relevant"); // the same again: changes nothing

    // Three alerts, two judged, one not relevant: (3 - 1) / 3.
    assertPrecision(fx, amina, sub, 3, 2, 1, 0.6667);
    await().atMost(WAIT).untilAsserted(() -> assertPrecision(second, amina, sub, 3, 2, 1, 0.6667));
    await().atMost(WAIT).until(() -> deadLetterKeys(fx).contains(alerts.get(2)));

    fx.stop();
    fx = new ServiceFixture(broker, dataDir, fx.topics).start();
    await().atMost(WAIT).until(() -> alertIds(fx, amina, sub).size() == 3);
    assertPrecision(fx, amina, sub, 3, 2, 1, 0.6667);
    Map<String, String> judgements = new HashMap<>();
    for (JsonNode a : fx.api.get("/api/alerts?subscription=" + sub, amina).json().get("items")) {
      if (a.has("feedback")) {
        judgements.put(a.get("id").asText(), a.get("feedback").get("judgement").asText());
      }
    }
    assertEquals(Map.of(alerts.get(0), "not_relevant", alerts.get(1), "relevant"), judgements);
  }

  private static void judge(ServiceFixture on, String key, String alertId, String judgement) {
    Api.Answer a =
        on.api.post("/api/alerts/" + alertId + "/feedback", key, Map.of("judgement", judgement));
    assertEquals(200, a.status(), a.body());
  }

  private static void assertPrecision(
      ServiceFixture on,
      String key,
      String sub,
      int alerts,
      int judged,
      int notRelevant,
      double value) {
    JsonNode one = on.api.get("/api/subscriptions/" + sub, key).json().get("precision");
    JsonNode listed = null;
    for (JsonNode s : on.api.get("/api/subscriptions", key).json().get("items")) {
      if (s.get("id").asText().equals(sub)) {
        listed = s.get("precision");
      }
    }
    assertEquals(one, listed, "the list and the subscription agree");
    assertEquals(alerts, one.get("alerts").asInt(), one.toString());
    assertEquals(judged, one.get("judged").asInt(), one.toString());
    assertEquals(notRelevant, one.get("notRelevant").asInt(), one.toString());
    assertEquals(value, one.get("value").asDouble(), 1e-9, one.toString());
    assertTrue(one.hasNonNull("from"), one.toString());
  }

  private static void assertProblem(int status, Api.Answer a) {
    assertEquals(status, a.status(), a.body());
    assertEquals("application/problem+json", a.contentType(), a.body());
    assertTrue(a.json().get("detail").asText().length() > 0, a.body());
  }

  private static String subscribe(ServiceFixture on, String key) {
    Api.Answer a =
        on.api.post("/api/subscriptions", key, Map.of("name", "Panjgur", "query", "panjgur"));
    assertEquals(201, a.status(), a.body());
    return a.json().get("id").asText();
  }

  private static List<String> alertIds(ServiceFixture on, String key, String sub) {
    return on
        .api
        .get("/api/alerts?subscription=" + sub, key)
        .json()
        .get("items")
        .findValuesAsText("id")
        .stream()
        .sorted()
        .toList();
  }

  private static List<String> feedbackRecords(ServiceFixture on) {
    return TopicRecords.read(on.bootstrap, on.topics.feedback().name()).stream()
        .map(r -> r.key())
        .toList();
  }

  private static List<String> deadLetterKeys(ServiceFixture on) {
    return TopicRecords.read(on.bootstrap, on.topics.deadLetter().name()).stream()
        .filter(
            r ->
                RecordOrigin.from(r.headers())
                    .map(o -> o.topic().equals(on.topics.feedback().name()))
                    .orElse(false))
        .map(r -> r.key())
        .toList();
  }

  private static Article story(String name) {
    return TestArticles.article(
        "feedback-" + name,
        "story-" + name,
        "test-outlet",
        "en",
        "Militants attack border post in Panjgur (" + name + ")",
        "Gunmen attacked a Frontier Corps post in Panjgur district of Balochistan, officials said of the "
            + name
            + " attack.");
  }

  private static String analystId(String key) {
    return "an-" + Hashes.sha256Hex(key).substring(0, 12);
  }
}
