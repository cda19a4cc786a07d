package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Json;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Story;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.index.IndexService;
import org.newswatch.index.testing.ApiClient;

/** Issue 12: {@code GET /api/stories} and {@code /api/stories/{id}} from news.stories. */
@ExtendWith(KafkaBrokerExtension.class)
class StoryApiTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  @TempDir Path dir;
  private IndexService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  static Story story(String id, int minutes, Story.Member... members) {
    List<String> languages =
        java.util.Arrays.stream(members).map(Story.Member::language).distinct().sorted().toList();
    return new Story(
        Story.SCHEMA,
        id,
        List.of(members),
        members.length,
        languages,
        List.of("pk-panjgur"),
        T0,
        T0.plusSeconds(60L * minutes));
  }

  static Story.Member member(String id, String language, String source) {
    return new Story.Member(
        id, language, source, "Title " + id, "https://" + source + ".example/" + id, T0, T0);
  }

  @Test
  void listsStoriesNewestFirstInPagesAndAnswersOneWithItsMembers(KafkaBroker broker) {
    Topics topics = broker.newTopics();
    service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null));
    ApiClient api = new ApiClient(service.port(), ADMIN);
    Story attack =
        story(
            "s-attack",
            30,
            member("a1", "en", "voa"),
            member("a2", "ur", "dunya"),
            member("a3", "fa", "sharq"));
    for (int i = 0; i < 4; i++) {
      Story s = story("s-" + i, i, member("x" + i, "en", "voa"));
      TopicRecords.produce(broker.bootstrapServers(), topics.stories(), s.id(), Json.toBytes(s));
    }
    TopicRecords.produce(
        broker.bootstrapServers(), topics.stories(), attack.id(), Json.toBytes(attack));
    TopicRecords.produce(
        broker.bootstrapServers(),
        topics.stories(),
        "poison",
        "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/stories?limit=100").json().get("items").size() == 5);
    List<String> ids = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page =
          api.get(
                  "/api/stories?limit=2"
                      + (cursor.isEmpty() ? "" : "&cursor=" + ApiClient.enc(cursor)))
              .json();
      page.get("items").forEach(s -> ids.add(s.get("id").asText()));
      cursor =
          page.hasNonNull("cursor")
              ? page.get("cursor").asText()
              : null; // left out on the last page
    } while (cursor != null);
    assertEquals(List.of("s-attack", "s-3", "s-2", "s-1", "s-0"), ids);

    JsonNode one = api.get("/api/stories/s-attack").json();
    assertEquals(3, one.get("memberCount").asInt());
    List<String> members = new ArrayList<>();
    one.get("members")
        .forEach(m -> members.add(m.get("language").asText() + "/" + m.get("source").asText()));
    assertEquals(List.of("en/voa", "ur/dunya", "fa/sharq"), members);
    assertEquals("[\"en\",\"fa\",\"ur\"]", one.get("languages").toString());
    assertEquals("[\"pk-panjgur\"]", one.get("places").toString());
    assertEquals(T0.toString(), one.get("firstSeen").asText());
    assertEquals(T0.plusSeconds(1800).toString(), one.get("lastSeen").asText());
    assertEquals(List.of("s-attack"), ids(api.get("/api/stories?lang=ur").json()));
  }

  @Test
  void anUnknownStoryIs404AndBadParametersAre400AsProblems(KafkaBroker broker) {
    Topics topics = broker.newTopics();
    service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null));
    ApiClient api = new ApiClient(service.port(), ADMIN);

    ApiClient.Reply missing = api.get("/api/stories/nope");
    assertEquals(404, missing.status());
    assertTrue(missing.contentType().startsWith("application/problem+json"), missing.contentType());
    for (String bad :
        List.of(
            "/api/stories?limit=0",
            "/api/stories?limit=101",
            "/api/stories?limit=x",
            "/api/stories?cursor=garbage",
            "/api/stories?language=ur")) {
      ApiClient.Reply r = api.get(bad);
      assertEquals(400, r.status(), bad + ": " + r.body());
      assertTrue(r.contentType().startsWith("application/problem+json"), bad);
    }
    assertEquals(
        "unknown parameter 'language' (did you mean lang?): /api/stories takes limit, cursor, lang",
        api.get("/api/stories?language=ur").json().get("detail").asText());
    assertEquals(401, new ApiClient(service.port(), null).get("/api/stories").status());
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }
}
