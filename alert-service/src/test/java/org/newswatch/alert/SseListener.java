package org.newswatch.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A server-sent-events client for the tests: every line it read, and whether the server ended the stream. */
public final class SseListener implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CompletableFuture<?> done;
  private volatile int status;
  private volatile Stream<String> body;

  private SseListener(int port, String key, String lastEventId) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts/stream")).header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
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
                    s.forEach(lines::add);
                  }
                });
  }

  public static SseListener open(int port, String key) {
    return new SseListener(port, key, null);
  }

  public static SseListener resume(int port, String key, String lastEventId) {
    return new SseListener(port, key, lastEventId);
  }

  public List<String> lines() {
    return lines;
  }

  public boolean connected() {
    return lines.contains(": connected");
  }

  /** The HTTP status, once the answer's head arrived (0 before). */
  public int status() {
    return status;
  }

  /** Event ids in the order received. */
  public List<String> ids() {
    return lines.stream().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).strip()).toList();
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
