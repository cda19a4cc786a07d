package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Feed;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.Fixtures;
import org.newswatch.ingest.RealWorld;
import org.newswatch.ingest.fetch.FetchLimits;

/**
 * The poller as a good HTTP citizen and against what the real web sends back, each case against a
 * real loopback server; every case must show in the feed's status and leave the poller working.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FeedPollerHttpTest {
  static final String RSS = "application/rss+xml; charset=utf-8";
  static final FetchLimits LIMITS =
      new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), 256 * 1024, 3);

  @TempDir Path dataDir;
  private StaticHttpServer server;
  private PollerRig rig;

  /** Requests seen by the feed handler, with their conditional headers. */
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp(KafkaBroker broker) {
    server = StaticHttpServer.start(0);
    server
        .put("/articles/border-attack.html", "text/html", Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", "text/html", Fixtures.bytes("cricket.html"));
    rig = new PollerRig(broker, dataDir, LIMITS);
  }

  @AfterEach
  void tearDown() {
    rig.close();
    server.close();
  }

  private Feed feed(String id, String path) {
    return new Feed(id, server.url(path), "Test", "en", Duration.ofMinutes(5));
  }

  /**
   * A feed server with an ETag and Last-Modified that answers 304 to a matching conditional GET.
   */
  private void serveConditionally(String path, byte[] body) {
    server.handle(
        path,
        (HttpExchange ex) -> {
          String inm = ex.getRequestHeaders().getFirst("If-None-Match");
          String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
          requests.add(inm + "|" + ims);
          if ("\"rev-1\"".equals(inm)) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
          }
          ex.getResponseHeaders().set("Content-Type", RSS);
          ex.getResponseHeaders().set("ETag", "\"rev-1\"");
          ex.getResponseHeaders().set("Last-Modified", "Fri, 27 Nov 2026 09:00:00 GMT");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
  }

  @Test
  void secondPollIsAConditionalGetAnsweredWith304EvenAfterARestart() {
    serveConditionally("/feed.xml", Fixtures.bytes("voa-rss2.xml"));
    Feed feed = feed("voa", "/feed.xml");

    assertEquals(PollOutcome.OK, rig.poller.poll(feed).outcome());
    assertEquals(PollOutcome.NOT_MODIFIED, rig.poller.poll(feed).outcome());
    rig.restart();
    PollReport afterRestart = rig.poller.poll(feed);

    assertEquals(PollOutcome.NOT_MODIFIED, afterRestart.outcome());
    assertEquals(304, rig.status("voa").lastHttpStatus());
    assertEquals(
        List.of(
            "null|null",
            "\"rev-1\"|Fri, 27 Nov 2026 09:00:00 GMT",
            "\"rev-1\"|Fri, 27 Nov 2026 09:00:00 GMT"),
        requests);
    assertEquals(2, rig.published().size());
  }

  /**
   * Al Jazeera America's real feed, which declares no language, polled while its pages cannot be
   * had (each link answers 404 here): every article is built from the item's title and one-line
   * description, and each is still recorded as English, none as undetermined.
   */
  @Test
  void undeclaredLanguageIsReadFromTitleAndDescriptionWhenThePageIsGone() throws IOException {
    String feedText =
        Files.readString(
            RealWorld.feeds().resolve("aljazeera-america-2016.xml"), StandardCharsets.UTF_8);
    server.put(
        "/aljazeera.xml",
        RSS,
        feedText.replace("http://america.aljazeera.com/", server.url("/gone/")));
    Feed feed =
        new Feed(
            "aljazeera",
            server.url("/aljazeera.xml"),
            "Al Jazeera America",
            "und",
            Duration.ofMinutes(5));

    assertEquals(50, rig.poller.poll(feed).itemsNew());

    Map<String, Long> byLanguage =
        rig.published().stream()
            .collect(Collectors.groupingBy(r -> r.value().language(), Collectors.counting()));
    assertEquals(Map.of("en", 50L), byLanguage);
  }

  @Test
  void validatorsAreNotKeptAfterAParseError() {
    // Otherwise the next answer would be a 304 and the document would never be read again.
    serveConditionally("/feed.xml", Fixtures.bytes("voa-rss2.xml"));
    server.put("/bad.xml", RSS, "<rss><channel><title>x</title></rss>"); // not even lenient items
    Feed feed = feed("bad", "/bad.xml");
    assertEquals(PollOutcome.PARSE_ERROR, rig.poller.poll(feed).outcome());
    assertNull(rig.states.get("bad", feed.url()).etag());
  }

  @Test
  void servesGzippedFeeds() throws IOException {
    byte[] gz = gzip(Fixtures.bytes("voa-rss2.xml"));
    server.handle(
        "/feed.xml",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", RSS);
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          ex.sendResponseHeaders(200, gz.length);
          ex.getResponseBody().write(gz);
          ex.close();
        });
    assertEquals(2, rig.poller.poll(feed("voa", "/feed.xml")).itemsNew());
  }

  @Test
  void permanentRedirectMovesTheFeedForGood() {
    server.handle(
        "/old.xml",
        ex -> {
          requests.add("old");
          ex.getResponseHeaders().set("Location", "/new.xml");
          ex.sendResponseHeaders(301, -1);
          ex.close();
        });
    server.put("/new.xml", RSS, Fixtures.bytes("voa-rss2.xml"));
    Feed feed = feed("moved", "/old.xml");

    rig.poller.poll(feed);
    assertEquals(server.url("/new.xml"), rig.status("moved").url());
    rig.restart();
    rig.poller.poll(feed);

    assertEquals(
        List.of("old"), requests, "after the 301 the old URL is not asked again, across restarts");
    assertEquals(server.url("/new.xml"), rig.states.get("moved", feed.url()).effectiveUrl());
  }

  @Test
  void goneDisablesTheFeed() {
    server.handle(
        "/gone.xml",
        ex -> {
          requests.add("gone");
          ex.sendResponseHeaders(410, -1);
          ex.close();
        });
    Feed feed = feed("gone", "/gone.xml");
    PollReport first = rig.poller.poll(feed);
    PollReport second = rig.poller.poll(feed);

    assertEquals(PollOutcome.GONE, first.outcome());
    assertEquals(PollOutcome.GONE, second.outcome());
    assertEquals(1, requests.size(), "a feed that is gone is not requested again");
    assertTrue(rig.status("gone").disabled());
    assertNull(NextPoll.after(feed, first, 1));
  }

  @Test
  void tooManyRequestsWithRetryAfterPostponesTheNextPoll() {
    server.handle(
        "/busy.xml",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "3600");
          ex.sendResponseHeaders(429, -1);
          ex.close();
        });
    Feed feed = feed("busy", "/busy.xml");
    PollReport report = rig.poller.poll(feed);

    assertEquals(PollOutcome.HTTP_ERROR, report.outcome());
    assertEquals(Duration.ofHours(1), report.retryAfter());
    assertEquals(429, rig.status("busy").lastHttpStatus());
    assertTrue(NextPoll.after(feed, report, 1).compareTo(Duration.ofHours(1)) >= 0);
  }

  @Test
  void badInputShowsInTheStatusAndThePollerGoesOn() throws IOException {
    server.put("/html.xml", "text/html", Fixtures.bytes("not-a-feed.html"));
    server.put(
        "/huge.xml",
        RSS,
        new byte[LIMITS.maxBytes() > Integer.MAX_VALUE ? 0 : (int) LIMITS.maxBytes() * 4]);
    server.put("/malformed.xml", RSS, Fixtures.bytes("malformed.xml"));
    server.put("/controls.xml", RSS, Fixtures.bytes("invalid-chars.xml"));
    server.put("/laughs.xml", RSS, Fixtures.bytes("billion-laughs.xml"));
    byte[] bomb = gzip(new byte[20 * 1024 * 1024]);
    server.handle(
        "/bomb.xml",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          ex.sendResponseHeaders(200, bomb.length);
          ex.getResponseBody().write(bomb);
          ex.close();
        });
    server.handle(
        "/loop.xml",
        ex -> {
          ex.getResponseHeaders().set("Location", "/loop.xml");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    Feed nxdomain =
        new Feed(
            "nxdomain", "http://feeds.no-such-host.invalid/rss", null, "en", Duration.ofMinutes(5));

    assertEquals(PollOutcome.PARSE_ERROR, rig.poller.poll(feed("html", "/html.xml")).outcome());
    assertTrue(
        rig.status("html").lastError().contains("HTML page"), rig.status("html").lastError());
    assertEquals(PollOutcome.FETCH_ERROR, rig.poller.poll(feed("huge", "/huge.xml")).outcome());
    assertTrue(
        rig.status("huge").lastError().contains("larger than"), rig.status("huge").lastError());
    assertEquals(PollOutcome.FETCH_ERROR, rig.poller.poll(feed("bomb", "/bomb.xml")).outcome());
    assertTrue(
        rig.status("bomb").lastError().contains("decompresses"), rig.status("bomb").lastError());
    assertEquals(PollOutcome.FETCH_ERROR, rig.poller.poll(feed("loop", "/loop.xml")).outcome());
    assertTrue(
        rig.status("loop").lastError().contains("redirect loop"), rig.status("loop").lastError());
    assertEquals(PollOutcome.FETCH_ERROR, rig.poller.poll(nxdomain).outcome());
    assertTrue(
        rig.status("nxdomain").lastError().contains("does not resolve"),
        rig.status("nxdomain").lastError());
    assertEquals(PollOutcome.PARSE_ERROR, rig.poller.poll(feed("laughs", "/laughs.xml")).outcome());

    // Malformed XML and forbidden characters: the readable items are kept, with a warning.
    assertEquals(PollOutcome.OK, rig.poller.poll(feed("malformed", "/malformed.xml")).outcome());
    assertEquals(2, rig.status("malformed").itemsSeen());
    assertTrue(
        rig.status("malformed").warnings().get(0).startsWith("malformed feed"),
        rig.status("malformed").warnings().toString());
    assertEquals(PollOutcome.OK, rig.poller.poll(feed("controls", "/controls.xml")).outcome());
    assertTrue(
        rig.status("controls").warnings().get(0).contains("characters that XML does not allow"));

    // And the poller goes on with a good feed.
    server.put("/feed.xml", RSS, Fixtures.bytes("voa-rss2.xml"));
    assertEquals(2, rig.poller.poll(feed("voa", "/feed.xml")).itemsNew());
    assertNotNull(rig.status("voa").lastPollAt());
  }

  @Test
  void stallingServerTimesOutAndShowsInTheStatus() {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.handle(
        "/stall.xml",
        ex -> {
          ex.sendResponseHeaders(200, 100_000);
          ex.getResponseBody()
              .write("<rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
          ex.getResponseBody().flush();
          try {
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.close();
        });
    try {
      assertEquals(PollOutcome.FETCH_ERROR, rig.poller.poll(feed("stall", "/stall.xml")).outcome());
      assertTrue(
          rig.status("stall").lastError().contains("no complete answer"),
          rig.status("stall").lastError());
    } finally {
      release.countDown();
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /**
   * An RSS 2.0 feed of {@code n} items, {@code gap} apart, the newest {@code age} old, each with
   * its own page.
   */
  private static byte[] rss(int n, Duration gap, Duration age) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<link>https://example.org/</link><description>d</description>");
    java.time.Instant newest = java.time.Instant.now().minus(age);
    for (int i = 0; i < n; i++) {
      String date =
          java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
              newest.minus(gap.multipliedBy(i)).atZone(java.time.ZoneOffset.UTC));
      xml.append("<item><title>Item ")
          .append(i)
          .append("</title><link>/pages/")
          .append(i)
          .append(".html</link><pubDate>")
          .append(date)
          .append("</pubDate><description>Summary of item ")
          .append(i)
          .append("</description></item>");
    }
    return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void flagsAFeedThatWentQuietAndThenOneStuckAt304() {
    serveConditionally("/quiet.xml", rss(4, Duration.ofMinutes(30), Duration.ofDays(3)));
    Feed feed = feed("quiet", "/quiet.xml");

    rig.poller.poll(feed);
    assertEquals(Duration.ofMinutes(30), rig.status("quiet").usualGap());
    assertEquals(List.of("quiet"), rig.status("quiet").flags());
    for (int i = 0; i < 3; i++) {
      assertEquals(PollOutcome.NOT_MODIFIED, rig.poller.poll(feed).outcome());
    }
    assertEquals(List.of("quiet", "stale-304"), rig.status("quiet").flags());
  }

  @Test
  void aLivelyFeedIsNotFlagged() {
    server.put("/lively.xml", RSS, rss(4, Duration.ofMinutes(30), Duration.ofMinutes(10)));
    rig.poller.poll(feed("lively", "/lively.xml"));
    assertEquals(List.of(), rig.status("lively").flags());
  }

  @Test
  void flagsAFeedWhosePagesSuddenlyExtractToAlmostNothing() {
    server.put("/thin.xml", RSS, rss(6, Duration.ofMinutes(30), Duration.ofMinutes(10)));
    for (int i = 0; i < 6; i++) {
      server.put("/pages/" + i + ".html", "text/html", Fixtures.bytes("short.html"));
    }
    rig.poller.poll(feed("thin", "/thin.xml"));
    assertEquals(1.0, rig.status("thin").thinPageShare());
    assertTrue(
        rig.status("thin").flags().contains("thin-pages"), rig.status("thin").flags().toString());
    assertEquals(
        6,
        rig.status("thin").itemsNew(),
        "the articles are still published, from the feed's descriptions");
  }
}
