package org.newswatch.ingest.extract;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Token-level precision and recall between an extracted text and the expected one (bags of words).
 */
record TokenOverlap(int extracted, int expected, int common) {

  static TokenOverlap of(String extractedText, String expectedText) {
    Map<String, Integer> want = counts(expectedText);
    Map<String, Integer> got = counts(extractedText);
    int common = 0;
    for (Map.Entry<String, Integer> e : got.entrySet()) {
      common += Math.min(e.getValue(), want.getOrDefault(e.getKey(), 0));
    }
    return new TokenOverlap(total(got), total(want), common);
  }

  TokenOverlap plus(TokenOverlap o) {
    return new TokenOverlap(extracted + o.extracted, expected + o.expected, common + o.common);
  }

  double precision() {
    return extracted == 0 ? (expected == 0 ? 1 : 0) : (double) common / extracted;
  }

  double recall() {
    return expected == 0 ? 1 : (double) common / expected;
  }

  double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Words: runs of letters, digits and combining marks, lower-cased. */
  static Map<String, Integer> counts(String text) {
    Map<String, Integer> counts = new HashMap<>();
    for (String t : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}\\p{M}]+")) {
      if (!t.isEmpty()) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Up to 30 tokens of {@code a} beyond those in {@code b}, for reading why a page scored low. */
  static java.util.List<String> difference(String a, String b) {
    Map<String, Integer> left = counts(a);
    counts(b).forEach((k, v) -> left.computeIfPresent(k, (kk, n) -> n - v > 0 ? n - v : null));
    return left.keySet().stream().sorted().limit(30).toList();
  }

  private static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
