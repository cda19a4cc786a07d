package org.newswatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The index-service's {@code /api/search}, asked directly: what the page should show for a query,
 * checked after the page has shown it (asking before would warm the service for the timed search).
 */
final class SearchApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A search's total and its source and language facets. */
  record Answer(long total, Map<String, Long> sources, Map<String, Long> languages) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String key;

  SearchApi(int port, String key) {
    this.base = "http://127.0.0.1:" + port + "/api/search";
    this.key = key;
  }

  /**
   * The answer to {@code q} in {@code sort} order, as the page asks it (blank q: every article).
   */
  Answer ask(String q, String sort) throws IOException, InterruptedException {
    String query =
        "size=1&sort="
            + sort
            + (q.isBlank() ? "" : "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "?" + query))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET /api/search?"
              + query
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    JsonNode result = JSON.readTree(response.body());
    return new Answer(
        result.path("total").asLong(),
        counts(result.path("facets").path("source")),
        counts(result.path("facets").path("language")));
  }

  private static Map<String, Long> counts(JsonNode facet) {
    Map<String, Long> counts = new LinkedHashMap<>();
    facet.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }
}
