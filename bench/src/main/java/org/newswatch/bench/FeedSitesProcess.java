package org.newswatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link FeedSites} in a child JVM (the same Java and class path as this one) and talks to it:
 * the feed URLs it serves, its control requests, and the CPU time it used. Closing it closes the
 * child's standard input, on which the child exits, and waits for that.
 */
final class FeedSitesProcess implements AutoCloseable {
  /**
   * Requests the simulated sites answered: feeds in full, feeds with 304, article pages, 404s; and
   * the items some served feed document has carried (each counted once).
   */
  record Served(long feeds200, long feeds304, long pages, long notFound, long itemsServed) {}

  private final Process process;
  private final FeedCorpus corpus;
  private final int controlPort;

  private FeedSitesProcess(Process process, FeedCorpus corpus, int controlPort) {
    this.process = process;
    this.corpus = corpus;
    this.controlPort = controlPort;
  }

  static FeedSitesProcess start(int feeds, int sites, int items) throws IOException {
    return start(feeds, sites, items, null, null);
  }

  /**
   * Sites of a live corpus ({@link FeedCorpus#live}): every feed gains an item per {@code gap} from
   * {@code epoch} on.
   */
  static FeedSitesProcess startLive(int feeds, int sites, int items, Duration gap, Instant epoch)
      throws IOException {
    return start(feeds, sites, items, gap, epoch);
  }

  private static FeedSitesProcess start(
      int feeds, int sites, int items, Duration gap, Instant epoch) throws IOException {
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                javaCommand,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                FeedSites.class.getName(),
                String.valueOf(feeds),
                String.valueOf(sites),
                String.valueOf(items)));
    if (gap != null) {
      command.add(String.valueOf(gap.toMillis()));
      command.add(String.valueOf(epoch.toEpochMilli()));
    }
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine(); // blocks until the child listens on every address, or dies
    if (line == null || !line.startsWith("ready ")) {
      process.destroy();
      throw new IOException("the feed sites process did not start (it said: " + line + ")");
    }
    String[] parts = line.split(" ");
    // The URLs (and a live corpus's publication times) are computed here by the same rules the
    // child serves them by.
    int port = Integer.parseInt(parts[1]);
    FeedCorpus corpus =
        gap == null
            ? new FeedCorpus(feeds, sites, items, port, Instant.now())
            : FeedCorpus.live(feeds, sites, items, port, epoch, gap);
    return new FeedSitesProcess(process, corpus, Integer.parseInt(parts[2]));
  }

  String feedUrl(int feed) {
    return corpus.feedUrl(feed);
  }

  /**
   * Items the corpus has published by {@code now}, all feeds together (the starting items
   * included).
   */
  long itemsPublished(Instant now) {
    long n = 0;
    for (int f = 0; f < corpus.feeds(); f++) {
      n += corpus.itemCount(f, now);
    }
    return n;
  }

  /** When the corpus published an item (a live corpus: the moment it first appears in its feed). */
  Instant published(int feed, int item) {
    return corpus.published(feed, item);
  }

  /**
   * When each item was first served in its feed, in epoch millis, by {@code (feed << 32) | item}.
   */
  Map<Long, Long> firstServed() throws IOException {
    Map<Long, Long> served = new HashMap<>();
    for (String line : control("GET", "/first-served").split("\n")) {
      if (!line.isBlank()) {
        String[] p = line.split(" ");
        served.put((Long.parseLong(p[0]) << 32) | Long.parseLong(p[1]), Long.parseLong(p[2]));
      }
    }
    return served;
  }

  /** Gives a share of the feeds one new item each; returns how many changed. */
  int advance(double share) throws IOException {
    return Integer.parseInt(control("POST", "/advance?share=" + share).strip());
  }

  Served served() throws IOException {
    String[] n = control("GET", "/stats").strip().split(" ");
    return new Served(
        Long.parseLong(n[0]),
        Long.parseLong(n[1]),
        Long.parseLong(n[2]),
        Long.parseLong(n[3]),
        Long.parseLong(n[4]));
  }

  /** CPU time the child used so far (user + system), or zero where the OS does not say. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * One control request. {@link HttpURLConnection} rather than {@code HttpClient}: it starts no
   * threads, so the {@code HttpClient-*} threads this JVM counts are all the ingest-service's.
   */
  private String control(String method, String pathAndQuery) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + controlPort + pathAndQuery).toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(30_000);
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // never leave it running
      }
    }
  }
}
