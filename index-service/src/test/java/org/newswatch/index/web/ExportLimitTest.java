package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Hashes;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.common.web.Problem;
import org.newswatch.index.IndexService;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.TestArticles;

/**
 * Issue 11 item 9: an analyst runs at most {@link SearchRoutes#EXPORTS_PER_ANALYST} exports at
 * once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ExportLimitTest {
  private static final String ADMIN = "admin-key-for-tests-0123456789";
  private static final String KEY = "nwk_export-limit-test-key-0123456789";

  @Test
  void aThirdConcurrentExportAnswers429WithRetryAfter(KafkaBroker broker, @TempDir Path dir)
      throws Exception {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir.resolve("index"))) {
      List<Article> batch = new ArrayList<>();
      for (int n = 0; n < 30_000; n++) {
        batch.add(TestArticles.numbered(n));
      }
      indexer.apply(ArticleBatch.of(batch));
      indexer.commit();
    }
    Topics topics = broker.newTopics();
    Analyst analyst =
        new Analyst(
            Analyst.SCHEMA, "an-export", "Exporter", Hashes.sha256Hex(KEY), false, Instant.now());
    TopicRecords.produce(
        broker.bootstrapServers(), topics.analysts(), List.of(analyst), a -> ((Analyst) a).id());
    try (IndexService service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null))) {
      await().atMost(Duration.ofSeconds(60)).until(service::isReady);
      ApiClient api = new ApiClient(service.port(), KEY);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> api.get("/api/search?q=report").status() == 200);

      // Hostile: exports whose clients read the first bytes and then nothing, holding them open.
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < SearchRoutes.EXPORTS_PER_ANALYST; i++) {
          held.add(stalledExport(service.port()));
        }
        HttpResponse<String> third =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:"
                                    + service.port()
                                    + "/api/export?q=report&format=jsonl"))
                        .header("Authorization", "Bearer " + KEY)
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(429, third.statusCode(), third.body());
        assertTrue(
            third.headers().firstValue("Retry-After").isPresent(), third.headers().toString());
        assertEquals(Problem.CONTENT_TYPE, third.headers().firstValue("Content-Type").orElse(""));
        assertTrue(third.body().contains("exports"), third.body());
        HttpResponse<InputStream> admin =
            new ApiClient(service.port(), ADMIN).stream("/api/export?q=report&format=csv");
        admin.body().close();
        assertEquals(200, admin.statusCode(), "the admin has no limit");

        // A finished export frees its place.
        held.remove(0).close();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> api.get("/api/export?q=report%20AND%207&format=csv").status() == 200);
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  private static Socket stalledExport(int port) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(2048);
    s.connect(new InetSocketAddress("127.0.0.1", port));
    s.getOutputStream()
        .write(
            ("GET /api/export?q=report&format=jsonl HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + KEY
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    byte[] head = in.readNBytes(12);
    assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
    return s;
  }
}
