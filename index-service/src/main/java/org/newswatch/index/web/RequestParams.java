package org.newswatch.index.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.newswatch.common.web.QueryParameters;
import org.newswatch.index.search.SearchRequest;
import org.newswatch.index.search.SortOrder;

/** Reads search parameters from a request; every error names the parameter and what it accepts. */
final class RequestParams {
  private RequestParams() {}

  /** What every search-like endpoint takes, in the order the error message lists them. */
  private static final List<String> SEARCH_PARAMETERS =
      List.of("q", "source", "lang", "place", "from", "to", "sort", "size", "cursor", "explain");

  /**
   * The search parameters, after checking that the request names no other than these and {@code
   * own} (the endpoint's own, such as {@code interval}): a misspelt filter would otherwise be
   * ignored, and a researcher would read every article as the filtered ones.
   */
  static SearchRequest search(Context ctx, String... own) {
    List<String> taken = new ArrayList<>(SEARCH_PARAMETERS);
    taken.addAll(List.of(own));
    QueryParameters.only(ctx, taken);
    return new SearchRequest(
        ctx.queryParam("q"),
        list(ctx, "source"),
        list(ctx, "lang"),
        time(ctx, "from", false),
        time(ctx, "to", true),
        SortOrder.parse(ctx.queryParam("sort")),
        integer(ctx, "size", SearchRequest.DEFAULT_SIZE),
        blankToNull(ctx.queryParam("cursor")),
        list(ctx, "place"),
        bool(ctx, "explain"));
  }

  /**
   * {@code true} or {@code false} (any case); absent or blank is false; anything else is refused.
   */
  static boolean bool(Context ctx, String name) {
    String v = blankToNull(ctx.queryParam(name));
    if (v == null || v.equalsIgnoreCase("false")) {
      return false;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    // The value is echoed cut short: a parameter can be kilobytes long.
    String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
    throw new IllegalArgumentException(name + " must be true or false, was '" + shown + "'");
  }

  /**
   * A repeated parameter or a comma-separated one: {@code source=a&source=b} = {@code source=a,b}.
   */
  static List<String> list(Context ctx, String name) {
    List<String> values = new ArrayList<>();
    for (String v : ctx.queryParams(name)) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
    }
    return values;
  }

  /**
   * An ISO-8601 instant ({@code 2026-03-01T12:00:00Z}) or a date ({@code 2026-03-01}, UTC). A date
   * as {@code to} includes that whole day.
   */
  static Instant time(Context ctx, String name, boolean endOfDay) {
    String v = blankToNull(ctx.queryParam(name));
    if (v == null) {
      return null;
    }
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + " must be a date (2026-03-01) or an ISO-8601 UTC time (2026-03-01T12:00:00Z), was '"
              + v
              + "'");
    }
  }

  static int integer(Context ctx, String name, int fallback) {
    String v = blankToNull(ctx.queryParam(name));
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
    }
  }

  static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
