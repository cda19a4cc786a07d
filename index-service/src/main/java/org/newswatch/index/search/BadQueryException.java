package org.newswatch.index.search;

/** A query the researcher must fix: the message says what and, where it can, at which column. */
final class BadQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadQueryException(String message) {
    super(message);
  }
}
