package org.newswatch.common.model;

import java.util.List;

/**
 * Why an alert fired, for the analyst who asks: the article's words that matched, each once, in
 * article order (title first), with where each stands; and the parts of the subscription's query
 * that matched. For a weighted subscription those are the lines that fired (required lines without
 * a weight, weighted lines with theirs), with the total {@code score} and the {@code threshold} it
 * had to reach; for one in Lucene syntax, its top-level clauses that matched, and no score.
 */
public record Explanation(List<Word> words, List<Clause> clauses, Double score, Double threshold) {
  /**
   * Where a word stands: in the title, in the lead (the body's first paragraph) or further in the
   * body.
   */
  public static final String TITLE = "title";

  public static final String LEAD = "lead";
  public static final String BODY = "body";

  public Explanation {
    words = words == null ? List.of() : List.copyOf(words);
    clauses = clauses == null ? List.of() : List.copyOf(clauses);
  }

  /**
   * One line for plain-text channels (e-mail, Atom): the parts that matched, each weighted line
   * with its weight, then the score against the threshold; for example {@code required: panjgur; 3:
   * attack OR ambush (3); 2: militants (2); score 5 of 5}.
   */
  public String summary() {
    StringBuilder line = new StringBuilder();
    for (Clause c : clauses) {
      line.append(line.isEmpty() ? "" : "; ")
          .append(c.text())
          .append(c.weight() == null ? "" : " (" + number(c.weight()) + ")");
    }
    if (score != null) {
      line.append(line.isEmpty() ? "" : "; ")
          .append("score ")
          .append(number(score))
          .append(threshold == null ? "" : " of " + number(threshold));
    }
    return line.toString();
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * A matched word exactly as the article writes it: {@code text} equals the title's characters
   * from {@code start} to {@code end} when {@code where} is {@code title}, the body's otherwise.
   */
  public record Word(String text, String where, int start, int end) {}

  /**
   * A part of the query that matched, as the subscription writes it; {@code weight} only for a
   * weighted line.
   */
  public record Clause(String text, Double weight) {}
}
