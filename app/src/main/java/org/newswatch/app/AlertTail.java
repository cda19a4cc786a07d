package org.newswatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.newswatch.common.Json;

/**
 * Prints alerts as they arrive, by polling the alert-service's {@code GET /api/alerts} with the
 * admin key (which sees every subscription's alerts). Used by the demo so that a user sees the
 * pipeline work without a second terminal.
 */
final class AlertTail implements AutoCloseable {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI alerts;
  private final String key;
  private final PrintStream out;
  private final Duration every;
  private final Set<String> seen = new HashSet<>();
  private final Thread thread;
  private volatile boolean running = true;
  private String lastProblem;
  private boolean polledOnce;

  AlertTail(int alertPort, String key, PrintStream out, Duration every) {
    this.alerts = URI.create("http://127.0.0.1:" + alertPort + "/api/alerts");
    this.key = key;
    this.out = out;
    this.every = every;
    this.thread = Thread.ofPlatform().daemon().name("demo-alert-tail").unstarted(this::loop);
  }

  AlertTail start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (running) {
      poll();
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One poll: prints each alert not printed before; a failure is reported once, not every poll. */
  void poll() {
    HttpRequest request =
        HttpRequest.newBuilder(alerts)
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        problem("alert API answered HTTP " + response.statusCode());
        return;
      }
      lastProblem = null;
      JsonNode items = Json.MAPPER.readTree(response.body()).path("items");
      if (!polledOnce && !items.isEmpty()) {
        // A demo restarted on its data folder: these were raised by an earlier run.
        out.println("demo: alerts raised so far:");
      }
      polledOnce = true;
      for (JsonNode alert : items) {
        if (seen.add(alert.path("id").asText())) {
          out.println(format(alert));
        }
      }
    } catch (IOException e) {
      problem("alert API not answering yet (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  static String format(JsonNode alert) {
    StringBuilder matched = new StringBuilder();
    // A matched phrase can span a line break in the article; one line per alert reads better.
    alert
        .path("matched")
        .forEach(
            t ->
                matched
                    .append(matched.isEmpty() ? "" : ", ")
                    .append(t.asText().replaceAll("\\s+", " ")));
    return "ALERT ["
        + alert.path("subscriptionId").asText()
        + "] "
        + alert.path("title").asText()
        + " ("
        + alert.path("source").asText()
        + ", "
        + alert.path("language").asText()
        + ")"
        + (matched.isEmpty() ? "" : " matched: " + matched)
        + "\n      "
        + alert.path("url").asText();
  }

  private void problem(String message) {
    if (!message.equals(lastProblem)) {
      out.println("demo: " + message);
      lastProblem = message;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
