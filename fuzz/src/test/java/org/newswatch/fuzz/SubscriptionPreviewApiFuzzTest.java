package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.alert.preview.RecentArticles;
import org.newswatch.alert.web.PreviewRoutes;
import org.newswatch.common.Json;
import org.newswatch.common.model.Article;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.Problem;
import org.newswatch.common.web.ServiceHttp;
import org.newswatch.common.web.StaticHttpServer;

/**
 * Fuzzes a real HTTP route's body handling: {@code POST /api/subscriptions/preview} of
 * alert-service (its {@link PreviewRoutes} on the service's own {@link ServiceHttp}, on loopback)
 * with index-service's export stood in for by a loopback server of two articles. The body goes
 * through Javalin, {@code Json}, the subscription's validation and the query parser, as in
 * production. Any answer but a 500 is acceptable (200 with matches, or a 4xx problem saying what is
 * wrong); a 500 means an exception escaped the route.
 */
@ExtendWith(FuzzSummary.class)
class SubscriptionPreviewApiFuzzTest {
  private static final String KEY = "fuzz-admin-key";
  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/json; charset=utf-16",
  };
  private static StaticHttpServer index;
  private static ServiceHttp alert;
  private static HttpClient client;
  private static URI preview;

  @BeforeAll
  static void start() {
    Instant now = Instant.now();
    String export =
        Json.toString(
                article(
                    "a1",
                    "Border crossing at Taftan reopens",
                    "Trucks crossed the border at Taftan.",
                    "en",
                    now))
            + "\n"
            + Json.toString(article("a2", "بلوچستان میں بارش", "کوئٹہ میں شدید بارش", "ur", now))
            + "\n";
    index = StaticHttpServer.start(0).put("/api/export", "application/x-ndjson", export);
    PreviewRoutes routes =
        new PreviewRoutes(new RecentArticles(URI.create(index.url(""))), Clock.systemUTC());
    alert =
        ServiceHttp.builder("alert-service")
            .host("127.0.0.1")
            .port(0)
            .meters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .keys(key -> KEY.equals(key) ? Optional.of(Principal.ADMIN) : Optional.empty())
            .routes(routes::register)
            .start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    preview = URI.create("http://127.0.0.1:" + alert.port() + "/api/subscriptions/preview");
  }

  @AfterAll
  static void stop() {
    alert.close();
    index.close();
    client.close();
  }

  @FuzzTest(maxDuration = "12s")
  void post(FuzzedDataProvider data) throws IOException, InterruptedException {
    FuzzSummary.executed();
    String contentType = data.pickValue(CONTENT_TYPES);
    byte[] body = data.consumeRemainingAsBytes();
    HttpRequest request =
        HttpRequest.newBuilder(preview)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response =
        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertNotEquals(
        500,
        response.statusCode(),
        () -> "500 for body " + new String(body, StandardCharsets.UTF_8) + ": " + response.body());
    if (response.statusCode() != 200) {
      // Refusals are RFC 7807 problems that say what is wrong.
      assertEquals(
          Problem.CONTENT_TYPE,
          response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip());
    }
  }

  private static Article article(
      String id, String title, String body, String language, Instant at) {
    return new Article(
        Article.SCHEMA,
        id,
        "https://news.example.org/" + id,
        null,
        "feed-1",
        "Example",
        title,
        body,
        List.of(),
        language,
        at,
        at,
        null,
        null,
        null);
  }
}
