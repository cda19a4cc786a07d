package org.newswatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.newswatch.common.Json;

/** A small HTTP client for the service under test, on loopback. */
public record Api(int port) {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  public record Answer(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Answer get(String path, String key) {
    return send(request(path, key).GET());
  }

  public Answer post(String path, String key, Object body) {
    return send(request(path, key).POST(json(body)));
  }

  public Answer put(String path, String key, Object body) {
    return send(request(path, key).PUT(json(body)));
  }

  public Answer delete(String path, String key) {
    return send(request(path, key).DELETE());
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b.header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    return HttpRequest.BodyPublishers.ofString(
        body instanceof String s ? s : Json.toString(body), StandardCharsets.UTF_8);
  }

  private static Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r =
          CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
