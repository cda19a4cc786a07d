package org.newswatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.newswatch.common.Json;
import org.newswatch.common.web.ServiceHttp;

/**
 * The page on 8080 ({@code NEWSWATCH_PORT}) that links the three services' pages and APIs and shows
 * their {@code /health}. Its own {@code /health} is ready only when all three are. It never shows
 * the admin key: the page is served on every interface.
 */
final class LandingPage implements AutoCloseable {
  /**
   * Waiting longer for a service's health would only make the page slow; 2 s means "not answering".
   */
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  /** One service on the page: its name, what it is for, its port and one API call worth trying. */
  record Service(String name, String purpose, int port, String exampleApi) {}

  /** A service's answer to {@code GET /health}: up or not, and why not. */
  record Health(boolean up, List<String> reasons) {}

  private final ServiceHttp http;

  private LandingPage(ServiceHttp http) {
    this.http = http;
  }

  static LandingPage start(int port, Service... services) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build();
    List<Service> list = List.of(services);
    ServiceHttp http =
        ServiceHttp.builder("newswatch")
            .port(port)
            .health(() -> problems(client, list))
            .routes(r -> r.get("/", ctx -> page(ctx, client, list)))
            .start();
    return new LandingPage(http);
  }

  int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
  }

  private static List<String> problems(HttpClient client, List<Service> services) {
    List<String> problems = new ArrayList<>();
    for (Service s : services) {
      Health h = health(client, s.port());
      if (!h.up()) {
        problems.add(
            s.name()
                + ": "
                + (h.reasons().isEmpty() ? "not ready" : String.join("; ", h.reasons())));
      }
    }
    return problems;
  }

  static Health health(HttpClient client, int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(HEALTH_TIMEOUT)
            .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      List<String> reasons = new ArrayList<>();
      try {
        JsonNode body = Json.MAPPER.readTree(response.body());
        body.path("reasons").forEach(r -> reasons.add(r.asText()));
      } catch (IOException e) {
        reasons.add(
            "health answered HTTP " + response.statusCode() + " with a body that is not JSON");
      }
      return new Health(response.statusCode() == 200, reasons);
    } catch (IOException e) {
      return new Health(
          false,
          List.of("not answering on port " + port + " (" + e.getClass().getSimpleName() + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(false, List.of("interrupted"));
    }
  }

  private static void page(Context ctx, HttpClient client, List<Service> services) {
    // Links use the host name the browser used, so the page works from another machine too.
    String host = hostOf(ctx.host());
    StringBuilder rows = new StringBuilder();
    for (Service s : services) {
      String base = "http://" + host + ":" + s.port();
      Health h = health(client, s.port());
      rows.append("<tr><td><a href=\"")
          .append(base)
          .append("/\">")
          .append(Html.escape(s.name()))
          .append("</a><br><small>")
          .append(Html.escape(s.purpose()))
          .append("</small></td><td class=\"")
          .append(h.up() ? "up" : "down")
          .append("\">")
          .append(h.up() ? "UP" : "DOWN");
      for (String reason : h.reasons()) {
        rows.append("<br><small>").append(Html.escape(reason)).append("</small>");
      }
      rows.append("</td><td>")
          .append(link(base, "/api/openapi.json"))
          .append(" · ")
          .append(link(base, "/health"))
          .append(" · ")
          .append(link(base, "/metrics"))
          .append("<br><code>curl -H 'Authorization: Bearer $KEY' '")
          .append(Html.escape(base + s.exampleApi()))
          .append("'</code></td></tr>\n");
    }
    ctx.contentType("text/html; charset=utf-8")
        .result(
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Newswatch</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.6rem;text-align:left;vertical-align:top}
            .up{color:#176317;font-weight:bold}.down{color:#a31515;font-weight:bold}code{font-size:.85em;word-break:break-all}
            </style></head><body>
            <h1>Newswatch</h1>
            <p>News feeds → Kafka → Lucene search and alerts. Every <code>/api/</code> call needs
            <code>Authorization: Bearer &lt;key&gt;</code>: the admin key printed at first start (kept in the
            data folder as <code>admin.key</code>) or an analyst's key.</p>
            <table><thead><tr><th>service</th><th>health</th><th>API</th></tr></thead><tbody>
            %s</tbody></table>
            </body></html>
            """
                .replace("%s", rows));
  }

  private static String link(String base, String path) {
    return "<a href=\"" + Html.escape(base + path) + "\">" + Html.escape(path) + "</a>";
  }

  /**
   * The host part of a Host header ({@code example.org:8080}, {@code [::1]:8080}), else localhost.
   */
  static String hostOf(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return "localhost";
    }
    String h = hostHeader.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(0, end + 1) : "localhost";
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    // Only host-name characters: the value goes into links on the page.
    return name.matches("[A-Za-z0-9.-]+") ? name : "localhost";
  }
}
