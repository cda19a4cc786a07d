package org.newswatch.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A server-sent-events client for the tests: every line it read, and whether the server ended the
 * stream.
 */
public final class SseListener implements AutoCloseable {
  /**
   * Guarded by itself. Not copy-on-write: a stream of thousands of events would copy it per line.
   */
  private final List<String> lines = new ArrayList<>();

  private final List<String> ids = new ArrayList<>();
  private volatile boolean connected;
  private final CompletableFuture<?> done;
  private volatile int status;
  private volatile Stream<String> body;

  private SseListener(int port, String key, String lastEventId) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts/stream"))
            .header("Authorization", "Bearer " + key)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    done =
        HttpClient.newHttpClient()
            .sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
            .thenAccept(
                r -> {
                  status = r.statusCode();
                  body = r.body();
                  try (Stream<String> s = body) {
                    s.forEach(this::add);
                  }
                });
  }

  public static SseListener open(int port, String key) {
    return new SseListener(port, key, null);
  }

  public static SseListener resume(int port, String key, String lastEventId) {
    return new SseListener(port, key, lastEventId);
  }

  private void add(String line) {
    synchronized (lines) {
      lines.add(line);
      if (line.startsWith("id:")) {
        ids.add(line.substring(3).strip());
      }
    }
    if (line.equals(": connected")) {
      connected = true;
    }
  }

  /** Every line read so far (a copy). */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  public boolean connected() {
    return connected;
  }

  /** The HTTP status, once the answer's head arrived (0 before). */
  public int status() {
    return status;
  }

  /** Event ids in the order received. */
  public List<String> ids() {
    synchronized (lines) {
      return List.copyOf(ids);
    }
  }

  /** True once the server ended the stream (or it failed). */
  public boolean ended() {
    return done.isDone();
  }

  /** Hangs up: closing the body cancels the exchange, which closes the connection. */
  @Override
  public void close() {
    Stream<String> b = body;
    if (b != null) {
      b.close();
    }
    done.cancel(true);
  }
}
