package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newswatch.index.testing.ApiClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.IndexService;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.TestArticles;

/** The search API over HTTP, on a service fed through a real broker with a small mixed corpus. */
@ExtendWith(KafkaBrokerExtension.class)
class SearchApiTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final int REPORTS = 30;
  static IndexService service;
  static ApiClient api;

  @BeforeAll
  static void indexCorpus(KafkaBroker broker, @TempDir Path dir) {
    Topics topics = broker.newTopics();
    List<Article> corpus = new ArrayList<>();
    corpus.add(
        TestArticles.article(
            "en-border",
            "Border post attacked in Balochistan",
            "Militants attacked a Frontier Corps border post in Balochistan near the Iranian border, officials said.",
            "VOA",
            "en",
            TestArticles.T0.plus(Duration.ofDays(40))));
    corpus.add(
        TestArticles.article(
            "ur-border",
            "بلوچستان میں سرحدی چوکی پر حملہ",
            "بلوچستان میں ایران کی سرحد کے قریب ایک چوکی پر حملہ ہوا، حکام نے بتایا۔",
            "Dunya News",
            "ur",
            TestArticles.T0.plus(Duration.ofDays(41))));
    corpus.add(
        TestArticles.article(
            "fa-border",
            "درگیری مرزی در سیستان و بلوچستان",
            "در استان سیستان و بلوچستان یک پاسگاه مرزی هدف حمله قرار گرفت.",
            "VOA",
            "fa",
            TestArticles.T0.plus(Duration.ofDays(42))));
    corpus.add(
        TestArticles.article(
            "en-cricket",
            "Cricket final in Quetta draws crowds",
            "Thousands watched the cricket final at Bugti Stadium in Quetta on Sunday.",
            "Dunya News",
            "en",
            TestArticles.T0.plus(Duration.ofDays(43))));
    IntStream.range(0, REPORTS).mapToObj(TestArticles::numbered).forEach(corpus::add);
    service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null));
    TestArticles.publish(broker.bootstrapServers(), topics, corpus);
    api = new ApiClient(service.port(), ADMIN);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> service.isReady() && service.documentCount() == corpus.size());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static List<String> ids(JsonNode result) {
    List<String> ids = new ArrayList<>();
    result.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void crossScriptQueryFindsTheUrduAndPersianArticles() {
    JsonNode latin = api.get("/api/search?q=Balochistan").json();
    assertEquals(Set.of("en-border", "ur-border", "fa-border"), new HashSet<>(ids(latin)));
    assertEquals(
        Set.of("en-border", "ur-border", "fa-border"),
        new HashSet<>(ids(api.get("/api/search?q=Baluchistan").json())));
    assertEquals(
        Set.of("en-border", "ur-border", "fa-border"),
        new HashSet<>(ids(api.get("/api/search?q=" + enc("بلوچستان")).json())));
  }

  @Test
  void snippetsHighlightTheMatchEscaped() {
    JsonNode hit =
        api.get("/api/search?q=" + enc("frontier corps") + "&lang=en").json().get("hits").get(0);
    assertEquals("en-border", hit.get("id").asText());
    assertTrue(
        hit.get("snippet").asText().contains("<mark>Frontier</mark> <mark>Corps</mark>"),
        hit.get("snippet").asText());
  }

  @Test
  void filtersBySourceLanguageAndDate() {
    assertEquals(List.of("ur-border"), ids(api.get("/api/search?q=balochistan&lang=ur").json()));
    assertEquals(
        Set.of("en-border", "fa-border"),
        new HashSet<>(ids(api.get("/api/search?q=balochistan&source=VOA").json())));
    assertEquals(
        Set.of("ur-border", "fa-border"),
        new HashSet<>(
            ids(
                api.get("/api/search?q=balochistan&source=VOA,Dunya%20News&lang=ur&lang=fa")
                    .json())));
    // to is exclusive; a date as "to" includes that whole day.
    assertEquals(
        List.of("en-border"),
        ids(api.get("/api/search?q=balochistan&from=2026-04-10&to=2026-04-10").json()));
    assertEquals(
        List.of("fa-border"),
        ids(api.get("/api/search?q=balochistan&from=2026-04-12T00:00:00Z").json()));
  }

  @Test
  void facetsCountSourcesAndLanguagesOfAllMatches() {
    JsonNode facets = api.get("/api/search?q=balochistan&size=1").json().get("facets");
    assertEquals(2, facets.get("source").get("VOA").asLong());
    assertEquals(1, facets.get("source").get("Dunya News").asLong());
    assertEquals(1, facets.get("language").get("ur").asLong());
    assertEquals(1, facets.get("language").get("fa").asLong());
    assertEquals(1, facets.get("language").get("en").asLong());
  }

  @Test
  void sortNewestPutsTheLatestFirst() {
    JsonNode result = api.get("/api/search?q=report&sort=newest&size=3").json();
    assertEquals(List.of("a000029", "a000028", "a000027"), ids(result));
    JsonNode all = api.get("/api/search?sort=newest&size=1").json();
    assertEquals("en-cricket", ids(all).get(0));
    assertEquals(REPORTS + 4, all.get("total").asLong());
  }

  @Test
  void cursorPagesThroughEveryMatchOnceInBothOrders() {
    for (String sort : List.of("newest", "relevance")) {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonNode page =
            api.get(
                    "/api/search?q=report&size=7&sort="
                        + sort
                        + (cursor == null ? "" : "&cursor=" + enc(cursor)))
                .json();
        assertEquals(REPORTS, page.get("total").asLong());
        seen.addAll(ids(page));
        cursor =
            page.get("cursor") == null || page.get("cursor").isNull()
                ? null
                : page.get("cursor").asText();
        pages++;
      } while (cursor != null && pages < 10);
      assertEquals(REPORTS, seen.size(), sort + ": " + seen);
      assertEquals(REPORTS, new HashSet<>(seen).size(), sort + " repeated an article: " + seen);
      assertEquals(5, pages, sort);
    }
  }

  @Test
  void malformedQueryIsA400ProblemThatSaysWhere() {
    ApiClient.Reply reply = api.get("/api/search?q=" + enc("border AND (attack OR"));
    assertEquals(400, reply.status());
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    String detail = reply.json().get("detail").asText();
    assertTrue(detail.contains("column"), detail);
    ApiClient.Reply stray = api.get("/api/search?q=" + enc("border ) attack"));
    assertEquals(400, stray.status());
    assertTrue(stray.json().get("detail").asText().contains("column 8"), stray.body());
  }

  @Test
  void unsafeQueriesAreRefused() {
    ApiClient.Reply leading = api.get("/api/search?q=" + enc("*stan"));
    assertEquals(400, leading.status());
    assertTrue(leading.json().get("detail").asText().contains("first character"), leading.body());
    String many = String.join(" ", IntStream.range(0, 300).mapToObj(i -> "w" + i).toList());
    ApiClient.Reply tooMany = api.get("/api/search?q=" + enc(many));
    assertEquals(400, tooMany.status());
    assertTrue(tooMany.json().get("detail").asText().contains("at most 256"), tooMany.body());
    assertEquals(400, api.get("/api/search?q=x&size=1000").status());
    assertEquals(400, api.get("/api/search?q=x&cursor=bm9uc2Vuc2U").status());
    assertEquals(400, api.get("/api/search?q=x&from=yesterday").status());
  }

  @Test
  void explainSaysWhyEachHitRankedWhereItDid() {
    JsonNode result = api.get("/api/search?q=Balochistan&explain=true").json();
    double previous = Double.MAX_VALUE;
    for (JsonNode hit : result.get("hits")) {
      JsonNode e = hit.get("explanation");
      assertEquals("score", e.get("orderedBy").asText(), hit.toString());
      double score = e.get("score").asDouble();
      assertTrue(score <= previous + 1e-4, "scores fall down the page: " + result);
      previous = score;
      double product =
          e.get("text").asDouble()
              * e.get("recency").get("factor").asDouble()
              * e.get("desk").get("factor").asDouble();
      assertEquals(product, score, 1e-3, hit.toString());
      JsonNode first = e.get("matches").get(0);
      assertTrue(first.get("field").asText().contains("body"), hit.toString());
      assertTrue(first.get("occurrences").get("body").asInt() >= 1, hit.toString());
    }
    assertEquals(3, result.get("hits").size(), result.toString());
    assertNull(
        api.get("/api/search?q=Balochistan").json().get("hits").get(0).get("explanation"),
        "only when asked");
    assertNull(
        api.get("/api/search?q=Balochistan&explain=false")
            .json()
            .get("hits")
            .get(0)
            .get("explanation"));
    assertTrue(
        api.get("/api/search?q=Balochistan&explain=TRUE")
            .json()
            .get("hits")
            .get(0)
            .has("explanation"));
  }

  /**
   * Hostile values tried: words, numbers, a trailing injection, an embedded space, 2,000
   * characters.
   */
  @Test
  void explainOtherThanTrueOrFalseIsA400Problem() {
    for (String bad : List.of("yes", "1", "true;drop", enc("tru e"), "t".repeat(2_000))) {
      ApiClient.Reply reply = api.get("/api/search?q=Balochistan&explain=" + bad);
      assertEquals(400, reply.status(), bad.length() > 40 ? bad.length() + " characters" : bad);
      assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
      String detail = reply.json().get("detail").asText();
      assertTrue(detail.startsWith("explain must be true or false"), detail);
      assertTrue(detail.length() < 120, "the value is echoed cut short: " + detail);
    }
  }

  /**
   * Tried: {@code language=und} (the facet's name, not the filter's), {@code limit}, a name of
   * 2,000 characters, and {@code format} on /api/search (export's own). Each would otherwise be
   * ignored and answer every article as if filtered.
   */
  @Test
  void unknownParameterIsA400ProblemNamingWhatTheEndpointTakes() {
    ApiClient.Reply language = api.get("/api/search?q=Balochistan&language=und");
    assertEquals(400, language.status());
    assertTrue(language.contentType().startsWith("application/problem+json"));
    assertEquals(
        "unknown parameter 'language' (did you mean lang?): /api/search takes q, source, lang,"
            + " place, from, to, sort, size, cursor, explain",
        language.json().get("detail").asText());

    for (String bad :
        List.of(
            "/api/search?q=Balochistan&limit=5",
            "/api/search?q=Balochistan&" + "x".repeat(2_000) + "=1",
            "/api/search?q=Balochistan&format=csv",
            "/api/timeline?q=Balochistan&format=csv",
            "/api/export?q=Balochistan&interval=day")) {
      ApiClient.Reply reply = api.get(bad);
      assertEquals(400, reply.status(), bad.length() > 80 ? bad.length() + " characters" : bad);
      String detail = reply.json().get("detail").asText();
      assertTrue(detail.startsWith("unknown parameter '"), detail);
      assertTrue(detail.length() < 200, detail);
    }
    // Each endpoint's own parameters are still taken.
    assertEquals(200, api.get("/api/timeline?q=Balochistan&interval=week").status());
    assertEquals(200, api.get("/api/export?q=Balochistan&format=jsonl").status());
  }

  @Test
  void aKeyIsNeeded() {
    ApiClient.Reply none = new ApiClient(service.port(), null).get("/api/search?q=x");
    assertEquals(401, none.status());
    assertTrue(none.contentType().startsWith("application/problem+json"));
    assertEquals(
        401, new ApiClient(service.port(), "not-a-key").get("/api/articles/en-border").status());
  }

  @Test
  void articleByIdAnd404WhenAbsent() {
    JsonNode article = api.get("/api/articles/ur-border").json();
    assertEquals("بلوچستان میں سرحدی چوکی پر حملہ", article.get("title").asText());
    assertEquals("ur", article.get("language").asText());
    assertEquals(List.of("Staff Reporter"), List.of(article.get("authors").get(0).asText()));
    ApiClient.Reply missing = api.get("/api/articles/nope");
    assertEquals(404, missing.status());
    assertTrue(missing.contentType().startsWith("application/problem+json"));
    assertFalse(missing.json().get("detail").asText().isEmpty());
  }

  @Test
  void lastPageHasNoCursor() {
    JsonNode result = api.get("/api/search?q=cricket").json();
    assertEquals(1, result.get("total").asLong());
    assertNull(
        result.get("cursor") == null || result.get("cursor").isNull()
            ? null
            : result.get("cursor").asText());
  }

  @Test
  void timelineCountsMatchesPerDayWithEmptyDaysFilled() {
    JsonNode timeline = api.get("/api/timeline?q=balochistan&interval=day").json();
    assertEquals("day", timeline.get("interval").asText());
    assertEquals(3, timeline.get("total").asLong());
    JsonNode buckets = timeline.get("buckets");
    assertEquals(3, buckets.size());
    assertEquals("2026-04-10T00:00:00Z", buckets.get(0).get("start").asText());
    assertEquals(1, buckets.get(2).get("count").asLong());
    // Reports are one minute apart from 2026-03-01T00:00: all 30 on one day; a gap day shows as 0.
    JsonNode spread =
        api.get("/api/timeline?q=" + enc("report OR cricket") + "&interval=day").json();
    assertEquals(REPORTS + 1, spread.get("total").asLong());
    assertEquals(REPORTS, spread.get("buckets").get(0).get("count").asLong());
    assertEquals(0, spread.get("buckets").get(1).get("count").asLong());
    assertEquals(
        "2026-04-13T00:00:00Z",
        spread.get("buckets").get(spread.get("buckets").size() - 1).get("start").asText());
    assertEquals(
        1, api.get("/api/timeline?q=balochistan&interval=month").json().get("buckets").size());
    assertEquals(400, api.get("/api/timeline?q=x&interval=fortnight").status());
  }

  @Test
  void exportStreamsEveryMatchAsCsvOrJsonLines() {
    ApiClient.Reply csv = api.get("/api/export?q=balochistan&format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
    String[] lines = csv.body().split("\r\n");
    assertEquals(
        "id,url,title,source,language,publishedAt,fetchedAt,feedId,storyId,authors,body", lines[0]);
    assertEquals(4, lines.length, csv.body());
    assertTrue(lines[1].startsWith("fa-border,"), lines[1]); // newest first
    ApiClient.Reply jsonl = api.get("/api/export?q=report&format=jsonl&source=VOA");
    String[] rows = jsonl.body().split("\n");
    assertEquals(REPORTS / 2, rows.length);
    assertEquals("VOA", org.newswatch.common.Json.fromString(rows[0], Article.class).source());
    assertEquals(400, api.get("/api/export?q=" + enc("(broken") + "&format=csv").status());
    assertEquals(400, api.get("/api/export?q=x&format=xml").status());
  }

  /**
   * Tried: a CSV for Excel (bom=true), the same without, a byte-order mark asked of JSON Lines, and
   * a bom that is not a boolean.
   */
  @Test
  void aCsvForExcelStartsWithAByteOrderMarkOnlyWhenAskedFor() {
    String header = "id,url,title,";
    ApiClient.Reply excel = api.get("/api/export?q=balochistan&format=csv&bom=true");
    assertEquals(200, excel.status());
    assertTrue(excel.body().startsWith("\uFEFF" + header), excel.body());
    ApiClient.Reply plain = api.get("/api/export?q=balochistan&format=csv");
    assertTrue(plain.body().startsWith(header), plain.body());
    assertEquals(excel.body().substring(1), plain.body(), "the same rows");
    ApiClient.Reply jsonl = api.get("/api/export?q=balochistan&format=jsonl&bom=true");
    assertEquals(400, jsonl.status());
    assertTrue(jsonl.body().contains("bom applies to format=csv only"), jsonl.body());
    ApiClient.Reply notBoolean = api.get("/api/export?q=balochistan&format=csv&bom=yes");
    assertEquals(400, notBoolean.status());
    assertTrue(notBoolean.body().contains("bom must be true or false"), notBoolean.body());
  }

  @Test
  void similarArticlesLeaveTheArticleItselfOut() {
    JsonNode similar = api.get("/api/articles/a000003/similar?size=5").json();
    List<String> ids = ids(similar);
    assertEquals(5, ids.size());
    assertFalse(ids.contains("a000003"));
    assertTrue(ids.stream().allMatch(id -> id.startsWith("a0000")), ids.toString());
    assertEquals(404, api.get("/api/articles/nope/similar").status());
  }
}
