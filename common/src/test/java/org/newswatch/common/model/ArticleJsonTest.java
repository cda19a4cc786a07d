package org.newswatch.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.Json;

class ArticleJsonTest {
  /** An article as already on news.articles before places existed: no "places" field. */
  private static final String BEFORE_PLACES =
      """
      {"schema":1,"id":"a1","url":"https://news.example/a1","canonicalUrl":"https://news.example/a1","feedId":"voa",
       "source":"VOA","title":"Militants attack FC post in Panjgur","body":"Gunmen attacked…","authors":[],
       "language":"en","publishedAt":"2026-12-04T09:00:00Z","fetchedAt":"2026-12-04T09:01:00Z","storyId":"a1",
       "contentHash":"h","extraction":{"method":"jsonld","warnings":[]},"keywords":["Pakistan"]}""";

  @Test
  void anArticleWrittenBeforePlacesStillReadsWithNoPlaces() {
    Article old = Json.fromString(BEFORE_PLACES, Article.class);
    assertEquals("Militants attack FC post in Panjgur", old.title());
    assertEquals(List.of(), old.places());
  }

  @Test
  void placesRoundTripAndAnExplicitNullReadsAsNone() {
    Article a =
        Json.fromString(BEFORE_PLACES, Article.class).withPlaces(List.of("pk-panjgur", "pk-kech"));
    Article back = Json.fromString(Json.toString(a), Article.class);
    assertEquals(a, back);
    assertEquals(List.of("pk-panjgur", "pk-kech"), back.places());
    // Hostile: "places": null from some other writer.
    assertEquals(
        List.of(),
        Json.fromString(
                BEFORE_PLACES.replace("\"keywords\"", "\"places\":null,\"keywords\""),
                Article.class)
            .places());
  }

  @Test
  void withPlacesKeepsEveryOtherField() {
    Article a =
        new Article(
            Article.SCHEMA,
            "a1",
            "u",
            null,
            "f",
            "VOA",
            "t",
            "b",
            List.of("x"),
            "en",
            Instant.EPOCH,
            Instant.EPOCH,
            "s1",
            "h",
            null,
            List.of("k"));
    Article tagged = a.withPlaces(List.of("ir-zahedan"));
    assertEquals(a, tagged.withPlaces(List.of()));
    assertEquals(List.of("ir-zahedan"), tagged.places());
  }
}
