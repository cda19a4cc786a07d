package org.newswatch.common.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose query names a parameter the endpoint does not take. A misspelt filter
 * ({@code language=ur}, {@code subscriptoin=…}) would otherwise be ignored, and the caller would
 * read everything as if it were the filtered list.
 */
public final class QueryParameters {
  private QueryParameters() {}

  /** Names people reach for first, with the one this API uses. */
  private static final Map<String, String> MEANT =
      Map.of(
          "language", "lang",
          "query", "q",
          "limit", "size",
          "since", "from",
          "sources", "source",
          "places", "place",
          "order", "sort",
          "until", "to");

  /**
   * @param taken every parameter the endpoint reads, in the order the error lists them
   * @throws ProblemException a 400 naming the first unknown parameter and what the endpoint takes
   */
  public static void only(Context ctx, List<String> taken) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!taken.contains(name)) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        String meant = MEANT.get(name);
        String hint =
            meant != null && taken.contains(meant) ? " (did you mean " + meant + "?)" : "";
        throw ProblemException.badRequest(
            "unknown parameter '"
                + shown
                + "'"
                + hint
                + ": "
                + ctx.path()
                + (taken.isEmpty() ? " takes none" : " takes " + String.join(", ", taken)));
      }
    }
  }
}
