package org.newswatch.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.web.StaticHttpServer;

/** HttpFetcher against a real loopback server sending what the web sends. */
class HttpFetcherTest {
  /** Small limits, so each bad case fails fast: 64 KiB, 2 s in all. */
  static final FetchLimits LIMITS =
      new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, 3);

  static final String ACCEPT = "application/rss+xml";

  private StaticHttpServer server;
  private HttpFetcher fetcher;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    server = StaticHttpServer.start(0);
    fetcher = new HttpFetcher(new AddressGuard(true), LIMITS, "https://example.org/contact");
  }

  @AfterEach
  void tearDown() {
    release.countDown(); // frees any handler the test left stalled
    fetcher.close();
    server.close();
  }

  private FetchResult get(String path) {
    return fetcher.fetch(URI.create(server.url(path)), Validators.NONE, ACCEPT);
  }

  @Test
  void namesItselfAndItsContactAndAsksForGzip() {
    AtomicReference<String> agent = new AtomicReference<>();
    AtomicReference<String> encoding = new AtomicReference<>();
    server.handle(
        "/f",
        ex -> {
          agent.set(ex.getRequestHeaders().getFirst("User-Agent"));
          encoding.set(ex.getRequestHeaders().getFirst("Accept-Encoding"));
          send(ex, 200, "ok".getBytes(StandardCharsets.UTF_8));
        });
    assertInstanceOf(FetchResult.Ok.class, get("/f"));
    assertTrue(agent.get().startsWith("Newswatch/"), agent.get());
    assertTrue(agent.get().contains("https://example.org/contact"), agent.get());
    assertEquals("gzip", encoding.get());
  }

  @Test
  void sendsValidatorsAndSeesNotModified() {
    server.handle(
        "/f",
        ex -> {
          if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
          }
          ex.getResponseHeaders().set("ETag", "\"v1\"");
          ex.getResponseHeaders().set("Last-Modified", "Fri, 27 Nov 2026 08:00:00 GMT");
          send(ex, 200, "<rss/>".getBytes(StandardCharsets.UTF_8));
        });
    FetchResult.Ok first = assertInstanceOf(FetchResult.Ok.class, get("/f"));
    assertEquals(new Validators("\"v1\"", "Fri, 27 Nov 2026 08:00:00 GMT"), first.validators());

    FetchResult second = fetcher.fetch(URI.create(server.url("/f")), first.validators(), ACCEPT);
    assertInstanceOf(FetchResult.NotModified.class, second);
    assertEquals(304, second.status());
  }

  @Test
  void decodesGzip() throws IOException {
    byte[] body = "<rss version=\"2.0\"/>".repeat(100).getBytes(StandardCharsets.UTF_8);
    byte[] gz = gzip(body);
    server.handle(
        "/f",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          send(ex, 200, gz);
        });
    assertArrayEquals(body, assertInstanceOf(FetchResult.Ok.class, get("/f")).body());
  }

  @Test
  void stopsAGzipBomb() throws IOException {
    byte[] bomb = gzip(new byte[10 * 1024 * 1024]); // 10 MiB of zeros, ~10 KiB on the wire
    assertTrue(bomb.length < LIMITS.maxBytes());
    server.handle(
        "/f",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          send(ex, 200, bomb);
        });
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, get("/f"));
    assertEquals(FetchResult.Kind.TOO_LARGE, f.kind());
    assertTrue(f.reason().contains("decompresses"), f.reason());
  }

  @Test
  void stopsAHugeBody() {
    server.put("/f", "application/rss+xml", new byte[1024 * 1024]);
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, get("/f"));
    assertEquals(FetchResult.Kind.TOO_LARGE, f.kind());
  }

  @Test
  void stopsAnEndlessBody() {
    server.handle(
        "/f",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked, no end
          OutputStream out = ex.getResponseBody();
          byte[] chunk = new byte[8192];
          try {
            while (release.getCount() > 0) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // the client hung up, as it should
          }
          ex.close();
        });
    assertEquals(
        FetchResult.Kind.TOO_LARGE, assertInstanceOf(FetchResult.Failed.class, get("/f")).kind());
  }

  @Test
  void givesUpOnAServerThatStallsMidBody() {
    server.handle(
        "/f",
        ex -> {
          ex.sendResponseHeaders(200, 10_000);
          ex.getResponseBody().write(new byte[100]);
          ex.getResponseBody().flush();
          try {
            release.await(30, TimeUnit.SECONDS); // stalls until the test is over
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.close();
        });
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, get("/f"));
    assertEquals(FetchResult.Kind.TIMEOUT, f.kind());
  }

  @Test
  void stopsARedirectLoop() {
    server.handle("/a", ex -> redirect(ex, 302, "/b"));
    server.handle("/b", ex -> redirect(ex, 302, "/a"));
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, get("/a"));
    assertEquals(FetchResult.Kind.REDIRECT, f.kind());
    assertTrue(f.reason().contains("loop"), f.reason());
  }

  @Test
  void stopsAnEndlessRedirectChain() {
    for (int i = 0; i < 10; i++) {
      int next = i + 1;
      server.handle("/r" + i, ex -> redirect(ex, 307, "/r" + next));
    }
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, get("/r0"));
    assertTrue(f.reason().contains("more than 3 redirects"), f.reason());
  }

  @Test
  void reportsWhereAPermanentRedirectLeads() {
    server.handle("/old", ex -> redirect(ex, 301, "/new"));
    server.put("/new", "application/rss+xml", "<rss/>");
    FetchResult.Ok ok = assertInstanceOf(FetchResult.Ok.class, get("/old"));
    assertEquals(server.url("/new"), ok.movedTo().toString());

    server.handle("/temp", ex -> redirect(ex, 302, "/new"));
    assertNull(get("/temp").movedTo(), "a temporary redirect does not move the feed");
  }

  @Test
  void refusesAnInternalAddressBeforeAnyRequest() {
    java.util.concurrent.atomic.AtomicInteger hits =
        new java.util.concurrent.atomic.AtomicInteger();
    server.handle(
        "/f",
        ex -> {
          hits.incrementAndGet();
          send(ex, 200, new byte[0]);
        });
    HttpFetcher guarded = new HttpFetcher(new AddressGuard(false), LIMITS, "https://example.org/c");
    FetchResult.Failed f =
        assertInstanceOf(
            FetchResult.Failed.class,
            guarded.fetch(URI.create(server.url("/f")), Validators.NONE, ACCEPT));
    guarded.close();
    assertEquals(FetchResult.Kind.REFUSED, f.kind());
    assertEquals(0, hits.get());
  }

  @Test
  void checksTheTargetOfEachRedirect() {
    server.handle("/old", ex -> redirect(ex, 302, "http://no-such-host.invalid/feed.xml"));
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, get("/old"));
    assertEquals(
        FetchResult.Kind.DNS,
        f.kind(),
        "the second hop was resolved and checked before any request");
    assertEquals("no-such-host.invalid", f.finalUri().getHost());
  }

  @Test
  void readsRetryAfterOn429And503() {
    server.handle(
        "/busy",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "120");
          ex.sendResponseHeaders(429, -1);
          ex.close();
        });
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, get("/busy"));
    assertEquals(429, f.status());
    assertEquals(Duration.ofSeconds(120), f.retryAfter());
    assertEquals(Duration.ZERO, HttpFetcher.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertNull(HttpFetcher.parseRetryAfter("soon"));
  }

  @Test
  void reportsAnUnresolvableName() {
    FetchResult.Failed f =
        assertInstanceOf(
            FetchResult.Failed.class,
            fetcher.fetch(
                URI.create("http://no-such-host.invalid/feed.xml"), Validators.NONE, ACCEPT));
    assertEquals(FetchResult.Kind.DNS, f.kind());
    assertTrue(f.reason().contains("no-such-host.invalid"), f.reason());
  }

  @Test
  void reportsARefusedConnection() {
    int port = server.port();
    server.close();
    FetchResult.Failed f =
        assertInstanceOf(
            FetchResult.Failed.class,
            fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/f"), Validators.NONE, ACCEPT));
    assertEquals(FetchResult.Kind.NETWORK, f.kind());
    server = StaticHttpServer.start(0);
  }

  private static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
