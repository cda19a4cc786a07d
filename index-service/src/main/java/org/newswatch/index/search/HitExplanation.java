package org.newswatch.index.search;

import java.util.List;
import java.util.Map;

/**
 * Why a hit ranked where it did ({@code explain=true}): {@code score = text × recency.factor ×
 * desk.factor}; the text score is the sum of the matches' scores (BM25 of the term in the field,
 * times the field's weight).
 *
 * @param orderedBy {@code score} (sort=relevance) or {@code publishedAt} (sort=newest: the score is
 *     then shown for comparison only)
 * @param score the final score the relevance order sorts by
 * @param text the text score before recency
 */
public record HitExplanation(
    String orderedBy,
    double score,
    double text,
    RecencyPart recency,
    DeskPart desk,
    List<Match> matches) {

  /**
   * The recency factor and what it came from: {@code floor + (1 − floor) · 2^(−ageHours /
   * halfLifeHours)}.
   */
  public record RecencyPart(double factor, double ageHours, double halfLifeHours, double floor) {}

  /** The desk the article was filed under at indexing (news, sport) and its factor. */
  public record DeskPart(String name, double factor) {}

  /**
   * One matched field and term (or phrase), with its part of the text score. A plain word is scored
   * over title, lead and body at once (BM25F): {@code field} is then e.g. {@code title+lead+body}
   * and {@code occurrences} says how often the word stands in each (the body count includes the
   * lead's).
   */
  public record Match(String field, String terms, double score, Map<String, Integer> occurrences) {}
}
