package org.newswatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Json;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;

/**
 * {@code POST /api/subscriptions/preview} against a loopback server that exports articles the way
 * index-service does ({@code /api/export?format=jsonl}: one Article JSON per line, newest first).
 */
@ExtendWith(KafkaBrokerExtension.class)
class PreviewTest {
  @TempDir Path dataDir;
  private ServiceFixture fx;
  private StaticHttpServer index;

  /** What the fake index-service was asked: query string and Authorization header. */
  private final List<String[]> asked = new CopyOnWriteArrayList<>();

  private static final Article SYNDICATED_COPY =
      TestArticles.article(
          "en-border-attack-copy",
          "en-border-attack",
          "other-outlet",
          "en",
          "Militants attack border post in Panjgur (agency copy)",
          "Gunmen attacked a Frontier Corps post near the border in Panjgur district of Balochistan, officials said.");
  private static final Article CRICKET =
      TestArticles.article(
          "en-panjgur-cricket",
          "en",
          "Panjgur cricket team wins the provincial cup",
          "The Panjgur side beat Quetta by five wickets in the final.");
  private static final Article WEATHER =
      TestArticles.article(
          "en-weather",
          "en",
          "Rain expected in Lahore",
          "The Met office expects rain in Lahore on Sunday.");
  private static final Article URDU =
      TestArticles.article(
          "ur-panjgur",
          "ur",
          "پنجگور میں ایف سی چوکی پر حملہ",
          "پنجگور میں نامعلوم مسلح افراد نے ایف سی کی چوکی پر حملہ کیا۔");

