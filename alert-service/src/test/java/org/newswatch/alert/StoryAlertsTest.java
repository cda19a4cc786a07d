package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.emit.ArticleAlerter;
import org.newswatch.common.Json;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Story;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * Issue 12: alerts once per event. One story (as ingest's linker writes it) reported in English,
 * then Urdu and Persian: a subscription alerts once, for the first report, and lists the later ones
 * under that alert; a subscription with {@code alertEachMember} alerts on each report.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StoryAlertsTest {
  static final String QUERY = "attack OR attacked OR حملہ OR حمله";
  static final String STORY = "story-panjgur-attack";

  @TempDir Path dataDir;
  private ServiceFixture fx;

  @AfterEach
  void tearDown() {
    if (fx != null) {
      fx.close();
    }
  }

  private static Article inStory(Article a) {
    return a.withStoryId(STORY);
  }

  private String subscribe(String name, Boolean alertEachMember) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "query", QUERY));
    if (alertEachMember != null) {
      body.put("alertEachMember", alertEachMember);
    }
    Api.Answer a = fx.api.post("/api/subscriptions", ServiceFixture.ADMIN, body);
    assertEquals(201, a.status(), a.toString());
    assertEquals(
        Boolean.TRUE.equals(alertEachMember),
        a.json().path("alertEachMember").asBoolean(),
        a.body());
    return a.json().get("id").asText();
  }

  private JsonNode alerts(String subscription) {
    return fx.api
        .get("/api/alerts?limit=100&subscription=" + subscription, ServiceFixture.ADMIN)
        .json()
        .get("items");
  }

  /**
   * The alert-service reads articles from several partitions, so it may alert on the report the
   * linker took in second. The first then raises no alert of its own (one per story) and must be
   * listed under the alert; before, only the reports after the alerted one were, and it was lost.
   */
  @Test
  void aReportTheLinkerTookInBeforeTheAlertedOneIsListedToo(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String once = subscribe("once per event", null);
    Article en = inStory(TestArticles.BORDER_ATTACK_EN);
    Article ur = inStory(TestArticles.BORDER_ATTACK_UR);

    fx.publish(ur); // only the second member reaches the alert-service (yet)
    fx.awaitAllConsumed();
    Story story =
        new Story(
            Story.SCHEMA,
            STORY,
            List.of(Story.Member.of(en), Story.Member.of(ur)),
            2,
            List.of("en", "ur"),
            List.of("pk-panjgur"),
            en.fetchedAt(),
            ur.fetchedAt());
    TopicRecords.produce(fx.bootstrap, fx.topics.stories(), STORY, Json.toBytes(story));

    await().atMost(Duration.ofSeconds(30)).until(() -> alerts(once).get(0).has("laterMembers"));
    JsonNode alert = alerts(once).get(0);
    assertEquals(ur.id(), alert.get("articleId").asText());
    List<String> listed = new ArrayList<>();
    alert.get("laterMembers").forEach(m -> listed.add(m.get("articleId").asText()));
    assertEquals(List.of(en.id()), listed, alert.toString());

    fx.publish(en); // the first member arrives late: listed, not alerted again
    fx.awaitAllConsumed();
    assertEquals(1, alerts(once).size(), alerts(once).toString());
  }

  @Test
  void laterReportsOfAnAlertedStoryAreListedUnderItAndNotAlertedUnlessAskedFor(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String once = subscribe("once per event", null);
    String each = subscribe("every report", true);
    Article en = inStory(TestArticles.BORDER_ATTACK_EN);
    Article ur = inStory(TestArticles.BORDER_ATTACK_UR);
    Article fa = inStory(TestArticles.BORDER_ATTACK_FA);

    fx.publish(en);
    fx.awaitAllConsumed();
    fx.publish(ur, fa);
    fx.awaitAllConsumed();
    Story story =
        new Story(
            Story.SCHEMA,
            STORY,
            List.of(Story.Member.of(en), Story.Member.of(ur), Story.Member.of(fa)),
            3,
            List.of("en", "fa", "ur"),
            List.of("pk-panjgur"),
            en.fetchedAt(),
            fa.fetchedAt());
    TopicRecords.produce(fx.bootstrap, fx.topics.stories(), STORY, Json.toBytes(story));

    JsonNode onceAlerts = alerts(once);
    assertEquals(1, onceAlerts.size(), onceAlerts.toString());
    JsonNode alert = onceAlerts.get(0);
    assertEquals(en.id(), alert.get("articleId").asText());
    assertEquals(ArticleAlerter.alertId(once, STORY), alert.get("id").asText());
    await().atMost(Duration.ofSeconds(30)).until(() -> alerts(once).get(0).has("laterMembers"));
    List<String> later = new ArrayList<>();
    List<String> languages = new ArrayList<>();
    alerts(once)
        .get(0)
        .get("laterMembers")
        .forEach(
            m -> {
              later.add(m.get("articleId").asText());
              languages.add(m.get("language").asText() + "/" + m.get("source").asText());
            });
    assertEquals(Set.of(ur.id(), fa.id()), new TreeSet<>(later));
    assertEquals(Set.of("ur/test-outlet", "fa/test-outlet"), new TreeSet<>(languages));

    JsonNode eachAlerts = alerts(each);
    Set<String> articles = new TreeSet<>();
    eachAlerts.forEach(a -> articles.add(a.get("articleId").asText()));
    assertEquals(Set.of(en.id(), ur.id(), fa.id()), articles, eachAlerts.toString());

    // On the topic: one alert for the once-per-event subscription, three for the other, none twice.
    List<String> ids =
        fx.alertRecords().stream().map(org.newswatch.common.model.Alert::id).toList();
    assertEquals(ids.size(), new TreeSet<>(ids).size(), ids.toString());
    assertEquals(
        1, fx.alertRecords().stream().filter(a -> a.subscriptionId().equals(once)).count());
  }

  @Test
  void anUpdateOfAnAlertedReportIsNotAlertedAgainEvenWhenEachMemberAlerts(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String each = subscribe("every report", true);
    Article en = inStory(TestArticles.BORDER_ATTACK_EN);
    fx.publish(en);
    fx.awaitAllConsumed();
    Article updated =
        TestArticles.article(
            en.id(),
            STORY,
            en.source(),
            "en",
            en.title() + " (updated)",
            en.body() + " Six were killed.");
    fx.publish(updated);
    fx.awaitAllConsumed();

    assertEquals(1, alerts(each).size());
    assertFalse(alerts(each).get(0).has("laterMembers"), "no story record yet: nothing listed");
    assertTrue(fx.alertRecords().stream().allMatch(a -> a.articleId().equals(en.id())));
  }
}
