package org.newswatch.alert.feedback;

import java.time.Instant;

/**
 * A subscription's precision from its analyst's feedback, over the alerts the alert store holds.
 *
 * @param value {@code (alerts − notRelevant) / alerts}, rounded to 4 decimals; null when there is
 *     no alert to count (the JSON leaves it out)
 * @param alerts the subscription's alerts held, judged or not
 * @param judged how many of those have a judgement, either way
 * @param notRelevant how many of those were judged not relevant
 * @param from when the oldest alert counted was created: the start of the window (null: none)
 */
public record Precision(Double value, int alerts, int judged, int notRelevant, Instant from) {

  /** Counts over a window of {@code alerts} held alerts; judgements are clamped to it. */
  static Precision of(int alerts, int judged, int notRelevant, Instant from) {
    // The counts are read one after another while alerts may be let go: never more judged than
    // held.
    int j = Math.min(judged, alerts);
    int n = Math.min(notRelevant, j);
    Double value = alerts == 0 ? null : Math.round((alerts - n) * 10_000.0 / alerts) / 10_000.0;
    return new Precision(value, alerts, j, n, from);
  }
}
