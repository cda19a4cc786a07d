package org.newswatch.alert.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;

/**
 * The weighted query form, in the manner of the EU's Europe Media Monitor: weighted terms and
 * phrases whose weights add up, required and excluded parts, and a score threshold. An article
 * fires when every required part matches, no excluded part does, and the weights of the matching
 * lines add up to the threshold or more. Written as lines (or separated by {@code ;}):
 *
 * <pre>
 * weighted threshold=6
 * required: balochistan OR sistan OR panjgur
 * excluded: cricket OR psl
 * 4: "border guards" OR "cross border"
 * 3: attack OR ambush
 * 2: militants
 * 1: killed
 * </pre>
 *
 * Each part after the colon is ordinary query syntax ({@link SubscriptionQuery}); a line's weight
 * counts once however often its words occur. The first line must start with {@code weighted}.
 *
 * <p>{@code lines} keeps the required and weighted lines as written, each with its own query, to
 * explain an alert: which of them matched the article.
 */
public record WeightedQuery(Query query, float threshold, List<QueryPart> lines) {
  public WeightedQuery {
    lines = List.copyOf(lines);
  }

  private static final Pattern HEADER =
      Pattern.compile(
          "weighted(?:\\s+threshold\\s*=\\s*([0-9]+(?:\\.[0-9]+)?))?\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern WEIGHT = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");

  /**
   * True when {@code text} is written in the weighted form (its first word is {@code weighted}).
   */
  public static boolean isWeighted(String text) {
    return text != null
        && text.stripLeading().toLowerCase(Locale.ROOT).matches("(?s)weighted(\\s.*|$)");
  }

  private static String[] lines(String text) {
    return text.strip().split("\\s*(?:\\R|;)\\s*");
  }

  /**
   * The lines after the header that count (neither blank nor {@code #} comments), before any
   * parsing.
   */
  public static int lineCount(String text) {
    String[] lines = lines(text);
    int n = 0;
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty() && !lines[i].startsWith("#")) {
        n++;
      }
    }
    return n;
  }

  /**
   * @throws IllegalArgumentException naming the line that is wrong and why
   */
  public static WeightedQuery parse(String text) {
    String[] lines = lines(text);
    Matcher header = HEADER.matcher(lines[0]);
    if (!header.matches()) {
      throw new IllegalArgumentException(
          "query: a weighted query starts with 'weighted threshold=N', was '" + lines[0] + "'");
    }
    if (header.group(1) == null) {
      throw new IllegalArgumentException(
          "query: a weighted query needs a threshold: 'weighted threshold=N'");
    }
    float threshold = Float.parseFloat(header.group(1));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    List<QueryPart> parts = new ArrayList<>();
    int weighted = 0;
    float total = 0;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "query line "
                + (i + 1)
                + ": expected 'required: …', 'excluded: …' or 'N: …', was '"
                + line
                + "'");
      }
      String kind = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String part = line.substring(colon + 1).strip();
      Query q;
      try {
        q = SubscriptionQuery.parseLucene(part);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("query line " + (i + 1) + ": " + e.getMessage(), e);
      }
      switch (kind) {
        case "required" -> {
          b.add(q, BooleanClause.Occur.FILTER);
          parts.add(new QueryPart(line, null, q));
        }
        case "excluded" -> b.add(q, BooleanClause.Occur.MUST_NOT);
        default -> {
          if (!WEIGHT.matcher(kind).matches()) {
            throw new IllegalArgumentException(
                "query line "
                    + (i + 1)
                    + ": '"
                    + kind
                    + "' is not a weight, 'required' or 'excluded'");
          }
          float w = Float.parseFloat(kind);
          // Constant score: a line counts its weight once, whatever the term frequencies.
          b.add(new BoostQuery(new ConstantScoreQuery(q), w), BooleanClause.Occur.SHOULD);
          parts.add(new QueryPart(line, w, q));
          weighted++;
          total += w;
        }
      }
    }
    if (weighted == 0) {
      throw new IllegalArgumentException(
          "query: a weighted query needs at least one weighted line 'N: words'");
    }
    if (total < threshold) {
      throw new IllegalArgumentException(
          "query: the weights add up to "
              + total
              + ", below the threshold "
              + threshold
              + "; it could never fire");
    }
    return new WeightedQuery(b.build(), threshold, parts);
  }
}
