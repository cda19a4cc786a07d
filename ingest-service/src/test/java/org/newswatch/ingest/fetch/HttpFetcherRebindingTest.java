package org.newswatch.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.testing.ScriptedDns;
import org.newswatch.common.web.StaticHttpServer;

/**
 * DNS rebinding against the fetcher (issue 11, item 10). Hostile input: a feed, page or WebSub hub
 * whose name server answers a public address (203.0.113.7, RFC 5737) when the guard checks it and
 * 127.0.0.1 when the HTTP client connects, where a loopback server stands for an internal service.
 * Private targets are not allowed. Needs the JVM's DNS cache off ({@code -Dsun.net.inetaddr.ttl=0},
 * set in this module's Surefire configuration), or the second answer never reaches the client.
 */
class HttpFetcherRebindingTest {
  private static final String PUBLIC = "203.0.113.7";

  private StaticHttpServer internal;
  private final AtomicInteger hits = new AtomicInteger();
  private HttpFetcher fetcher;

  @BeforeEach
  void setUp() {
    internal = StaticHttpServer.start(0);
    internal.handle(
        "/x",
        ex -> {
          hits.incrementAndGet();
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    fetcher =
        new HttpFetcher(
            new AddressGuard(false), HttpFetcherTest.LIMITS, "https://example.org/contact");
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    internal.close();
  }

  private FetchResult rebound(String host, Function<URI, FetchResult> call) {
    ScriptedDns.rebind(host, PUBLIC, "127.0.0.1");
    FetchResult result = call.apply(URI.create("http://" + host + ":" + internal.port() + "/x"));
    assumeTrue(
        ScriptedDns.lookups(host) >= 2,
        "the JVM cached the first answer: run with -Dsun.net.inetaddr.ttl=0");
    return result;
  }

  private void assertNotReached(FetchResult result) {
    assertEquals(0, hits.get(), "the request reached the internal (loopback) server");
    FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, result);
    if (f.kind() == FetchResult.Kind.NETWORK || f.kind() == FetchResult.Kind.TIMEOUT) {
      // The public address stands for the attacker's own server; here nothing answers there.
      assertTrue(
          f.reason().contains(PUBLIC + ", the address checked; its DNS answer turned to 127.0.0.1"),
          "the reason names the address used and the rebinding: " + f.reason());
    }
  }

  @Test
  @DisplayName(
      "a feed whose DNS answer turns internal after the check is fetched only from the checked address")
  void feedFetchConnectsOnlyToTheCheckedAddress() {
    assertNotReached(
        rebound(
            "feed.rebind.test", uri -> fetcher.fetch(uri, Validators.NONE, "application/rss+xml")));
  }

  @Test
  @DisplayName(
      "an article page whose DNS answer turns internal after the check is fetched only from the checked address")
  void pageFetchConnectsOnlyToTheCheckedAddress() {
    assertNotReached(
        rebound("page.rebind.test", uri -> fetcher.fetch(uri, Validators.NONE, "text/html")));
  }

  @Test
  @DisplayName(
      "a WebSub hub whose DNS answer turns internal after the check is posted to only at the checked address")
  void hubSubscriptionConnectsOnlyToTheCheckedAddress() {
    assertNotReached(
        rebound("hub.rebind.test", uri -> fetcher.postForm(uri, Map.of("hub.mode", "subscribe"))));
  }
}
