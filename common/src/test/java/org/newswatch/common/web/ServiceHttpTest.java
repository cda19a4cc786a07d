package org.newswatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.common.Json;

class ServiceHttpTest {
  private static final String ADMIN = "admin-key-for-tests-0123456789";
  private static final String ANALYST = "analyst-key-for-tests-0123456789";
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
  private ServiceHttp http;

  @BeforeEach
  void start() {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters.counter("newswatch_test_calls").increment();
    KeyChecker keys =
        key ->
            key.equals(ADMIN)
                ? Optional.of(Principal.ADMIN)
                : key.equals(ANALYST)
                    ? Optional.of(new Principal("a1", "Ann", false))
                    : Optional.empty();
    http =
        ServiceHttp.builder("test")
            .host("127.0.0.1")
            .port(0)
            .meters(meters)
            .health(problems::get)
            .keys(keys)
            .routes(
                r -> {
                  r.get("/api/whoami", ctx -> ctx.json(ServiceHttp.principal(ctx)));
                  r.post("/api/admin-only", ctx -> ctx.json(ServiceHttp.requireAdmin(ctx)));
                  r.get(
                      "/api/bad",
                      ctx -> {
                        throw ProblemException.badRequest("q: unbalanced quote at 4");
                      });
                })
            .start();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void apiWithoutKeyIs401ProblemJson() throws Exception {
    HttpResponse<String> r = get("/api/whoami", null);
    assertEquals(401, r.statusCode());
    assertEquals(Problem.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(401, Json.fromString(r.body(), Problem.class).status());
  }

  @Test
  void unknownKeyIs401AndKnownKeyNamesItsHolder() throws Exception {
    assertEquals(401, get("/api/whoami", "guess").statusCode());
    HttpResponse<String> r = get("/api/whoami", ANALYST);
    assertEquals(200, r.statusCode());
    assertEquals("a1", Json.fromString(r.body(), Principal.class).id());
  }

  @Test
  void analystCannotDoWhatOnlyTheAdminMay() throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/api/admin-only"))
            .POST(HttpRequest.BodyPublishers.noBody());
    assertEquals(
        403,
        client
            .send(
                b.header("Authorization", "Bearer " + ANALYST).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(
        200,
        client
            .send(
                b.setHeader("Authorization", "Bearer " + ADMIN).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }

  @Test
  void handlerProblemKeepsItsDetail() throws Exception {
    HttpResponse<String> r = get("/api/bad", ADMIN);
    assertEquals(400, r.statusCode());
    assertEquals("q: unbalanced quote at 4", Json.fromString(r.body(), Problem.class).detail());
  }

  @Test
  void unknownPathIs404ProblemJson() throws Exception {
    HttpResponse<String> r = get("/nothing-here", null);
    assertEquals(404, r.statusCode());
    assertTrue(
        r.headers().firstValue("Content-Type").orElseThrow().startsWith(Problem.CONTENT_TYPE));
  }

  @Test
  void healthIs503WithReasonsUntilReady() throws Exception {
    problems.set(List.of("kafka: not connected"));
    HttpResponse<String> down = get("/health", null);
    assertEquals(503, down.statusCode());
    assertEquals(
        List.of("kafka: not connected"), Json.fromString(down.body(), Map.class).get("reasons"));
    problems.set(List.of());
    assertEquals(200, get("/health", null).statusCode());
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    HttpResponse<String> r = get("/metrics", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("newswatch_test_calls_total 1.0"), r.body());
  }
}
