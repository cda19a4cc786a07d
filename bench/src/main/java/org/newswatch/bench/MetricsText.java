package org.newswatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Samples read from a {@code /metrics} page in the Prometheus text format (version 0.0.4: one
 * {@code name{label="value",…} value [timestamp]} a line, {@code #} lines are help and type). Only
 * what the load test needs: names, labels and values; a line that does not parse is skipped, since
 * one odd series must not spoil a scrape of the others.
 */
final class MetricsText {
  /** One series' value at the scrape. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private MetricsText(List<Sample> samples) {
    this.samples = samples;
  }

  static MetricsText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      Sample s = parseLine(line.strip());
      if (s != null) {
        samples.add(s);
      }
    }
    return new MetricsText(List.copyOf(samples));
  }

  List<Sample> samples() {
    return samples;
  }

  /** The sum over every series of this exact name, or empty when there is none. */
  OptionalDouble sum(String name) {
    return sum(name, labels -> true);
  }

  /**
   * The sum over the series of this name whose labels pass {@code filter}, or empty when none does.
   */
  OptionalDouble sum(String name, Predicate<Map<String, String>> filter) {
    double total = 0;
    boolean any = false;
    for (Sample s : samples) {
      if (s.name().equals(name) && filter.test(s.labels()) && !Double.isNaN(s.value())) {
        total += s.value();
        any = true;
      }
    }
    return any ? OptionalDouble.of(total) : OptionalDouble.empty();
  }

  /**
   * A histogram's cumulative counts by upper bound ({@code <name>_bucket{le="…"}}), summed over its
   * series; empty when there is none.
   */
  NavigableMap<Double, Double> buckets(String name) {
    NavigableMap<Double, Double> buckets = new TreeMap<>();
    for (Sample s : samples) {
      String le = s.labels().get("le");
      if (s.name().equals(name + "_bucket") && le != null && !Double.isNaN(s.value())) {
        try {
          buckets.merge(parseValue(le), s.value(), Double::sum);
        } catch (NumberFormatException e) {
          // a bound that is not a number: not a bucket of this histogram
        }
      }
    }
    return buckets;
  }

  /**
   * The {@code q} quantile of what a histogram counted between two scrapes, as Prometheus's {@code
   * histogram_quantile} over {@code increase(…)}: the bucket holding the rank, linearly
   * interpolated between its bounds (the highest finite bound if it falls in {@code +Inf}). Empty
   * when nothing was counted between them.
   */
  static OptionalDouble quantile(
      NavigableMap<Double, Double> before, NavigableMap<Double, Double> after, double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], was " + q);
    }
    Double total = after.get(Double.POSITIVE_INFINITY);
    if (total == null) {
      return OptionalDouble.empty();
    }
    double count = total - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    if (count <= 0) {
      return OptionalDouble.empty();
    }
    double rank = q * count;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> b : after.entrySet()) {
      double cumulative = b.getValue() - before.getOrDefault(b.getKey(), 0.0);
      if (cumulative >= rank) {
        if (b.getKey() == Double.POSITIVE_INFINITY) {
          return OptionalDouble.of(lowerBound);
        }
        double share =
            cumulative == lowerCount ? 0 : (rank - lowerCount) / (cumulative - lowerCount);
        return OptionalDouble.of(lowerBound + (b.getKey() - lowerBound) * share);
      }
      lowerBound = b.getKey();
      lowerCount = cumulative;
    }
    return OptionalDouble.of(lowerBound);
  }

  /** Null for blank, comment and malformed lines. */
  static Sample parseLine(String line) {
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    int i = 0;
    while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = readLabels(line, i + 1, labels);
      if (i < 0) {
        return null;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      return null;
    }
    try {
      return new Sample(name, Map.copyOf(labels), parseValue(rest[0]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Reads {@code a="x",b="y"}} from {@code i}; returns the index after the closing brace, or -1.
   */
  private static int readLabels(String line, int i, Map<String, String> labels) {
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i + 1;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < line.length() && line.charAt(j) != '"'; j++) {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < line.length()) {
          char next = line.charAt(++j);
          value.append(next == 'n' ? '\n' : next); // the format escapes \\, \" and \n only
        } else {
          value.append(v);
        }
      }
      if (j >= line.length()) {
        return -1; // unterminated value
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
    return -1; // no closing brace
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_'
        || c == ':'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (!first && c >= '0' && c <= '9');
  }
}
