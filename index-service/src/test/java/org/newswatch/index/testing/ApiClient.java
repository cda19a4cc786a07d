package org.newswatch.index.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.newswatch.common.Json;

/** A loopback HTTP client for one service, sending a Bearer key. */
public final class ApiClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String key;

  public ApiClient(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  public record Reply(int status, String contentType, String body) {
    public JsonNode json() {
      return Json.fromString(body, JsonNode.class);
    }
  }

  public Reply get(String pathAndQuery) {
    try {
      HttpResponse<String> r =
          http.send(
              request(pathAndQuery), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The response as a stream, for bodies too large to hold. */
  public HttpResponse<InputStream> stream(String pathAndQuery) {
    try {
      return http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest request(String pathAndQuery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b.build();
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
