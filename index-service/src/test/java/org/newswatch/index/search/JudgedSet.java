package org.newswatch.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newswatch.common.Json;
import org.newswatch.common.model.Article;
import org.newswatch.index.testing.TestArticles;

/**
 * The judged set for ranking: articles and, per query, graded relevance (0–3) of articles to it,
 * read from {@code judged/articles.jsonl} and {@code judged/judgements.tsv}. Both were written for
 * this project (the README of that folder says how they were graded). Articles carry their age in
 * hours, placed before {@code now}, so recency means the same whenever the test runs.
 */
record JudgedSet(List<Article> articles, Map<String, Map<String, Integer>> judgements) {

  static JudgedSet load(Instant now) {
    List<Article> articles = new ArrayList<>();
    for (String line : lines("judged/articles.jsonl")) {
      JsonNode a = Json.fromString(line, JsonNode.class);
      Instant published = now.minus(Duration.ofHours(a.get("hoursAgo").asLong()));
      articles.add(
          TestArticles.article(
              a.get("id").asText(),
              a.get("title").asText(),
              a.get("body").asText(),
              a.get("source").asText(),
              a.get("language").asText(),
              published));
    }
    Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
    for (String line : lines("judged/judgements.tsv")) {
      String[] f = line.split("\t");
      if (f.length != 3) {
        throw new IllegalStateException(
            "judgements.tsv: want query<TAB>article id<TAB>grade, got: " + line);
      }
      int grade = Integer.parseInt(f[2].strip());
      if (grade < 0 || grade > 3 || articles.stream().noneMatch(a -> a.id().equals(f[1].strip()))) {
        throw new IllegalStateException("judgements.tsv: bad grade or unknown article in: " + line);
      }
      judgements.computeIfAbsent(f[0].strip(), q -> new LinkedHashMap<>()).put(f[1].strip(), grade);
    }
    return new JudgedSet(articles, judgements);
  }

  /** The file's lines without blank lines and {@code #} comments. */
  private static List<String> lines(String resource) {
    try (InputStream in = JudgedSet.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      List<String> lines = new ArrayList<>();
      for (String line :
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * nDCG@k of one ranked list: gain 2^grade − 1, discount log2(rank + 1), divided by the same of
   * the ideal order of every judged article (unjudged articles count as grade 0).
   */
  static double ndcg(List<String> ranked, Map<String, Integer> grades, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      dcg += gain(grades.getOrDefault(ranked.get(i), 0)) / log2(i + 2);
    }
    List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += gain(ideal.get(i)) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  private static double gain(int grade) {
    return Math.pow(2, grade) - 1;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
