package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.web.AnalystLimits;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.Problem;

/** Issue 11 item 9: per-analyst limits, each answered with a problem that names the limit. */
@ExtendWith(KafkaBrokerExtension.class)
class AnalystLimitsTest {
  @TempDir Path dataDir;
  private ServiceFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void countLimitsAnswer409Or400NamingTheLimit(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir);
    fx.settings = new AlertSettings(Optional.empty(), null, null, new AnalystLimits(3, 4, 5, 2, 2));
    fx.start();
    String key = fx.newAnalyst("Busy");
    for (int i = 0; i < 3; i++) {
      assertEquals(
          201, fx.api.post("/api/subscriptions", key, Map.of("query", "panjgur " + i)).status());
    }
    // Hostile: a fourth subscription past the limit.
    Api.Answer fourth = fx.api.post("/api/subscriptions", key, Map.of("query", "kech"));
    assertEquals(409, fourth.status(), fourth.body());
    assertEquals(Problem.CONTENT_TYPE, fourth.contentType());
    assertTrue(
        fourth.json().get("detail").asText().contains(AnalystLimits.SUBSCRIPTIONS), fourth.body());
    // The admin's built-in topics are not counted against anyone, and the admin has no limit.
    assertEquals(
        201,
        fx.api.post("/api/subscriptions", ServiceFixture.ADMIN, Map.of("query", "kech")).status());

    String other = fx.newAnalyst("Other");
    // Hostile: five atom channels where four are allowed.
    List<Map<String, String>> channels = Collections.nCopies(5, Map.of("type", "atom"));
    Api.Answer tooManyChannels =
        fx.api.post("/api/subscriptions", other, Map.of("query", "kech", "channels", channels));
    assertEquals(400, tooManyChannels.status(), tooManyChannels.body());
    assertTrue(
        tooManyChannels.json().get("detail").asText().contains(AnalystLimits.CHANNELS),
        tooManyChannels.body());

    // Hostile: six weighted lines where five are allowed.
    StringBuilder weighted = new StringBuilder("weighted threshold=1");
    for (int i = 0; i < 6; i++) {
      weighted.append("\n1: word").append(i);
    }
    Api.Answer tooManyLines =
        fx.api.post("/api/subscriptions", other, Map.of("query", weighted.toString()));
    assertEquals(400, tooManyLines.status(), tooManyLines.body());
    assertTrue(
        tooManyLines.json().get("detail").asText().contains(AnalystLimits.WEIGHTED_LINES),
        tooManyLines.body());

    // A PUT cannot get round the count limits either.
    String id =
        fx.api.post("/api/subscriptions", other, Map.of("query", "kech")).json().get("id").asText();
    Api.Answer put =
        fx.api.put(
            "/api/subscriptions/" + id, other, Map.of("query", "kech", "channels", channels));
    assertEquals(400, put.status(), put.body());
  }

  @Test
  void streamsPastTheLimitAnswer429WithRetryAfter(KafkaBroker broker) throws Exception {
    fx = new ServiceFixture(broker, dataDir);
    fx.settings = new AlertSettings(Optional.empty(), null, null, new AnalystLimits(3, 4, 5, 2, 2));
    fx.start();
    String key = fx.newAnalyst("Watcher");
    String other = fx.newAnalyst("Neighbour");
    List<SseListener> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        SseListener l = SseListener.open(fx.service.port(), key);
        open.add(l);
        await().atMost(Duration.ofSeconds(30)).until(l::connected);
      }
      // Hostile: a third stream while two are open.
      HttpResponse<String> third =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + fx.service.port() + "/api/alerts/stream"))
                      .header("Authorization", "Bearer " + key)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(429, third.statusCode(), third.body());
      assertTrue(third.headers().firstValue("Retry-After").isPresent(), third.headers().toString());
      assertEquals(Problem.CONTENT_TYPE, third.headers().firstValue("Content-Type").orElse(""));
      assertTrue(third.body().contains(AnalystLimits.STREAMS), third.body());
      // Another analyst is not held back by this one's streams.
      SseListener neighbour = SseListener.open(fx.service.port(), other);
      open.add(neighbour);
      await().atMost(Duration.ofSeconds(30)).until(neighbour::connected);
      // A stream that ends frees its place.
      open.get(0).close();
      open.remove(0);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                SseListener again = SseListener.open(fx.service.port(), key);
                open.add(again);
                await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> again.connected() || again.ended());
                return again.connected();
              });
    } finally {
      open.forEach(SseListener::close);
    }
  }
}
