package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.IndexService;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.search.ArticleExporter;
import org.newswatch.index.search.ArticleSearcher;
import org.newswatch.index.search.SearchRequest;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.TestArticles;

/** Export of 100,000 matches: streamed page by page, every row once. */
@ExtendWith(KafkaBrokerExtension.class)
class LargeExportTest {
  static final int ROWS = 100_000;

  /** Builds the index directly (the Kafka path is tested elsewhere; here the volume matters). */
  static void buildIndex(Path dataDir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dataDir.resolve("index"))) {
      List<Article> batch = new ArrayList<>();
      for (int n = 0; n < ROWS; n++) {
        batch.add(TestArticles.numbered(n));
        if (batch.size() == 10_000) {
          indexer.apply(ArticleBatch.of(batch));
          batch.clear();
        }
      }
      indexer.commit();
    }
  }

  @Test
  void exportsAHundredThousandRowsOverHttpEachOnce(KafkaBroker broker, @TempDir Path dir)
      throws Exception {
    buildIndex(dir);
    String admin = "admin-key-for-tests-0123456789";
    try (IndexService service =
        IndexService.start(
            new ServiceContext(
                broker.bootstrapServers(), broker.newTopics(), dir, 0, true, admin, null))) {
      await().atMost(Duration.ofSeconds(60)).until(service::isReady);
      HttpResponse<InputStream> response =
          new ApiClient(service.port(), admin).stream("/api/export?q=report&format=jsonl");
      assertEquals(200, response.statusCode());
      // Streamed: no length known in advance.
      assertTrue(
          response.headers().firstValue("Content-Length").isEmpty(),
          response.headers().map().toString());
      Set<String> ids = new HashSet<>();
      long lines = 0;
      String previousTime = null;
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines++;
          Article a = org.newswatch.common.Json.fromString(line, Article.class);
          ids.add(a.id());
          String time = a.publishedAt().toString();
          assertFalse(
              previousTime != null && time.compareTo(previousTime) > 0,
              "not newest first at line " + lines);
          previousTime = time;
        }
      }
      assertEquals(ROWS, lines);
      assertEquals(ROWS, ids.size());
    }
  }

  @Test
  void writesPageByPageNeverMoreThanOnePageAhead(@TempDir Path dir) throws Exception {
    buildIndex(dir);
    try (ArticleIndexer indexer = ArticleIndexer.open(dir.resolve("index"))) {
      ArticleSearcher searcher =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofSeconds(5));
      ArticleExporter exporter = new ArticleExporter(searcher);
      FlushCounter out = new FlushCounter();
      long rows =
          exporter.export(
              exporter.prepare(SearchRequest.of("")), ArticleExporter.Format.JSONL, out);
      assertEquals(ROWS, rows);
      assertEquals(ROWS, out.lines);
      // Every page reached the client before the next was read: rows at each flush grow by one
      // page.
      assertTrue(out.linesAtFlush.size() >= ROWS / 1_000, "flushes: " + out.linesAtFlush.size());
      for (int i = 1; i < out.linesAtFlush.size(); i++) {
        long step = out.linesAtFlush.get(i) - out.linesAtFlush.get(i - 1);
        assertTrue(step <= 1_000, "flush " + i + " carried " + step + " rows");
      }
    }
  }

  /** Counts lines, and the line count at every flush. */
  static final class FlushCounter extends OutputStream {
    long lines;
    final List<Long> linesAtFlush = new ArrayList<>();

    @Override
    public void write(int b) {
      if (b == '\n') {
        lines++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          lines++;
        }
      }
    }

    @Override
    public void flush() {
      linesAtFlush.add(lines);
    }
  }
}
