package org.newswatch.alert.deliver;

import java.time.Duration;

/**
 * Attempts and the waits between them, for every channel (webhook and e-mail): {@code first},
 * doubled each time, capped at {@code max}.
 */
public record Backoff(int attempts, Duration first, Duration max) {
  public Backoff {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  Duration before(int attempt) {
    long ms = first.toMillis() << Math.min(20, attempt - 2);
    return Duration.ofMillis(Math.min(ms, max.toMillis()));
  }
}
