package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.Problem;
import org.newswatch.common.web.ServiceHttp;
import org.newswatch.ingest.feed.FeedRegistry;
import org.newswatch.ingest.feed.FeedStatusBoard;
import org.newswatch.ingest.web.FeedsApi;

/**
 * Fuzzes {@code POST /api/feeds} of ingest-service through the real route ({@link FeedsApi} on the
 * service's own {@link ServiceHttp}, on loopback): the body through Javalin and {@code Json}, the
 * interval parser, the {@code Feed} record's validation and the URL. The registry writes to Kafka's
 * in-memory {@link MockProducer}: one record per accepted feed, no broker per input. Any answer but
 * a 500 is acceptable (201/200 for a feed, a 4xx problem saying what is wrong).
 */
@ExtendWith(FuzzSummary.class)
class FeedsApiFuzzTest {
  private static final String KEY = "fuzz-admin-key";
  private static MockProducer<String, byte[]> producer;
  private static FeedRegistry registry;
  private static ServiceHttp ingest;
  private static HttpClient client;
  private static URI feeds;

  @BeforeAll
  static void start() {
    producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    // Not started: the route only writes through the producer; the table's consumer never connects.
    registry = new FeedRegistry("127.0.0.1:9", Topics.standard().feeds(), producer, "fuzz-feeds");
    // No scheduler: POST /api/feeds does not use it (only POST /api/feeds/{id}/poll does). Private
    // addresses allowed: otherwise the route resolves each URL's host, and fuzzing must not query
    // DNS.
    FeedsApi api = new FeedsApi(registry, null, new FeedStatusBoard(), true);
    ingest =
        ServiceHttp.builder("ingest-service")
            .host("127.0.0.1")
            .port(0)
            .meters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .keys(key -> KEY.equals(key) ? Optional.of(Principal.ADMIN) : Optional.empty())
            .routes(api::routes)
            .start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    feeds = URI.create("http://127.0.0.1:" + ingest.port() + "/api/feeds");
  }

  @AfterAll
  static void stop() {
    ingest.close();
    registry.close();
    client.close();
  }

  @FuzzTest(maxDuration = "12s")
  void post(FuzzedDataProvider data) throws IOException, InterruptedException {
    FuzzSummary.executed();
    byte[] body = data.consumeRemainingAsBytes();
    HttpRequest request =
        HttpRequest.newBuilder(feeds)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response =
        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertNotEquals(
        500,
        response.statusCode(),
        () -> "500 for body " + new String(body, StandardCharsets.UTF_8) + ": " + response.body());
    if (response.statusCode() >= 400) {
      // Refusals are RFC 7807 problems that say what is wrong.
      assertEquals(
          Problem.CONTENT_TYPE,
          response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip());
    }
    if (producer.history().size() > 10_000) {
      producer.clear(); // accepted feeds pile up in the mock; nothing reads them back
    }
  }
}
