package org.newswatch.index.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.newswatch.common.web.ProblemException;

/**
 * The researchers' page on the service's own port: one HTML document, its script and style, and the
 * charting library from its WebJar. The page itself needs no key; it asks for one and sends it on
 * every API call.
 */
public final class PageRoutes {
  /** The ECharts WebJar version in this module's pom. */
  static final String ECHARTS = "5.3.1";

  private static final String PAGE = "/org/newswatch/index/page/";
  private static final Map<String, String> ASSETS =
      Map.of(
          "search.js", "text/javascript; charset=utf-8",
          "search.css", "text/css; charset=utf-8",
          "place-map.js", "text/javascript; charset=utf-8",
          "stories.js", "text/javascript; charset=utf-8",
          // The map's outline (RFC 7946 GeoJSON, drawn by place-map.js): no tile server is
          // reachable.
          "border-region.geojson", "application/geo+json");

  public void register(RoutesConfig r) {
    r.get("/", this::page);
    r.get("/assets/{file}", this::asset);
    r.get("/webjars/echarts/echarts.min.js", this::echarts);
  }

  void page(Context ctx) throws IOException {
    // The page loads scripts from this origin only; snippets are the only server-made HTML.
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    send(ctx, PAGE + "index.html", "text/html; charset=utf-8");
  }

  void asset(Context ctx) throws IOException {
    String file = ctx.pathParam("file");
    String type = ASSETS.get(file);
    if (type == null) {
      throw ProblemException.notFound("no such asset: " + file);
    }
    send(ctx, PAGE + file, type);
  }

  void echarts(Context ctx) throws IOException {
    ctx.header("Cache-Control", "public, max-age=86400");
    send(
        ctx,
        "/META-INF/resources/webjars/echarts/" + ECHARTS + "/dist/echarts.min.js",
        "text/javascript; charset=utf-8");
  }

  private static void send(Context ctx, String resource, String type) throws IOException {
    try (InputStream in = PageRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw ProblemException.notFound("missing resource " + resource);
      }
      ctx.contentType(type).result(in.readAllBytes());
    }
  }
}
