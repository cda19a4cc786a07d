package org.newswatch.common.model;

import java.time.Instant;

/**
 * An analyst as kept on the compacted {@code news.analysts} topic: the key itself is never stored,
 * only its SHA-256, so every service can check a Bearer key without knowing any key.
 */
public record Analyst(
    int schema, String id, String name, String keyHash, boolean revoked, Instant createdAt) {
  public static final int SCHEMA = 1;

  public Analyst {
    Article.requireText(id, "id");
    Article.requireText(keyHash, "keyHash");
    name = name == null ? "" : name;
  }
}
