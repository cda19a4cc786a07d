package org.newswatch.alert.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.newswatch.common.web.RequestBodies;

/** Reading request bodies and query parameters, with 400 answers that say what is wrong. */
final class Requests {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private Requests() {}

  static <T extends Record> T body(Context ctx, Class<T> type) {
    return RequestBodies.read(ctx.body(), type);
  }

  /** A caller's value quoted back in an answer: at most 100 characters of it. */
  static String shortened(String value) {
    return value.length() <= 100 ? value : value.substring(0, 100) + "…";
  }

  static int limit(Context ctx) {
    String v = ctx.queryParam("limit");
    if (v == null || v.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 1 || n > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + v + "'");
    }
  }

  static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 UTC time like 2026-11-28T10:00:00Z, was '" + v + "'");
    }
  }
}
