package org.newswatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The load test's calls to the services' JSON APIs, with {@link HttpURLConnection} (no client
 * threads of its own): a Bearer key, a JSON body, the status checked.
 */
final class JsonRequests {
  private JsonRequests() {}

  /** A request with a JSON body; the response body, or an exception naming the status. */
  static String send(String method, URI uri, String bearer, String json, int expected)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(60_000);
    c.setDoOutput(true);
    c.setRequestProperty("Authorization", "Bearer " + bearer);
    c.setRequestProperty("Content-Type", "application/json");
    try {
      try (OutputStream out = c.getOutputStream()) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
      int code = c.getResponseCode();
      try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (code != expected) {
          throw new StatusException(
              code, method + " " + uri.getPath() + " answered " + code + ": " + body);
        }
        return body;
      }
    } finally {
      c.disconnect();
    }
  }

  /** A reply with another status than expected. */
  static final class StatusException extends IOException {
    private final int status;

    StatusException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /**
   * A new analyst's key reaches the alert-service's key table through Kafka, a moment after it was
   * issued: a 401 is retried for up to 30 s.
   */
  static void sendRetryingUnauthorized(URI uri, String key, String body)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try {
        send("POST", uri, key, body, 201);
        return;
      } catch (StatusException e) {
        if (e.status() != 401 || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
