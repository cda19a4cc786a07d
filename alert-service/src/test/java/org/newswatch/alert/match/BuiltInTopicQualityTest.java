package org.newswatch.alert.match;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.TestArticles;
import org.newswatch.common.Json;
import org.newswatch.common.model.Article;

/**
 * Precision and recall of the built-in topic {@code balochistan-border-security} on a labelled set
 * of short articles written for the project (English, Urdu, Persian): on-topic stories, near misses
 * (the same places in sport, trade, weather, politics, accidents; attacks elsewhere) and unrelated
 * news. Only "on" articles should fire. Tune the topic file, not this test.
 */
class BuiltInTopicQualityTest {
  private static final String SET = "/org/newswatch/alert/labelled/articles.jsonl";

  record Labelled(String id, String lang, String label, String title, String body) {
    boolean onTopic() {
      return label.equals("on");
    }
  }

  static List<Labelled> load() throws IOException {
    List<Labelled> out = new ArrayList<>();
    try (InputStream in = BuiltInTopicQualityTest.class.getResourceAsStream(SET);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode n = Json.MAPPER.readTree(line);
          out.add(
              new Labelled(
                  n.get("id").asText(),
                  n.get("lang").asText(),
                  n.get("label").asText(),
                  n.get("title").asText(),
                  n.get("body").asText()));
        }
      }
    }
    return out;
  }

  @Test
  void builtInTopicHasPrecisionAndRecallOfAtLeastNinetyPercent() throws IOException {
    List<Labelled> set = load();
    assertTrue(set.size() >= 60, "the labelled set has at least 60 articles");
    Map<String, int[]> byLanguage = new TreeMap<>();
    int tp = 0, fp = 0, fn = 0;
    List<String> mistakes = new ArrayList<>();
    try (AlertMatcher matcher = new AlertMatcher()) {
      BuiltInTopics.subscriptions(Instant.EPOCH).forEach(matcher::put);
      for (Labelled l : set) {
        Article a = TestArticles.article(l.id(), l.lang(), l.title(), l.body());
        List<Match> m = matcher.match(a);
        boolean fired =
            m.stream()
                .anyMatch(
                    x -> x.subscription().id().equals(BuiltInTopics.BALOCHISTAN_BORDER_SECURITY));
        int[] c = byLanguage.computeIfAbsent(l.lang(), k -> new int[3]);
        if (fired && l.onTopic()) {
          tp++;
          c[0]++;
        } else if (fired) {
          fp++;
          c[1]++;
          mistakes.add(
              "false positive "
                  + l.id()
                  + " ("
                  + l.label()
                  + ") on "
                  + m.get(0).matched()
                  + ": "
                  + l.title());
        } else if (l.onTopic()) {
          fn++;
          c[2]++;
          mistakes.add("missed " + l.id() + ": " + l.title());
        }
      }
    }
    double precision = tp / (double) (tp + fp);
    double recall = tp / (double) (tp + fn);
    System.out.printf(
        Locale.ROOT,
        "balochistan-border-security on %d labelled articles: precision %.3f, recall %.3f (tp %d, fp %d, fn %d)%n",
        set.size(),
        precision,
        recall,
        tp,
        fp,
        fn);
    byLanguage.forEach(
        (lang, c) ->
            System.out.printf(
                Locale.ROOT,
                "  %s: precision %.3f, recall %.3f%n",
                lang,
                c[0] / (double) Math.max(1, c[0] + c[1]),
                c[0] / (double) Math.max(1, c[0] + c[2])));
    mistakes.forEach(s -> System.out.println("  " + s));
    assertTrue(precision >= 0.9, "precision " + precision + ": " + mistakes);
    assertTrue(recall >= 0.9, "recall " + recall + ": " + mistakes);
  }
}
