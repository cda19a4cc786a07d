package org.newswatch.ingest.feed;

/** A document that is not a readable feed; the message says why in words an operator can act on. */
public final class FeedParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public FeedParseException(String message, Throwable cause) {
    super(message, cause);
  }

  public FeedParseException(String message) {
    super(message);
  }
}
