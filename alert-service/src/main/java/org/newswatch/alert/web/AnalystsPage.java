package org.newswatch.alert.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The analysts' page at {@code /}: one static document; it signs in with a key and talks to /api/.
 */
public final class AnalystsPage {
  private static final String RESOURCE = "/org/newswatch/alert/web/analysts.html";

  private AnalystsPage() {}

  public static void register(RoutesConfig r) {
    r.get("/", AnalystsPage::serve);
  }

  private static void serve(Context ctx) throws IOException {
    try (var in = AnalystsPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("analysts.html missing from the jar");
      }
      // The page's style and script are inline; everything else only from this service.
      ctx.contentType("text/html; charset=utf-8")
          .header(
              "Content-Security-Policy",
              "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
          .result(in.readAllBytes());
    }
  }
}
