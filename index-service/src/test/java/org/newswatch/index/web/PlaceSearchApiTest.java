package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newswatch.index.testing.ApiClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.IndexService;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.TestArticles;

/**
 * place: queries, the place filter and facet, and /api/places, over HTTP on a service fed through a
 * broker.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PlaceSearchApiTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";

  /** An article as written before places existed: no "places" field at all. */
  static final String OLD_RECORD =
      """
      {"schema":1,"id":"en-old","url":"https://news.example/en-old","source":"VOA","title":"Taftan crossing reopened",
       "body":"Trucks crossed at Taftan again.","language":"en","publishedAt":"2026-03-05T00:00:00Z",
       "fetchedAt":"2026-03-05T00:01:00Z"}""";

  static IndexService service;
  static ApiClient api;

  @BeforeAll
  static void indexCorpus(KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    List<Article> corpus = new ArrayList<>();
    corpus.add(
        TestArticles.placed(
            "en-panjgur",
            "Militants attack FC post in Panjgur",
            "Gunmen attacked a Frontier Corps post in Panjgur district near Kech on Tuesday.",
            "VOA",
            "en",
            TestArticles.T0));
    corpus.add(
        TestArticles.placed(
            "ur-panjgur",
            "پنجگور میں ایف سی کی چوکی پر حملہ",
            "ضلع پنجگور میں نامعلوم مسلح افراد نے حملہ کیا۔",
            "Dunya News",
            "ur",
            TestArticles.T0.plusSeconds(60)));
    corpus.add(
        TestArticles.placed(
            "fa-saravan",
            "حمله به پاسگاه مرزی در سراوان",
            "در شهرستان سراوان در استان سیستان و بلوچستان یک پاسگاه هدف قرار گرفت.",
            "VOA",
            "fa",
            TestArticles.T0.plusSeconds(120)));
    corpus.add(
        TestArticles.placed(
            "en-pishin",
            "Clashes in Pishin",
            "Border guards clashed with gunmen in Pishin, in Iran's Sistan and Baluchestan province.",
            "VOA",
            "en",
            TestArticles.T0.plusSeconds(180)));
    corpus.add(
        TestArticles.placed(
            "en-karachi",
            "Rain in Karachi",
            "Heavy rain fell in Karachi.",
            "VOA",
            "en",
            TestArticles.T0.plusSeconds(240)));
    service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null));
    TestArticles.publish(broker.bootstrapServers(), topics, corpus);
    TestArticles.publishRaw(
        broker.bootstrapServers(),
        topics.articles().name(),
        "en-old",
        OLD_RECORD.getBytes(StandardCharsets.UTF_8));
    api = new ApiClient(service.port(), ADMIN);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> service.isReady() && service.documentCount() == corpus.size() + 1);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static Set<String> ids(String pathAndQuery) {
    ApiClient.Reply reply = api.get(pathAndQuery);
    assertEquals(200, reply.status(), reply.body());
    Set<String> ids = new TreeSet<>();
    reply.json().get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "place:panjgur",
        "place:Panjgoor",
        "place:پنجگور",
        "place:pk-panjgur",
        "place:\"Panjgur\""
      })
  void placeQueryFindsThePlaceWhateverTheScriptOrSpelling(String q) {
    assertEquals(Set.of("en-panjgur", "ur-panjgur"), ids("/api/search?q=" + enc(q)));
  }

  @Test
  void placeQueryCombinesWithWordsAndTakesMultiWordNames() {
    assertEquals(
        Set.of("ur-panjgur"), ids("/api/search?q=" + enc("place:panjgur AND حملہ") + "&lang=ur"));
    assertEquals(
        Set.of("fa-saravan", "en-pishin"),
        ids("/api/search?q=" + enc("place:\"Sistan and Baluchestan\"")));
    // Pishin is two places; the name means either, and only Iran's Pishin is in the corpus.
    assertEquals(Set.of("en-pishin"), ids("/api/search?q=" + enc("place:pishin")));
    assertEquals(Set.of(), ids("/api/search?q=" + enc("place:pk-pishin")));
  }

  @Test
  void placeFilterParameterTakesIdsAndNames() {
    assertEquals(Set.of("en-panjgur"), ids("/api/search?place=pk-kech"));
    assertEquals(
        Set.of("en-panjgur", "ur-panjgur", "fa-saravan"),
        ids("/api/search?place=Kech," + enc("سراوان") + "&place=panjgur"));
    assertEquals(Set.of("en-panjgur"), ids("/api/search?q=militants&place=panjgur"));
  }

  @Test
  void placeFacetCountsMatchingArticlesPerPlaceId() {
    JsonNode facets = api.get("/api/search").json().get("facets");
    Map<String, Long> place = new LinkedHashMap<>();
    facets.get("place").properties().forEach(e -> place.put(e.getKey(), e.getValue().asLong()));
    assertEquals(
        Map.of(
            "pk-panjgur",
            2L,
            "pk-kech",
            1L,
            "ir-saravan",
            1L,
            "ir-sistan-baluchestan",
            2L,
            "ir-pishin",
            1L),
        place);
    // The facet follows the query, as source and language do.
    JsonNode urdu = api.get("/api/search?lang=ur").json().get("facets").get("place");
    assertEquals(Map.of("pk-panjgur", 1L), Map.of("pk-panjgur", urdu.get("pk-panjgur").asLong()));
    assertEquals(1, urdu.size());
  }

  @Test
  @DisplayName("hostile: an unknown place, an empty quoted one, an injection-shaped one")
  void unknownPlaceIsA400ThatSaysWhereThePlacesAreListed() {
    for (String path :
        List.of(
            "/api/search?q=" + enc("place:atlantis"),
            "/api/search?place=atlantis",
            "/api/search?q=" + enc("place:\"\""),
            "/api/timeline?place=" + enc("'; DROP"))) {
      ApiClient.Reply reply = api.get(path);
      assertEquals(400, reply.status(), path + " -> " + reply.body());
      assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
      assertTrue(reply.body().contains("/api/places"), reply.body());
    }
  }

  @Test
  void articlesCarryTheirPlacesAndOldRecordsWithoutThemStillIndex() {
    assertEquals(
        List.of("pk-panjgur", "pk-kech"),
        api.get("/api/articles/en-panjgur")
            .json()
            .get("places")
            .valueStream()
            .map(JsonNode::asText)
            .toList());
    assertEquals(0, api.get("/api/articles/en-old").json().get("places").size());
    assertEquals(Set.of("en-old"), ids("/api/search?q=taftan"));
    assertEquals(
        Set.of(),
        ids("/api/search?q=" + enc("place:taftan")),
        "never tagged: published before places existed");
  }

  @Test
  void placesListsEveryPlaceWithKindCountryAndCoordinates() {
    JsonNode places = api.get("/api/places").json();
    assertTrue(places.get("approximateCoordinates").asBoolean());
    JsonNode panjgur =
        places
            .get("items")
            .valueStream()
            .filter(p -> p.get("id").asText().equals("pk-panjgur"))
            .findFirst()
            .orElseThrow();
    assertEquals("Panjgur", panjgur.get("name").asText());
    assertEquals("district", panjgur.get("kind").asText());
    assertEquals("PK", panjgur.get("country").asText());
    assertEquals(26.97, panjgur.get("lat").asDouble(), 0.5);
    assertEquals(64.09, panjgur.get("lon").asDouble(), 0.5);
    assertEquals(401, new ApiClient(service.port(), null).get("/api/places").status());
  }
}
