package org.newswatch.common.model;

import java.time.Instant;

/**
 * An analyst's judgement of one alert, as kept on the compacted {@code news.feedback} topic under
 * the alert's id: the latest judgement of an alert is the one that counts.
 *
 * @param subscriptionId the alert's subscription, so precision is counted per subscription without
 *     looking the alert up
 * @param owner who judged: the alert's owner, the only one who may
 * @param note optional, at most {@value #MAX_NOTE} characters: a reason, not a document
 */
public record Feedback(
    int schema,
    String alertId,
    String subscriptionId,
    String owner,
    Judgement judgement,
    String note,
    Instant at) {
  public static final int SCHEMA = 1;
  public static final int MAX_NOTE = 500;

  /** The two judgements; the JSON spells them as here. */
  public enum Judgement {
    relevant,
    not_relevant
  }

  public Feedback {
    Article.requireText(alertId, "alertId");
    Article.requireText(subscriptionId, "subscriptionId");
    Article.requireText(owner, "owner");
    if (judgement == null) {
      throw new IllegalArgumentException("judgement must be relevant or not_relevant");
    }
    note = note == null || note.isBlank() ? null : note.strip();
    if (note != null && note.length() > MAX_NOTE) {
      throw new IllegalArgumentException(
          "note is at most " + MAX_NOTE + " characters, was " + note.length());
    }
  }
}