  /** Newest first, as the export streams them. */
  private static final List<Article> RECENT =
      List.of(SYNDICATED_COPY, CRICKET, WEATHER, URDU, TestArticles.BORDER_ATTACK_EN);

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
    if (index != null) {
      index.close();
    }
  }

  private ServiceFixture startWithIndex(KafkaBroker broker, URI indexUrl) {
    fx = new ServiceFixture(broker, dataDir);
    fx.settings = new AlertSettings(Optional.empty(), indexUrl);
    return fx.start();
  }

  /** Serves {@link #RECENT} as JSON lines, filtered by {@code lang} as index-service filters. */
  private URI fakeIndex() {
    index = StaticHttpServer.start(0);
    index.handle(
        "/api/export",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          asked.add(new String[] {query, exchange.getRequestHeaders().getFirst("Authorization")});
          Map<String, String> params = new java.util.HashMap<>();
          for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
          Set<String> langs =
              params.containsKey("lang") ? Set.of(params.get("lang").split(",")) : null;
          StringBuilder body = new StringBuilder();
          for (Article a : RECENT) {
            if (langs == null || langs.contains(a.language())) {
              body.append(Json.toString(a)).append('\n');
            }
          }
          byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        });
    return URI.create("http://127.0.0.1:" + index.port());
  }

  private static List<String> ids(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.get("articleId").asText()));
    return out;
  }

  @Test
  void previewListsWhatWouldFireOncePerStoryWithMatchedWords(KafkaBroker broker) {
    startWithIndex(broker, fakeIndex());
    String key = fx.newAnalyst("Previewer");

    Api.Answer a =
        fx.api.post(
            "/api/subscriptions/preview",
            key,
            Map.of(
                "name",
                "Panjgur attacks",
                "query",
                "+(panjgur OR پنجگور) +(attack OR حملہ) -cricket"));

    assertEquals(200, a.status(), a.body());
    JsonNode json = a.json();
    assertEquals(5, json.get("examined").asInt());
    assertFalse(json.get("truncated").asBoolean());
    // The agency copy (newest) stands for its story; the original is the same story; cricket is
    // excluded.
    assertEquals(List.of("en-border-attack-copy", "ur-panjgur"), ids(json.get("items")));
    JsonNode first = json.get("items").get(0);
    assertEquals(SYNDICATED_COPY.url(), first.get("url").asText());
    assertEquals("other-outlet", first.get("source").asText());
    assertEquals("en", first.get("language").asText());
    assertTrue(first.get("matched").toString().contains("Panjgur"), first.toString());
    assertTrue(first.get("matched").toString().contains("attack"), first.toString());
    assertFalse(first.get("snippet").asText().isBlank());
    // The caller's key went to index-service, with the week's window and JSON lines asked for.
    String[] request = asked.get(0);
    assertEquals("Bearer " + key, request[1]);
    assertTrue(request[0].contains("format=jsonl"), request[0]);
    Instant from =
        Instant.parse(
            URLDecoder.decode(
                request[0].replaceAll(".*from=([^&]*).*", "$1"), StandardCharsets.UTF_8));
    assertTrue(
        from.isBefore(Instant.now().minus(java.time.Duration.ofDays(6)))
            && from.isAfter(Instant.now().minus(java.time.Duration.ofDays(8))),
        from.toString());
    // Nothing was saved.
    assertEquals(0, fx.api.get("/api/subscriptions", key).json().get("items").size());
  }

  @Test
  void weightedQueryAndLanguagesArePreviewedLikeLiveMatching(KafkaBroker broker) {
    startWithIndex(broker, fakeIndex());
    String key = fx.newAnalyst("Weighted");
    String weighted =
        "weighted threshold=5\nrequired: panjgur OR پنجگور\nexcluded: cricket\n3: attack OR حملہ\n2: militants OR gunmen\n";

    Api.Answer a =
        fx.api.post(
            "/api/subscriptions/preview",
            key,
            Map.of("query", weighted, "languages", List.of("en")));

    assertEquals(200, a.status(), a.body());
    assertTrue(asked.get(0)[0].contains("lang=en"), asked.get(0)[0]);
    assertEquals(List.of("en-border-attack-copy"), ids(a.json().get("items")));
    // Why it would fire: the lines that matched with their weights, the score and the threshold.
    JsonNode why = a.json().get("items").get(0).get("explanation");
    assertEquals(
        "[{\"text\":\"required: panjgur OR پنجگور\"},{\"text\":\"3: attack OR حملہ\",\"weight\":3.0},"
            + "{\"text\":\"2: militants OR gunmen\",\"weight\":2.0}]",
        why.get("clauses").toString());
    assertEquals(5.0, why.get("score").asDouble());
    assertEquals(5.0, why.get("threshold").asDouble());
  }

  @Test
  void previewAndLiveAlertsAgree(KafkaBroker broker) {
    startWithIndex(broker, fakeIndex());
    String key = fx.newAnalyst("Agreeing");
    String query = "(panjgur OR پنجگور) -cricket";
    Set<String> previewed = new TreeSet<>();
    Api.Answer preview = fx.api.post("/api/subscriptions/preview", key, Map.of("query", query));
    assertEquals(200, preview.status(), preview.body());
    preview
        .json()
        .get("items")
        .forEach(
            i ->
                previewed.add(
                    RECENT.stream()
                        .filter(a -> a.id().equals(i.get("articleId").asText()))
                        .findFirst()
                        .orElseThrow()
                        .storyId()));

    Api.Answer saved = fx.api.post("/api/subscriptions", key, Map.of("query", query));
    assertEquals(201, saved.status(), saved.body());
    String subscription = saved.json().get("id").asText();
    fx.publish(RECENT.reversed().toArray(Article[]::new));
    fx.awaitAllConsumed();

    Set<String> alerted =
        fx.alertRecords().stream()
            .filter(al -> al.subscriptionId().equals(subscription))
            .map(Alert::storyId)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("en-border-attack", "ur-panjgur"), previewed);
    assertEquals(previewed, alerted);
  }

  @Test
  void badQueryIs400AndIndexIsNotAsked(KafkaBroker broker) {
    startWithIndex(broker, fakeIndex());
    String key = fx.newAnalyst("Typo");
    Api.Answer a = fx.api.post("/api/subscriptions/preview", key, Map.of("query", "(panjgur AND"));
    assertEquals(400, a.status(), a.body());
    assertTrue(a.contentType().startsWith("application/problem+json"), a.contentType());
    assertTrue(asked.isEmpty());
  }

  @Test
  void unreachableIndexServiceIs503SayingSo(KafkaBroker broker) throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    startWithIndex(broker, URI.create("http://127.0.0.1:" + closed));
    String key = fx.newAnalyst("Offline");
    Api.Answer a = fx.api.post("/api/subscriptions/preview", key, Map.of("query", "panjgur"));
    assertEquals(503, a.status(), a.body());
    assertTrue(a.contentType().startsWith("application/problem+json"), a.contentType());
    assertTrue(a.body().contains("index-service"), a.body());
  }
}
