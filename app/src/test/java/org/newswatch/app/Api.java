package org.newswatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.newswatch.common.Json;

/** A client of the services' JSON APIs for tests, with the admin key. */
public final class Api {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** An answer: the status and the body as JSON (a missing node when it is not JSON). */
  public record Response(int status, JsonNode body) {
    public boolean ok() {
      return status == 200;
    }
  }

  private final String key;

  public Api(String key) {
    this.key = key;
  }

  public Response get(int port, String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)));
  }

  /** {@code POST} of a JSON body. */
  public Response post(int port, String path, Object body) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body))));
  }

  private Response send(HttpRequest.Builder builder) {
    HttpRequest request =
        builder.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body;
      try {
        body = Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        body = Json.MAPPER.missingNode();
      }
      return new Response(response.statusCode(), body == null ? Json.MAPPER.missingNode() : body);
    } catch (IOException e) {
      return new Response(-1, Json.MAPPER.missingNode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code GET /api/search?q=} on the index-service. */
  public Response search(int indexPort, String query) {
    return get(
        indexPort,
        "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&size=50");
  }

  /** {@code GET /api/alerts?subscription=} on the alert-service. */
  public Response alerts(int alertPort, String subscription) {
    return get(
        alertPort,
        "/api/alerts?subscription=" + URLEncoder.encode(subscription, StandardCharsets.UTF_8));
  }

  /** The values of one field of each element of {@code hits} or {@code items}. */
  public static List<String> field(Response response, String list, String field) {
    List<String> values = new ArrayList<>();
    response.body().path(list).forEach(node -> values.add(node.path(field).asText()));
    return values;
  }
}
