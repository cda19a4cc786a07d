package org.newswatch.index;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.IndexedIds;
import org.newswatch.index.testing.TestArticles;

/**
 * The index-service as its own process, killed with SIGKILL while it indexes 50,000 articles and
 * started again on the same folder: afterwards the index holds every article exactly once.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class CrashRecoveryTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final int ARTICLES = 50_000;
  static final int CHUNK = 1_000;
  static final int KILL_AFTER = 20_000;
  static final Duration WAIT = Duration.ofMinutes(3);
  static final Pattern INDEXED =
      Pattern.compile(
          "^newswatch_index_documents_indexed_total\\{service=\"index-service\"\\} ([0-9.E]+)$",
          Pattern.MULTILINE);

  @Test
  void killDashNineWhileIndexingLosesAndDoublesNothing(KafkaBroker broker, @TempDir Path data)
      throws Exception {
    Topics topics = broker.newTopics();
    Child first = Child.start(broker, topics, data);
    int published = 0;
    try {
      // Publish at the pace the child indexes, so the kill lands in the middle of the stream.
      while (published < KILL_AFTER + 2 * CHUNK) {
        publish(broker, topics, published, CHUNK);
        published += CHUNK;
        int lowWater = published - 2 * CHUNK;
        await().atMost(WAIT).until(() -> first.indexed() >= lowWater);
      }
      await().atMost(WAIT).until(() -> first.indexed() >= KILL_AFTER);
    } finally {
      first.kill();
    }
    long committedBeforeCrash =
        committedPositions(data).values().stream().mapToLong(Long::longValue).sum();
    assertTrue(
        committedBeforeCrash < ARTICLES,
        "the crash should land before the end, committed " + committedBeforeCrash);

    // The rest arrives while the service is down.
    while (published < ARTICLES) {
      publish(broker, topics, published, CHUNK);
      published += CHUNK;
    }
    Child second = Child.start(broker, topics, data);
    try {
      ApiClient api = new ApiClient(second.port, ADMIN);
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  api.get("/health").status() == 200
                      && api.get("/api/search?size=1").json().get("total").asLong() == ARTICLES);
      // It resumed from the last commit, not from the beginning.
      assertEquals(ARTICLES - committedBeforeCrash, second.indexed());
    } finally {
      second.stop();
    }

    try (FSDirectory dir = FSDirectory.open(data.resolve("index"));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      assertEquals(ARTICLES, reader.numDocs());
      assertEquals(ARTICLES, IndexedIds.liveEachOnce(reader).size());
    }
    assertEquals(
        ARTICLES, committedPositions(data).values().stream().mapToLong(Long::longValue).sum());
  }

  static void publish(KafkaBroker broker, Topics topics, int from, int count) {
    TestArticles.publish(
        broker.bootstrapServers(),
        topics,
        IntStream.range(from, from + count).mapToObj(TestArticles::numbered).toList());
  }

  static Map<String, Long> committedPositions(Path data) throws IOException {
    try (FSDirectory dir = FSDirectory.open(data.resolve("index"))) {
      Map<String, Long> positions = new java.util.HashMap<>();
      SegmentInfos.readLatestCommit(dir)
          .getUserData()
          .forEach(
              (k, v) -> {
                if (k.startsWith("kafka.position.")) {
                  positions.put(k, Long.parseLong(v));
                }
              });
      return positions;
    }
  }

  /** {@link IndexMain} in its own JVM, on this test's class path. */
  static final class Child {
    final Process process;
    final int port;

    private Child(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Child start(KafkaBroker broker, Topics topics, Path data) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-Xmx512m",
              "-cp",
              System.getProperty("java.class.path"),
              "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
              IndexMain.class.getName());
      pb.environment().put("NEWSWATCH_KAFKA", broker.bootstrapServers());
      pb.environment().put("NEWSWATCH_DATA", data.toString());
      pb.environment().put("NEWSWATCH_INDEX_PORT", "0");
      pb.environment().put("NEWSWATCH_ADMIN_KEY", ADMIN);
      pb.environment().put("NEWSWATCH_TOPIC_PREFIX", topics.prefix());
      pb.redirectError(data.resolve("child-" + System.nanoTime() + ".log").toFile());
      Process process = pb.start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Pattern listening = Pattern.compile("listening on port (\\d+)");
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher m = listening.matcher(line);
        if (m.find()) {
          return new Child(process, Integer.parseInt(m.group(1)));
        }
      }
      throw new IllegalStateException(
          "the index-service process ended before listening; exit " + process.exitValue());
    }

    long indexed() {
      String metrics = new ApiClient(port, null).get("/metrics").body();
      Matcher m = INDEXED.matcher(metrics);
      return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** SIGKILL: no shutdown hook, no final commit. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    /** SIGTERM: the shutdown hook commits and closes. */
    void stop() throws InterruptedException {
      process.destroy();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    }
  }
}
