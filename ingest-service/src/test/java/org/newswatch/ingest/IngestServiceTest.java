package org.newswatch.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Hashes;
import org.newswatch.common.Json;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.feed.FeedStatus;

/** The whole service: feeds file → news.feeds → polls → news.articles, restarts, and /api/feeds. */
@ExtendWith(KafkaBrokerExtension.class)
class IngestServiceTest {
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final String ANALYST = "analyst-key-0123456789abcdef";

  @TempDir Path dir;
  private KafkaBroker broker;
  private Topics topics;
  private StaticHttpServer server;
  private IngestService service;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp(KafkaBroker broker) throws IOException {
    this.broker = broker;
    topics = broker.newTopics();
    server = StaticHttpServer.start(0);
    server
        .put("/feed.xml", "application/rss+xml", Fixtures.bytes("voa-rss2.xml"))
        .put("/articles/border-attack.html", "text/html", Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", "text/html", Fixtures.bytes("cricket.html"))
        .handle(
            "/broken.xml",
            exchange -> {
              exchange.sendResponseHeaders(500, -1);
              exchange.close();
            });
    Files.writeString(
        dir.resolve("feeds.yaml"),
        """
        feeds:
          - {id: missing, url: "%s", source: Nowhere, language: en, interval: 1h}
          - {id: broken, url: "%s", source: Broken, language: en, interval: 1h}
          - {id: voa, url: "%s", source: VOA, language: en, interval: 1h}
        """
            .formatted(
                server.url("/missing.xml"), server.url("/broken.xml"), server.url("/feed.xml")));
  }

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
    server.close();
    http.close();
  }

  private IngestService start() {
    return start(0);
  }

