package org.newswatch.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.Json;

class AlertJsonTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  /** An alert as written before explanations existed (schema 1, no "explanation" field). */
  private static final String OLD =
      """
      {"schema":1,"id":"al-1","subscriptionId":"s1","owner":"an-1","articleId":"a1","storyId":"st1","url":"https://news.example/a1",
       "title":"Militants attack","source":"VOA","language":"en","publishedAt":"2026-12-04T09:00:00Z","matched":["Panjgur"],
       "snippet":"Gunmen attacked…","createdAt":"2026-12-04T10:00:00Z"}""";

  @Test
  void anAlertWrittenBeforeExplanationsStillReads() {
    Alert old = Json.fromString(OLD, Alert.class);
    assertEquals(List.of("Panjgur"), old.matched());
    assertNull(old.explanation());
  }

  @Test
  void anAlertWithoutExplanationWritesNoExplanationField() {
    Alert a =
        new Alert(
            Alert.SCHEMA,
            "al-1",
            "s1",
            "an-1",
            "a1",
            "st1",
            "u",
            "t",
            "VOA",
            "en",
            T,
            List.of("Panjgur"),
            "s",
            T);
    assertFalse(Json.toString(a).contains("explanation"), Json.toString(a));
  }

  @Test
  void anExplanationRoundTrips() {
    Explanation why =
        new Explanation(
            List.of(new Explanation.Word("Panjgur", Explanation.TITLE, 32, 39)),
            List.of(
                new Explanation.Clause("required: panjgur", null),
                new Explanation.Clause("3: gunmen", 3.0)),
            3.0,
            3.0);
    Alert a =
        new Alert(
            Alert.SCHEMA,
            "al-1",
            "s1",
            "an-1",
            "a1",
            "st1",
            "u",
            "t",
            "VOA",
            "en",
            T,
            List.of("Panjgur"),
            "s",
            T,
            why);
    Alert back = Json.fromString(Json.toString(a), Alert.class);
    assertEquals(a, back);
    // A Lucene-syntax explanation has no score: the fields are left out, not written as null.
    String lucene =
        Json.toString(
            new Explanation(
                List.of(),
                List.of(new Explanation.Clause("+(kech OR panjgur)", null)),
                null,
                null));
    assertEquals("{\"words\":[],\"clauses\":[{\"text\":\"+(kech OR panjgur)\"}]}", lucene);
  }

  @Test
  void summaryNamesTheLinesWithTheirWeightsAndTheScore() {
    Explanation weighted =
        new Explanation(
            List.of(),
            List.of(
                new Explanation.Clause("required: panjgur", null),
                new Explanation.Clause("3: attack OR ambush", 3.0),
                new Explanation.Clause("0.5: militants", 0.5)),
            3.5,
            3.0);
    assertEquals(
        "required: panjgur; 3: attack OR ambush (3); 0.5: militants (0.5); score 3.5 of 3",
        weighted.summary());
    assertEquals(
        "+(panjgur)",
        new Explanation(List.of(), List.of(new Explanation.Clause("+(panjgur)", null)), null, null)
            .summary());
    // summary() is not a JSON field.
    assertFalse(Json.toString(weighted).contains("summary"), Json.toString(weighted));
  }
}
