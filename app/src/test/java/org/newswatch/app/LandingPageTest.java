package org.newswatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.common.web.StaticHttpServer;

/** The landing page, against stand-in services on loopback: one healthy, one not, one gone. */
class LandingPageTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void showsEachServiceHealthAndIsReadyOnlyWhenAllAre() throws Exception {
    try (StaticHttpServer up = StaticHttpServer.start(0);
        StaticHttpServer down = StaticHttpServer.start(0)) {
      up.put(
          "/health",
          "application/json",
          "{\"service\":\"index-service\",\"status\":\"UP\",\"reasons\":[]}");
      down.handle(
          "/health",
          exchange -> {
            byte[] body =
                "{\"status\":\"DOWN\",\"reasons\":[\"catching up: 120 articles behind\"]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
          });
      int gone = freePort();
      try (LandingPage page =
          LandingPage.start(
              0,
              new LandingPage.Service("index-service", "search", up.port(), "/api/search?q=x"),
              new LandingPage.Service("alert-service", "alerts", down.port(), "/api/alerts"),
              new LandingPage.Service("ingest-service", "feeds", gone, "/api/feeds"))) {
        HttpResponse<String> health = get(page.port(), "/health");
        assertEquals(503, health.statusCode());
        assertTrue(
            health.body().contains("alert-service: catching up: 120 articles behind"),
            health.body());
        assertTrue(
            health.body().contains("ingest-service: not answering on port " + gone), health.body());

        HttpResponse<String> html = get(page.port(), "/");
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String body = html.body();
        assertTrue(
            body.contains("href=\"http://127.0.0.1:" + up.port() + "/api/openapi.json\""), body);
        assertTrue(body.contains("<td class=\"up\">UP</td>"), body);
        assertTrue(body.contains("catching up: 120 articles behind"), body);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "example.org:8080, example.org",
    "localhost, localhost",
    "[::1]:8080, [::1]",
    "'', localhost",
    "'evil\"><script>:80', localhost"
  })
  void linksUseTheHostTheBrowserUsed(String header, String host) {
    assertEquals(host, LandingPage.hostOf(header));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