  private IngestService start(int port) {
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(),
            topics,
            dir.resolve("data"),
            port,
            true,
            ADMIN,
            "https://example.org/c");
    return IngestService.start(
        ctx, dir.resolve("feeds.yaml"), IngestOptions.defaults().withInitialSpread(Duration.ZERO));
  }

  /** Threads of this test's ingest Kafka clients (named after the instance, "ingest-…"). */
  private static List<String> ingestClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.contains("| ingest-"))
        .toList();
  }

  @Test
  void aStartThatFailsAfterMakingTheProducerLeavesNoKafkaClientRunning() throws IOException {
    // Tried: the dedup store's file is a folder, so opening the store fails once the service has
    // begun making its parts (the producer was made before it, and was left running).
    Files.createDirectories(dir.resolve("data").resolve("seen.tsv"));

    assertThrows(RuntimeException.class, this::start);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertEquals(List.of(), ingestClientThreads()));
  }

  @Test
  void aStartThatFailsOnATakenPortLeavesNoKafkaClientRunning() throws IOException {
    // Tried: the HTTP port is taken, so the start fails last, with every reader, the linker and
    // the producer running.
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThrows(RuntimeException.class, () -> start(taken.getLocalPort()));
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertEquals(List.of(), ingestClientThreads()));
  }

  private long polls(String feedId) {
    return service.statuses().get(feedId).map(FeedStatus::polls).orElse(0L);
  }

  @Test
  void pollsEveryFeedAndShowsFailuresWhileTheOthersGoOn() {
    service = start();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> polls("voa") >= 1 && polls("missing") >= 1 && polls("broken") >= 1);
    Fixtures.awaitLinked(broker.bootstrapServers(), topics);
    assertEquals(2, Fixtures.articles(broker.bootstrapServers(), topics.articles()).size());
    FeedStatus missing = service.statuses().get("missing").orElseThrow();
    assertEquals(404, missing.lastHttpStatus());
    assertEquals("http-error", missing.lastOutcome());
    assertTrue(missing.nextPollAt().isAfter(Instant.now()), "a failed feed is polled again later");
    assertEquals(500, service.statuses().get("broken").orElseThrow().lastHttpStatus());
    assertEquals(2, service.statuses().get("voa").orElseThrow().itemsNew());
  }

  @Test
  void restartDoesNotRepublish() {
    service = start();
    await().atMost(Duration.ofSeconds(60)).until(() -> polls("voa") >= 1);
    Fixtures.awaitLinked(broker.bootstrapServers(), topics);
    assertEquals(2, Fixtures.articles(broker.bootstrapServers(), topics.articles()).size());
    service.close();

    service = start(); // same data folder, same topics
    await().atMost(Duration.ofSeconds(60)).until(() -> polls("voa") >= 1);

    Fixtures.awaitLinked(broker.bootstrapServers(), topics);
    assertEquals(2, Fixtures.articles(broker.bootstrapServers(), topics.articles()).size());
    assertEquals(0, service.statuses().get("voa").orElseThrow().itemsNew());
    assertEquals(2, service.statuses().get("voa").orElseThrow().itemsUnchanged());
  }

  @Test
  void apiNeedsAKeyAndTheAdminToChangeFeeds() throws Exception {
    service = start();
    addAnalyst();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", "/api/feeds", ANALYST, null).statusCode() == 200);

    HttpResponse<String> anonymous = call("GET", "/api/feeds", null, null);
    assertEquals(401, anonymous.statusCode());
    assertEquals(
        "application/problem+json", anonymous.headers().firstValue("Content-Type").orElse(""));

    String body =
        "{\"id\":\"extra\",\"url\":\"" + server.url("/feed.xml") + "\",\"interval\":\"30s\"}";
    assertEquals(403, call("POST", "/api/feeds", ANALYST, body).statusCode());
    assertEquals(403, call("DELETE", "/api/feeds/voa", ANALYST, null).statusCode());

    HttpResponse<String> bad =
        call("POST", "/api/feeds", ADMIN, "{\"id\":\"Bad Id!\",\"url\":\"ftp://x\"}");
    assertEquals(400, bad.statusCode());
    assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
    assertTrue(
        Json.MAPPER.readTree(bad.body()).get("detail").asText().contains("feed id"), bad.body());
    assertEquals(400, call("POST", "/api/feeds", ADMIN, "not json").statusCode());
    assertEquals(
        400,
        call(
                "POST",
                "/api/feeds",
                ADMIN,
                "{\"id\":\"x\",\"url\":\"https://e.org/f\",\"interval\":\"often\"}")
            .statusCode());
    // A misspelt interval would leave the feed on the default hour: refused, naming it.
    HttpResponse<String> typo =
        call(
            "POST",
            "/api/feeds",
            ADMIN,
            "{\"id\":\"x\",\"url\":\"https://e.org/f\",\"intervall\":\"5m\"}");
    assertEquals(400, typo.statusCode());
    assertTrue(
        Json.MAPPER
            .readTree(typo.body())
            .get("detail")
            .asText()
            .startsWith("unknown field 'intervall' (did you mean interval?)"),
        typo.body());

    assertEquals(201, call("POST", "/api/feeds", ADMIN, body).statusCode());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", "/api/feeds/extra", ANALYST, null).statusCode() == 200);
    JsonNode extra = Json.MAPPER.readTree(call("GET", "/api/feeds/extra", ANALYST, null).body());
    assertEquals("30s", extra.get("interval").asText());

    await().atMost(Duration.ofSeconds(60)).until(() -> polls("voa") >= 1);
    JsonNode voa = Json.MAPPER.readTree(call("GET", "/api/feeds/voa", ANALYST, null).body());
    assertEquals(200, voa.at("/status/lastHttpStatus").asInt());
    assertTrue(voa.at("/status/nextPollAt").isTextual());
    JsonNode list = Json.MAPPER.readTree(call("GET", "/api/feeds", ANALYST, null).body());
    assertEquals(4, list.get("items").size());

    assertEquals(403, call("POST", "/api/feeds/voa/poll", ANALYST, null).statusCode());
    assertEquals(404, call("POST", "/api/feeds/nope/poll", ADMIN, null).statusCode());
    long before = polls("voa");
    assertEquals(202, call("POST", "/api/feeds/voa/poll", ADMIN, null).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(() -> polls("voa") > before);

    assertEquals(204, call("DELETE", "/api/feeds/extra", ADMIN, null).statusCode());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", "/api/feeds/extra", ADMIN, null).statusCode() == 404);
    assertEquals(404, call("DELETE", "/api/feeds/nope", ADMIN, null).statusCode());
  }

  @Test
  void refusesAFeedOnAnInternalAddressWhenPrivateFeedsAreNotAllowed() throws Exception {
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(), topics, dir.resolve("data"), 0, false, ADMIN, null);
    Files.writeString(dir.resolve("empty.yaml"), "feeds:\n");
    service = IngestService.start(ctx, dir.resolve("empty.yaml"), IngestOptions.defaults());
    HttpResponse<String> r =
        call(
            "POST",
            "/api/feeds",
            ADMIN,
            "{\"id\":\"meta\",\"url\":\"http://169.254.169.254/latest\"}");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("169.254.169.254"), r.body());
  }

  @Test
  void servesHealthMetricsAndOpenApi() throws Exception {
    service = start();
    await().atMost(Duration.ofSeconds(60)).until(() -> polls("voa") >= 1);
    HttpResponse<String> health = call("GET", "/health", null, null);
    assertEquals(200, health.statusCode(), health.body());
    String metrics = call("GET", "/metrics", null, null).body();
    assertTrue(
        metrics.contains("newswatch_ingest_polls_total{outcome=\"ok\",service=\"ingest-service\"}"),
        metrics);
    assertTrue(
        metrics.contains(
            "newswatch_ingest_items_total{result=\"new\",service=\"ingest-service\"} 2.0"),
        metrics);
    assertTrue(metrics.contains("newswatch_ingest_fetch_seconds_bucket"), metrics);
    assertTrue(metrics.contains("newswatch_ingest_feeds_flagged"), metrics);
    assertTrue(
        metrics.contains("newswatch_ingest_feeds_overdue{service=\"ingest-service\"} 0.0"),
        metrics);
    assertTrue(
        metrics.contains("newswatch_ingest_feeds_polled{service=\"ingest-service\"} 3.0"), metrics);
    JsonNode openApi = Json.MAPPER.readTree(call("GET", "/api/openapi.json", null, null).body());
    assertEquals("3.1.0", openApi.get("openapi").asText());
    assertTrue(openApi.at("/paths/~1api~1feeds~1{id}").isObject());
  }

  private void addAnalyst() throws Exception {
    Analyst analyst =
        new Analyst(
            Analyst.SCHEMA, "an-1", "Analyst One", Hashes.sha256Hex(ANALYST), false, Instant.now());
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(KafkaSettings.producer(broker.bootstrapServers(), "test"))) {
      p.send(new ProducerRecord<>(topics.analysts().name(), analyst.id(), Json.toBytes(analyst)))
          .get();
    }
  }

  private HttpResponse<String> call(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pollNowDuringARunningPollIsNotLost() throws Exception {
    // The feed answers its first request only when the test lets it, so "poll now" arrives while
    // that poll is running; the reschedule at its end must not swallow the request.
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger requests =
        new java.util.concurrent.atomic.AtomicInteger();
    byte[] feed = Fixtures.bytes("voa-rss2.xml");
    server.handle(
        "/slow.xml",
        exchange -> {
          if (requests.incrementAndGet() == 1) {
            try {
              release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, feed.length);
          exchange.getResponseBody().write(feed);
        });
    Files.writeString(
        dir.resolve("slow.yaml"),
        "feeds:\n  - {id: slow, url: '%s', interval: 1h}\n".formatted(server.url("/slow.xml")));
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(), topics, dir.resolve("slow-data"), 0, true, ADMIN, null);
    service =
        IngestService.start(
            ctx,
            dir.resolve("slow.yaml"),
            IngestOptions.defaults().withInitialSpread(Duration.ofMillis(100)));
    await().atMost(Duration.ofSeconds(30)).until(() -> requests.get() == 1);

    assertTrue(service.pollNow("slow"));
    release.countDown();

    // With a 1 h interval, only the request made during the poll can bring a second fetch.
    await().atMost(Duration.ofSeconds(30)).until(() -> requests.get() >= 2);
  }
}
