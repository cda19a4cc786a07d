package org.newswatch.ingest.websub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Feed;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.ServiceHttp;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.Fixtures;
import org.newswatch.ingest.IngestMetrics;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.feed.FeedPoller;
import org.newswatch.ingest.feed.FeedStateStore;
import org.newswatch.ingest.feed.FeedStatusBoard;
import org.newswatch.ingest.feed.NextPoll;
import org.newswatch.ingest.feed.PollBounds;
import org.newswatch.ingest.feed.PollReport;
import org.newswatch.ingest.fetch.FetchLimits;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.newswatch.ingest.item.ItemIngester;
import org.newswatch.ingest.publish.ArticlePublisher;
import org.newswatch.ingest.publish.SeenStore;

/** WebSub against a hub played by this test on a loopback server, and a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class WebSubTest {
  @TempDir Path dir;
  private KafkaBroker broker;
  private Topics topics;
  private StaticHttpServer server;
  private Producer<String, byte[]> producer;
  private SeenStore seen;
  private FeedStateStore states;
  private HttpFetcher fetcher;
  private WebSubSubscriber websub;
  private ServiceHttp callback;
  private FeedPoller poller;
  private final List<Map<String, String>> hubRequests = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp(KafkaBroker broker) {
    this.broker = broker;
    topics = broker.newTopics();
    server = StaticHttpServer.start(0);
    server
        .put("/articles/border-attack.html", "text/html", Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", "text/html", Fixtures.bytes("cricket.html"))
        .put("/feed.xml", "application/rss+xml", feed(false))
        .handle(
            "/hub",
            ex -> {
              String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
              Map<String, String> fields = new LinkedHashMap<>();
              for (String pair : form.split("&")) {
                String[] kv = pair.split("=", 2);
                fields.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
              }
              hubRequests.add(fields);
              ex.sendResponseHeaders(202, -1);
              ex.close();
            });
    producer =
        new KafkaProducer<>(KafkaSettings.producer(broker.bootstrapServers(), "websub-test"));
    seen = SeenStore.open(dir);
    states = FeedStateStore.open(dir);
    fetcher = new HttpFetcher(new AddressGuard(true), FetchLimits.DEFAULT, "https://example.org/c");
    IngestMetrics pollMetrics = new IngestMetrics(new SimpleMeterRegistry());
    ItemIngester ingester =
        new ItemIngester(
            fetcher,
            new ArticleExtractor(),
            new ArticlePublisher(producer, topics.articles()),
            seen,
            pollMetrics,
            Clock.systemUTC());
    poller =
        new FeedPoller(
            fetcher, ingester, seen, states, new FeedStatusBoard(), pollMetrics, Clock.systemUTC());
    websub =
        new WebSubSubscriber(
            fetcher, () -> "http://127.0.0.1:" + callback.port(), Clock.systemUTC());
    callback =
        ServiceHttp.builder("websub-test").host("127.0.0.1").port(0).routes(websub::routes).start();
    poller.useWebSub(websub);
  }

  @AfterEach
  void tearDown() {
    callback.close();
    websub.close();
    fetcher.close();
    seen.close();
    states.close();
    producer.close();
    server.close();
    http.close();
  }

  /** The VOA-like fixture advertising the test's hub; with a third item when {@code updated}. */
  private String feed(boolean updated) {
    String xml =
        new String(Fixtures.bytes("voa-rss2.xml"), StandardCharsets.UTF_8)
            .replace(
                "<ttl>15</ttl>",
                "<atom:link rel=\"hub\" href=\""
                    + server.url("/hub")
                    + "\"/>"
                    + "<atom:link rel=\"self\" href=\""
                    + server.url("/feed.xml")
                    + "\"/>");
    if (updated) {
      xml =
          xml.replace(
              "<item>",
              "<item><title>Pushed: Taftan crossing closed again</title><link>/articles/taftan.html</link>"
                  + "<guid isPermaLink=\"false\">voa-1003</guid><description>The crossing at Taftan was closed again on Saturday after "
                  + "an attack on a convoy near the border, officials in Quetta said.</description></item><item>");
    }
    return xml;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void subscribesVerifiesAndTurnsASignedPushIntoArticles() throws Exception {
    Feed feed = new Feed("hubbed", server.url("/feed.xml"), "VOA", "en", Duration.ofMinutes(5));
    poller.poll(feed);

    // §5.1: the subscription request.
    assertEquals(1, hubRequests.size());
    Map<String, String> request = hubRequests.get(0);
    assertEquals("subscribe", request.get("hub.mode"));
    assertEquals(server.url("/feed.xml"), request.get("hub.topic"));
    String callbackUrl = request.get("hub.callback");
    assertTrue(
        callbackUrl.matches(
            "http://127\\.0\\.0\\.1:" + callback.port() + "/websub/hubbed/[0-9a-f]{64}"),
        callbackUrl);
    String secret = request.get("hub.secret");
    assertFalse(websub.active("hubbed"));

    // §5.3: verification of intent; a wrong topic is refused, the right one echoed.
    String topic = java.net.URLEncoder.encode(server.url("/feed.xml"), StandardCharsets.UTF_8);
    assertEquals(
        404,
        send(HttpRequest.newBuilder(
                    URI.create(
                        callbackUrl
                            + "?hub.mode=subscribe&hub.topic=https%3A%2F%2Fevil.example%2F&hub.challenge=x"))
                .build())
            .statusCode());
    HttpResponse<String> verified =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        callbackUrl
                            + "?hub.mode=subscribe&hub.topic="
                            + topic
                            + "&hub.challenge=c-12345&hub.lease_seconds=86400"))
                .build());
    assertEquals(200, verified.statusCode());
    assertEquals("c-12345", verified.body());
    assertTrue(websub.active("hubbed"));

    // §8: a forged push is acknowledged and dropped; a signed one is ingested.
    byte[] forged =
        feed(true)
            .replace("Taftan crossing closed again", "Forged story")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(202, send(push(callbackUrl, forged, "sha256=" + "00".repeat(32))).statusCode());
    byte[] body = feed(true).getBytes(StandardCharsets.UTF_8);
    String signature =
        "sha256=" + HexFormat.of().formatHex(HubSignature.hmac("HmacSHA256", secret, body));
    assertEquals(202, send(push(callbackUrl, body, signature)).statusCode());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Fixtures.articles(broker.bootstrapServers(), topics.articles()).size() == 3);
    List<String> titles =
        Fixtures.articles(broker.bootstrapServers(), topics.articles()).stream()
            .map(r -> r.value().title())
            .toList();
    assertTrue(titles.contains("Pushed: Taftan crossing closed again"), titles.toString());
    assertFalse(titles.contains("Pushed: Forged story"), titles.toString());
    assertEquals("pushed", poller.board().get("hubbed").orElseThrow().lastOutcome());

    // While the hub pushes, polling slows to the safety net at the upper bound.
    PollReport next = poller.poll(feed);
    assertTrue(next.pushActive());
    assertEquals(1, hubRequests.size(), "a live subscription is not requested again");
    Duration delay = NextPoll.after(feed, next, 0, PollBounds.DEFAULT);
    assertTrue(delay.compareTo(Duration.ofMinutes(54)) >= 0, delay.toString());
  }

  @Test
  void aPushForAFeedNotSubscribedToIsRefusedWithGone() throws Exception {
    HttpResponse<String> r =
        send(
            push(
                "http://127.0.0.1:" + callback.port() + "/websub/unknown",
                new byte[] {1},
                "sha256=00"));
    assertEquals(410, r.statusCode());
    assertFalse(websub.active("unknown"));
  }

  @Test
  void signatureCheckAcceptsTheSpecsAlgorithmsOnly() {
    byte[] body = "x".getBytes(StandardCharsets.UTF_8);
    for (String alg : new String[] {"sha1", "sha256", "sha384", "sha512"}) {
      String javaName = "Hmac" + alg.toUpperCase(java.util.Locale.ROOT);
      String header = alg + "=" + HexFormat.of().formatHex(HubSignature.hmac(javaName, "s", body));
      assertTrue(HubSignature.valid(header, "s", body), alg);
      assertFalse(HubSignature.valid(header, "other", body), alg);
    }
    assertFalse(HubSignature.valid("md5=00", "s", body));
    assertFalse(HubSignature.valid("sha256=not-hex", "s", body));
    assertFalse(HubSignature.valid(null, "s", body));
  }

  /** What an attacker can guess: the callback without its token. */
  private String guessedCallback() {
    return "http://127.0.0.1:" + callback.port() + "/websub/hubbed";
  }

  private String topic() {
    return java.net.URLEncoder.encode(server.url("/feed.xml"), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).build());
  }

  /**
   * Polls the hubbed feed and verifies its subscription as the hub would; returns the callback URL.
   */
  private String subscribeAndVerify(Feed feed) throws Exception {
    poller.poll(feed);
    String callbackUrl = hubRequests.get(hubRequests.size() - 1).get("hub.callback");
    HttpResponse<String> verified =
        get(
            callbackUrl
                + "?hub.mode=subscribe&hub.topic="
                + topic()
                + "&hub.challenge=c1&hub.lease_seconds=86400");
    assertEquals(200, verified.statusCode());
    assertTrue(websub.active(feed.id()));
    return callbackUrl;
  }

  @Test
  void anUnsolicitedDenialOrUnsubscribeDoesNotDropTheSubscription() throws Exception {
    Feed feed = new Feed("hubbed", server.url("/feed.xml"), "VOA", "en", Duration.ofMinutes(5));
    String callbackUrl = subscribeAndVerify(feed);

    // Hostile: anyone can guess /websub/<feed id> and the topic (the feed's public URL).
    assertEquals(
        404,
        get(guessedCallback() + "?hub.mode=denied&hub.topic=" + topic() + "&hub.reason=forged")
            .statusCode());
    assertEquals(
        404,
        get(guessedCallback() + "/" + "0".repeat(64) + "?hub.mode=denied&hub.topic=" + topic())
            .statusCode());
    assertEquals(
        404,
        get(guessedCallback() + "?hub.mode=unsubscribe&hub.topic=" + topic() + "&hub.challenge=x")
            .statusCode());
    // Even at the real callback, this service never asked to unsubscribe.
    HttpResponse<String> unsubscribe =
        get(callbackUrl + "?hub.mode=unsubscribe&hub.topic=" + topic() + "&hub.challenge=x");
    assertEquals(404, unsubscribe.statusCode());
    assertTrue(
        websub.active("hubbed"), "the subscription survives forged denials and unsubscribes");

    // The hub's own denial, at the callback it was given, still counts (§5.2).
    assertEquals(
        200,
        get(callbackUrl + "?hub.mode=denied&hub.topic=" + topic() + "&hub.reason=gone")
            .statusCode());
    assertFalse(websub.active("hubbed"));
    assertTrue(websub.subscription("hubbed").isEmpty());
  }

  @Test
  void aForgedVerificationCannotActivateAPendingSubscription() throws Exception {
    Feed feed = new Feed("hubbed", server.url("/feed.xml"), "VOA", "en", Duration.ofMinutes(5));
    poller.poll(feed);
    assertTrue(websub.subscription("hubbed").orElseThrow().pending());

    // Hostile: a "verification" with a ten-year lease, which would slow polling to the safety net.
    HttpResponse<String> forged =
        get(
            guessedCallback()
                + "?hub.mode=subscribe&hub.topic="
                + topic()
                + "&hub.challenge=forged&hub.lease_seconds=315360000");
    assertEquals(404, forged.statusCode());
    assertFalse(forged.body().contains("forged"));
    assertFalse(websub.active("hubbed"));
    assertFalse(poller.poll(feed).pushActive(), "polling stays at the normal rate");
  }

  @Test
  void aYearsLongLeaseIsCappedAndAnInvalidOneAnswers400() throws Exception {
    // Ten years, and nearly Long.MAX_VALUE seconds (which overflowed Instant: 500 before): both
    // capped.
    int n = 0;
    for (String lease : List.of("315360000", "9223372036854775806")) {
      String topic = server.url("/feed.xml?n=" + ++n);
      Feed feed = new Feed("hubbed-" + n, topic, "VOA", "en", Duration.ofMinutes(5));
      websub.maybeSubscribe(feed, server.url("/hub"), topic);
      String verify =
          hubRequests.get(hubRequests.size() - 1).get("hub.callback")
              + "?hub.mode=subscribe&hub.topic="
              + java.net.URLEncoder.encode(topic, StandardCharsets.UTF_8)
              + "&hub.challenge=c2&hub.lease_seconds=";

      // Hostile leases first: too big for 64 bits, not a number, negative, zero, blank-ish.
      for (String bad : List.of("99999999999999999999999", "1e9", "-5", "0", "x%20")) {
        assertEquals(400, get(verify + bad).statusCode(), bad);
        assertFalse(websub.active(feed.id()), bad);
      }
      assertEquals(200, get(verify + lease).statusCode(), lease);
      Instant expires = websub.subscription(feed.id()).orElseThrow().expiresAt();
      assertFalse(
          expires.isAfter(Instant.now().plus(WebSubSubscriber.MAX_LEASE)), expires.toString());
      // A second verification without a new request of ours is refused: nothing is pending.
      assertEquals(404, get(verify + "86400").statusCode());
    }
  }

  @Test
  void anUnsignedOrBadlySignedPushIsDroppedAndTheSecretIsPerSubscription() throws Exception {
    Feed feed = new Feed("hubbed", server.url("/feed.xml"), "VOA", "en", Duration.ofMinutes(5));
    String callbackUrl = subscribeAndVerify(feed);
    Feed other =
        new Feed("other", server.url("/feed.xml?other"), "VOA", "en", Duration.ofMinutes(5));
    websub.maybeSubscribe(other, server.url("/hub"), server.url("/feed.xml?other"));
    assertFalse(
        hubRequests.get(0).get("hub.secret").equals(hubRequests.get(1).get("hub.secret")),
        "one secret per subscription");
    assertFalse(
        hubRequests.get(0).get("hub.callback").equals(hubRequests.get(1).get("hub.callback")));

    // Hostile: no signature, a signature under another subscription's secret, a truncated one.
    byte[] body = feed(true).getBytes(StandardCharsets.UTF_8);
    String otherSecret = hubRequests.get(1).get("hub.secret");
    String wrong =
        "sha256=" + HexFormat.of().formatHex(HubSignature.hmac("HmacSHA256", otherSecret, body));
    String right =
        "sha256="
            + HexFormat.of()
                .formatHex(
                    HubSignature.hmac("HmacSHA256", hubRequests.get(0).get("hub.secret"), body));
    assertEquals(
        202,
        send(HttpRequest.newBuilder(URI.create(callbackUrl))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build())
            .statusCode());
    assertEquals(202, send(push(callbackUrl, body, wrong)).statusCode());
    assertEquals(
        202, send(push(callbackUrl, body, right.substring(0, right.length() - 2))).statusCode());
    assertEquals(
        410,
        send(push(guessedCallback(), body, right)).statusCode(),
        "the guessable callback takes nothing");
    assertEquals(
        2,
        Fixtures.articles(broker.bootstrapServers(), topics.articles()).size(),
        "only the first poll's two articles");
  }

  private static HttpRequest push(String url, byte[] body, String signature) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/rss+xml")
        .header("X-Hub-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }
}
