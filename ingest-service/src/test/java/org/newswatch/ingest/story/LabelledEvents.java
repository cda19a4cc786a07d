package org.newswatch.ingest.story;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newswatch.common.Json;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Extraction;
import org.newswatch.common.places.PlaceResolver;

/**
 * The labelled set in {@code src/test/resources/stories/events.jsonl} (its README says what is in
 * it).
 */
record LabelledEvents(List<Labelled> articles) {

  /** One article with its event label, tagged with places as ingest tags them. */
  record Labelled(Article article, String event, String split, String copyOf) {}

  static LabelledEvents load() {
    List<Labelled> out = new ArrayList<>();
    PlaceResolver places = PlaceResolver.bundled();
    try (InputStream in = LabelledEvents.class.getResourceAsStream("/stories/events.jsonl")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.MAPPER.readTree(line);
        String id = n.get("id").asText();
        Instant published = Instant.parse(n.get("publishedAt").asText());
        Article article =
            article(
                id,
                n.get("lang").asText(),
                n.get("outlet").asText(),
                n.get("title").asText(),
                n.get("body").asText(),
                published,
                published.plusSeconds(300));
        article = article.withPlaces(places.placeIds(article.title(), article.body()));
        out.add(
            new Labelled(
                article,
                n.get("event").asText(),
                n.get("split").asText(),
                n.has("copyOf") ? n.get("copyOf").asText() : null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The order a linker sees them in: by time fetched.
    out.sort(Comparator.comparing((Labelled l) -> l.article().fetchedAt()));
    return new LabelledEvents(List.copyOf(out));
  }

  static Article article(
      String id,
      String language,
      String source,
      String title,
      String body,
      Instant published,
      Instant fetched) {
    return new Article(
        Article.SCHEMA,
        id,
        "https://example.org/" + id,
        null,
        "feed-" + source,
        source,
        title,
        body,
        List.of(),
        language,
        published,
        fetched,
        null,
        null,
        Extraction.NONE);
  }

  /**
   * Pairwise precision and recall of story ids against event labels, over pairs the filter admits.
   */
  record Scores(int truePairs, int predictedPairs, int correctPairs) {
    double precision() {
      return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    double recall() {
      return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "P %.3f (%d/%d)  R %.3f (%d/%d)",
          precision(),
          correctPairs,
          predictedPairs,
          recall(),
          correctPairs,
          truePairs);
    }
  }

  interface PairFilter {
    boolean admits(Labelled a, Labelled b);
  }

  static Scores score(List<Labelled> set, Map<String, String> storyOf, PairFilter filter) {
    int truth = 0;
    int predicted = 0;
    int correct = 0;
    for (int i = 0; i < set.size(); i++) {
      for (int j = i + 1; j < set.size(); j++) {
        Labelled a = set.get(i);
        Labelled b = set.get(j);
        if (!filter.admits(a, b)) {
          continue;
        }
        boolean same = a.event().equals(b.event());
        boolean linked = storyOf.get(a.article().id()).equals(storyOf.get(b.article().id()));
        truth += same ? 1 : 0;
        predicted += linked ? 1 : 0;
        correct += same && linked ? 1 : 0;
      }
    }
    return new Scores(truth, predicted, correct);
  }

  /** Runs every article through the matcher in order and returns article id to story id. */
  Map<String, String> assign(StoryMatcher matcher) {
    Map<String, String> out = new HashMap<>();
    for (Labelled l : articles) {
      out.put(l.article().id(), matcher.assign(l.article()));
    }
    return out;
  }
}
