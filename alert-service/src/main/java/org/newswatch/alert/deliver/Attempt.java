package org.newswatch.alert.deliver;

/**
 * One try at delivering to a webhook or an SMTP server: what happened, and whether trying again may
 * help.
 */
record Attempt(String description, Outcome outcome) {
  enum Outcome {
    DELIVERED,
    /** A network error, a timeout, 408, 429, 5xx, an SMTP 4xx: asking again later may work. */
    RETRY,
    /**
     * Refused for good (another 4xx, an SMTP 5xx, an internal address): asking again will not help.
     */
    FINAL
  }

  static Attempt delivered(String description) {
    return new Attempt(description, Outcome.DELIVERED);
  }

  static Attempt retry(String description) {
    return new Attempt(description, Outcome.RETRY);
  }

  static Attempt refused(String description) {
    return new Attempt(description, Outcome.FINAL);
  }
}
