package org.newswatch.alert.preview;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.newswatch.common.Json;
import org.newswatch.common.model.Article;

/**
 * Reads the most recent articles from index-service's HTTP API ({@code GET
 * /api/export?format=jsonl}, which streams full Article JSON lines, newest first), filtered there
 * by language and source and cut off after {@code limit} lines. The services share no code path:
 * this is the only way the alert-service sees the index.
 */
public final class RecentArticles {
  private final URI indexUrl;
  private final HttpClient client;

  /** Articles read, and whether the limit cut the export short (older articles exist). */
  public record Batch(List<Article> articles, int unreadable, boolean truncated) {}

  /** index-service could not be asked, or did not answer with articles. */
  public static final class IndexUnavailable extends Exception {
    IndexUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public RecentArticles(URI indexUrl) {
    this.indexUrl = indexUrl;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * @param authorization the caller's {@code Authorization} header, passed on: index-service knows
   *     the same analysts' keys (and the admin's)
   */
  public Batch read(
      Instant from, List<String> languages, List<String> sources, int limit, String authorization)
      throws IndexUnavailable, InterruptedException {
    StringBuilder query = new StringBuilder("format=jsonl&from=").append(encode(from.toString()));
    if (!languages.isEmpty()) {
      query.append("&lang=").append(encode(String.join(",", languages)));
    }
    if (!sources.isEmpty()) {
      query.append("&source=").append(encode(String.join(",", sources)));
    }
    URI uri = URI.create(indexUrl + "/api/export?" + query);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/x-ndjson")
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IndexUnavailable(
          "index-service at "
              + indexUrl
              + " is unreachable ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        String detail = new String(body.readNBytes(500), StandardCharsets.UTF_8);
        throw new IndexUnavailable(
            "index-service at "
                + indexUrl
                + " answered HTTP "
                + response.statusCode()
                + " to the export: "
                + detail,
            null);
      }
      List<Article> articles = new ArrayList<>();
      int unreadable = 0;
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        if (articles.size() + unreadable >= limit) {
          // Closing the stream early ends the export on index-service's side too.
          return new Batch(articles, unreadable, true);
        }
        try {
          articles.add(Json.fromString(line, Article.class));
        } catch (IllegalArgumentException e) {
          unreadable++;
        }
      }
      return new Batch(articles, unreadable, false);
    } catch (IOException e) {
      throw new IndexUnavailable(
          "reading the export from index-service at "
              + indexUrl
              + " failed ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
