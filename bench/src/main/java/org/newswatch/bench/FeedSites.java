package org.newswatch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The publishers' web servers of the feed-polling bench, run as a process of their own so that the
 * CPU and memory of serving are not counted as the ingest-service's. One JDK {@link HttpServer} per
 * publisher, each bound to that publisher's loopback address (never to a wildcard address: nothing
 * leaves the machine), all on one port. Feeds answer conditional GETs (ETag / If-None-Match,
 * Last-Modified) with 304 and are gzipped when asked, like a real site's.
 *
 * <p>Started by {@link FeedSitesProcess}; prints {@code ready <port> <control port>} when
 * listening, and exits when its standard input closes (the bench ended, however it ended). The
 * control server on 127.0.0.1 takes {@code POST /advance?share=0.1} (a share of the feeds gains an
 * item), {@code GET /stats} (requests answered, by kind, and items carried by a served feed so far)
 * and {@code GET /first-served} (when each item was first served in a feed document: one {@code
 * feed item epoch-millis} line each; the load test's alert latency starts there).
 *
 * <p>Arguments: {@code feeds sites items}, and for a live corpus ({@link FeedCorpus#live}) also
 * {@code gap-millis epoch-millis}.
 */
final class FeedSites {
  private static final Pattern FEED = Pattern.compile("/feeds/(\\d+)\\.xml");
  private static final Pattern PAGE = Pattern.compile("/news/(\\d+)/(\\d+)\\.html");

  private final FeedCorpus corpus;
  private final AtomicLong feeds200 = new AtomicLong();
  private final AtomicLong feeds304 = new AtomicLong();
  private final AtomicLong pages = new AtomicLong();
  private final AtomicLong notFound = new AtomicLong();

  /** Per feed, how many of its items some feed document has carried so far; guarded by itself. */
  private final int[] servedCount;

  /** When each item was first carried by a served feed document: key {@link #key}, epoch millis. */
  private final Map<Long, Long> firstServed = new ConcurrentHashMap<>();

  private FeedSites(FeedCorpus corpus) {
    this.corpus = corpus;
    this.servedCount = new int[corpus.feeds()];
  }

  public static void main(String[] args) throws IOException {
    int feeds = Integer.parseInt(args[0]);
    int sites = Integer.parseInt(args[1]);
    int items = Integer.parseInt(args[2]);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    HttpServer control =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    // The first site picks a free port; every other site binds the same port on its own address.
    List<HttpServer> servers = new ArrayList<>();
    HttpServer first =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(FeedCorpus.host(0)), 0), 256);
    int port = first.getAddress().getPort();
    FeedCorpus corpus =
        args.length >= 5
            ? FeedCorpus.live(
                feeds,
                sites,
                items,
                port,
                Instant.ofEpochMilli(Long.parseLong(args[4])),
                Duration.ofMillis(Long.parseLong(args[3])))
            : new FeedCorpus(feeds, sites, items, port, Instant.now());
    FeedSites web = new FeedSites(corpus);
    servers.add(first);
    for (int s = 1; s < sites; s++) {
      servers.add(
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName(FeedCorpus.host(s)), port), 256));
    }
    for (HttpServer server : servers) {
      server.createContext("/", web::serve);
      server.setExecutor(executor);
      server.start();
    }
    control.createContext("/advance", web::advance);
    control.createContext("/stats", web::stats);
    control.createContext("/first-served", web::firstServed);
    control.setExecutor(executor);
    control.start();
    System.out.println("ready " + port + " " + control.getAddress().getPort());
    System.out.flush();
    // The parent holds our standard input open for as long as it wants us; EOF means stop.
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // nothing is sent; reading only waits for the end
      }
    }
    control.stop(0);
    servers.forEach(s -> s.stop(0));
    executor.shutdownNow();
    System.exit(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Matcher feed = FEED.matcher(path);
      Matcher page = PAGE.matcher(path);
      if (feed.matches() && onOwnHost(exchange, Integer.parseInt(feed.group(1)))) {
        int f = Integer.parseInt(feed.group(1));
        int count = corpus.itemCount(f); // once, so that ETag, date and body describe the same list
        String etag = FeedCorpus.etag(f, count);
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Last-Modified", corpus.lastModified(f, count));
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          feeds304.incrementAndGet();
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        feeds200.incrementAndGet();
        noteServed(f, count);
        send(exchange, "application/rss+xml; charset=utf-8", corpus.feed(f, count));
      } else if (page.matches() && onOwnHost(exchange, Integer.parseInt(page.group(1)))) {
        pages.incrementAndGet();
        send(
            exchange,
            "text/html; charset=utf-8",
            corpus.page(Integer.parseInt(page.group(1)), Integer.parseInt(page.group(2))));
      } else {
        notFound.incrementAndGet();
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  /** Records the items of this document that no earlier document of the feed carried. */
  private void noteServed(int feed, int count) {
    long now = System.currentTimeMillis();
    synchronized (servedCount) {
      for (int item = Math.max(servedCount[feed], count - corpus.items()); item < count; item++) {
        firstServed.putIfAbsent(key(feed, item), now);
      }
      servedCount[feed] = Math.max(servedCount[feed], count);
    }
  }

  private static long key(int feed, int item) {
    return ((long) feed << 32) | item;
  }

  private void firstServed(HttpExchange exchange) throws IOException {
    try (exchange) {
      StringBuilder b = new StringBuilder(firstServed.size() * 24);
      firstServed.forEach(
          (k, t) ->
              b.append(k >>> 32)
                  .append(' ')
                  .append(k & 0xffffffffL)
                  .append(' ')
                  .append(t)
                  .append('\n'));
      reply(exchange, b.toString());
    }
  }

  /** A feed and its pages are served only on their publisher's address, as on the real web. */
  private boolean onOwnHost(HttpExchange exchange, int feed) {
    return feed < corpus.feeds()
        && exchange
            .getLocalAddress()
            .getAddress()
            .getHostAddress()
            .equals(FeedCorpus.host(corpus.siteOf(feed)));
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    if (accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 2 + 64);
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write(body);
      }
      body = zipped.toByteArray();
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void advance(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getQuery();
      double share =
          query != null && query.startsWith("share=")
              ? Double.parseDouble(query.substring(6))
              : 0.1;
      reply(exchange, String.valueOf(corpus.advance(share)));
    }
  }

  private void stats(HttpExchange exchange) throws IOException {
    try (exchange) {
      long itemsServed;
      synchronized (servedCount) {
        itemsServed = java.util.Arrays.stream(servedCount).asLongStream().sum();
      }
      reply(
          exchange,
          feeds200.get()
              + " "
              + feeds304.get()
              + " "
              + pages.get()
              + " "
              + notFound.get()
              + " "
              + itemsServed);
    }
  }

  private static void reply(HttpExchange exchange, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }
}
