package org.newswatch.common.web;

import java.time.Duration;

/**
 * Thrown by a handler to answer with a problem: the scaffold turns it into {@code
 * application/problem+json}.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String title;
  private final Duration retryAfter;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  private ProblemException(int status, String title, String detail, Duration retryAfter) {
    super(detail);
    this.status = status;
    this.title = title;
    this.retryAfter = retryAfter;
  }

  /** 429, answered with {@code Retry-After} in whole seconds (RFC 9110 §10.2.3; RFC 6585 §4). */
  public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
    return new ProblemException(429, "Too Many Requests", detail, retryAfter);
  }

  /**
   * When the caller may try again, for a {@code Retry-After} header; null when it does not apply.
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "Forbidden", detail);
  }

  public int status() {
    return status;
  }

  public Problem problem() {
    return Problem.of(status, title, getMessage());
  }
}
