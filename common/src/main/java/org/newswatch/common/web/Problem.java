package org.newswatch.common.web;

/**
 * An RFC 7807 problem detail, the body of every error answer ({@code application/problem+json}).
 */
public record Problem(String type, String title, int status, String detail, String instance) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null);
  }
}
