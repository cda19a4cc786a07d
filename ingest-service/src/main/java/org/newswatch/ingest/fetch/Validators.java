package org.newswatch.ingest.fetch;

/**
 * The cache validators of a response (RFC 9110 §8.8): sent back as {@code If-None-Match} and {@code
 * If-Modified-Since} so that an unchanged feed costs its publisher a 304 and no body.
 */
public record Validators(String etag, String lastModified) {
  public static final Validators NONE = new Validators(null, null);

  public boolean isEmpty() {
    return etag == null && lastModified == null;
  }
}
