package org.newswatch.index;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.indexing.IndexingPace;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.DiskBudget;
import org.newswatch.index.testing.IndexedIds;
import org.newswatch.index.testing.TestArticles;

/**
 * The index folder's disk fills up under a running index-service (a {@link DiskBudget} in front of
 * its Lucene directory): indexing pauses, {@code /health} says why, searches go on over what was
 * indexed, nothing is committed past what was written, and when space returns indexing resumes by
 * itself from the last commit, every article exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IndexDiskFullTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final Duration WAIT = Duration.ofSeconds(90);

  /** Retries quickly so the test does not idle; production retries every 10 s. */
  static final IndexingPace PACE = IndexingPace.DEFAULT.withRetryEvery(Duration.ofMillis(200));

  static final int CHUNK = 100;

  /** Room left when the disk starts to fill: a few flushes of a chunk each, then a full disk. */
  static final long ROOM = 48 * 1024;

  static final String DISK_FULL =
      "indexing paused: the index folder is out of space (No space left on device); retrying every 200 ms";
  static final Pattern DISK_FULL_ERRORS =
      Pattern.compile(
          "^newswatch_errors_total\\{kind=\"disk-full\",service=\"index-service\"\\} ([0-9.E+]+)$",
          Pattern.MULTILINE);

  @Test
  void indexingPausesWhenTheDiskFillsAndResumesWhenSpaceReturns(
      KafkaBroker broker, @TempDir Path data) throws Exception {
    Topics topics = broker.newTopics();
    DiskBudget disk = new DiskBudget();
    int published;
    try (IndexService service =
        IndexService.start(context(broker, topics, data), PACE, disk::wrap)) {
      ApiClient api = new ApiClient(service.port(), ADMIN);
      publish(broker, topics, 0, 2 * CHUNK);
      await()
          .atMost(WAIT)
          .until(() -> api.get("/health").status() == 200 && total(api) == 2 * CHUNK);

      // When the disk fills mid-stream,
      disk.limitTo(ROOM);
      published = publishUntilPaused(broker, topics, api, 2 * CHUNK);
      // then health says so, in words, and the errors counter counts it,
      JsonNode health = api.get("/health").json();
      assertEquals("DOWN", health.get("status").asText());
      assertEquals(List.of(DISK_FULL), reasons(health));
      assertTrue(diskFullErrors(api) >= 1);
      // and it stays paused while the disk is full: a retry fails too.
      double before = diskFullErrors(api);
      await().atMost(WAIT).until(() -> diskFullErrors(api) > before);
      assertEquals(503, api.get("/health").status());

      // Researchers still search what was indexed before the disk filled.
      assertTrue(total(api) >= 2 * CHUNK, "searchable while paused: " + total(api));
      assertEquals(200, api.get("/api/articles/" + TestArticles.numbered(5).id()).status());
      assertEquals(1, api.get("/api/search?q=%22report+number+17%22").json().get("total").asLong());

      // Articles keep arriving while it is paused.
      publish(broker, topics, published, CHUNK);
      published += CHUNK;

      // When space returns, it resumes by itself and catches up.
      disk.unlimited();
      int all = published;
      await().atMost(WAIT).until(() -> api.get("/health").status() == 200 && total(api) == all);
      assertEquals(all, service.documentCount());
      await().atMost(WAIT).until(() -> committed(data).ids().size() == all);
    }
    Committed end = committed(data);
    assertEquals(published, end.ids().size());
    assertEquals(published, end.positions().values().stream().mapToLong(Long::longValue).sum());
    assertCommitMatchesItsPositions(end, offsets(broker, topics));
  }

  @Test
  void nothingIsCommittedPastWhatLuceneWrote(KafkaBroker broker, @TempDir Path data)
      throws Exception {
    Topics topics = broker.newTopics();
    DiskBudget disk = new DiskBudget();
    try (IndexService service =
        IndexService.start(context(broker, topics, data), PACE, disk::wrap)) {
      ApiClient api = new ApiClient(service.port(), ADMIN);
      publish(broker, topics, 0, CHUNK);
      await().atMost(WAIT).until(() -> committed(data).ids().size() == CHUNK);

      disk.limitTo(ROOM);
      int published = publishUntilPaused(broker, topics, api, CHUNK);
      Map<String, Offset> offsets = offsets(broker, topics);

      // The commit on disk holds exactly the articles below the Kafka positions it stored...
      Committed paused = committed(data);
      assertCommitMatchesItsPositions(paused, offsets);
      assertTrue(
          paused.ids().size() < published, "the disk filled before everything was committed");
      // ...and neither moves while the disk stays full, however often it retries.
      double errors = diskFullErrors(api);
      await().atMost(WAIT).until(() -> diskFullErrors(api) >= errors + 3);
      assertEquals(paused, committed(data));

      disk.unlimited();
      await().atMost(WAIT).until(() -> committed(data).ids().size() == published);
      Committed resumed = committed(data);
      assertCommitMatchesItsPositions(resumed, offsets);
      assertTrue(resumed.ids().containsAll(paused.ids()));
    }
  }

  @Test
  void restartWhileTheDiskIsFullStillGivesEveryArticleExactlyOnce(
      KafkaBroker broker, @TempDir Path data) throws Exception {
    Topics topics = broker.newTopics();
    DiskBudget disk = new DiskBudget();
    int published;
    Committed beforeRestart;
    try (IndexService first = IndexService.start(context(broker, topics, data), PACE, disk::wrap)) {
      ApiClient api = new ApiClient(first.port(), ADMIN);
      publish(broker, topics, 0, 2 * CHUNK);
      await().atMost(WAIT).until(() -> committed(data).ids().size() == 2 * CHUNK);
      disk.limitTo(ROOM);
      published = publishUntilPaused(broker, topics, api, 2 * CHUNK);
      beforeRestart = committed(data);
    } // closed while paused: nothing more to commit, the folder keeps its last commit
    disk.limitTo(0); // and the disk stays full
    assertEquals(beforeRestart, committed(data));
    assertCommitMatchesItsPositions(beforeRestart, offsets(broker, topics));

    // Started fresh on the same folder with the disk still full: it pauses again, and says so.
    try (IndexService second =
        IndexService.start(context(broker, topics, data), PACE, disk::wrap)) {
      ApiClient api = new ApiClient(second.port(), ADMIN);
      await().atMost(WAIT).until(() -> reasons(api.get("/health").json()).contains(DISK_FULL));
      assertTrue(
          total(api) >= beforeRestart.ids().size(),
          "the committed articles are searchable: " + total(api));
      publish(broker, topics, published, CHUNK);
      published += CHUNK;

      disk.unlimited();
      int all = published;
      await().atMost(WAIT).until(() -> api.get("/health").status() == 200 && total(api) == all);
    }
    Committed end = committed(data);
    assertEquals(published, end.ids().size());
    assertEquals(published, end.positions().values().stream().mapToLong(Long::longValue).sum());
    assertCommitMatchesItsPositions(end, offsets(broker, topics));
  }

  static ServiceContext context(KafkaBroker broker, Topics topics, Path dir) {
    return IndexServiceTest.context(broker, topics, dir);
  }

  static void publish(KafkaBroker broker, Topics topics, int from, int count) {
    TestArticles.publish(
        broker.bootstrapServers(),
        topics,
        IntStream.range(from, from + count).mapToObj(TestArticles::numbered).toList());
  }

  /**
   * Publishes a chunk at a time until the service reports the full disk; each chunk is flushed to
   * disk within a refresh, so the limited budget runs out after a few. Returns how many articles
   * are published in all.
   */
  static int publishUntilPaused(KafkaBroker broker, Topics topics, ApiClient api, int from) {
    int published = from;
    for (int chunk = 0; chunk < 50; chunk++) {
      publish(broker, topics, published, CHUNK);
      published += CHUNK;
      int expected = published;
      await().atMost(WAIT).until(() -> paused(api) || total(api) == expected);
      if (paused(api)) {
        return published;
      }
    }
    throw new AssertionError(
        "the disk never filled: " + published + " articles indexed within the budget");
  }

  static boolean paused(ApiClient api) {
    return reasons(api.get("/health").json()).contains(DISK_FULL);
  }

  static List<String> reasons(JsonNode health) {
    return health.get("reasons").valueStream().map(JsonNode::asText).toList();
  }

  static long total(ApiClient api) {
    return api.get("/api/search?size=1").json().get("total").asLong();
  }

  static double diskFullErrors(ApiClient api) {
    Matcher m = DISK_FULL_ERRORS.matcher(api.get("/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** Where a record sits on the topic. */
  record Offset(int partition, long offset) {}

  /** Every article id on the topic with its partition and offset, read back from the broker. */
  static Map<String, Offset> offsets(KafkaBroker broker, Topics topics) {
    Map<String, Offset> offsets = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            KafkaSettings.consumer(broker.bootstrapServers(), null, "test-offsets"))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topics.articles().name(), WAIT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  Offset previous = offsets.put(r.key(), new Offset(r.partition(), r.offset()));
                  assertEquals(null, previous, r.key() + " was published twice");
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
              });
    }
    return offsets;
  }

  /**
   * The last commit on disk: the Kafka positions it stored (partition → next offset) and its
   * article ids.
   */
  record Committed(Map<Integer, Long> positions, Set<String> ids) {}

  static Committed committed(Path data) throws IOException {
    try (FSDirectory dir = FSDirectory.open(data.resolve("index"))) {
      if (!DirectoryReader.indexExists(dir)) {
        return new Committed(Map.of(), Set.of()); // nothing committed yet
      }
      return committed(dir);
    }
  }

  private static Committed committed(FSDirectory dir) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(dir)) {
      Map<Integer, Long> positions = new HashMap<>();
      reader
          .getIndexCommit()
          .getUserData()
          .forEach(
              (k, v) -> {
                if (k.startsWith("kafka.position.")) {
                  positions.put(
                      Integer.parseInt(k.substring(k.lastIndexOf('/') + 1)), Long.parseLong(v));
                }
              });
      return new Committed(positions, IndexedIds.liveEachOnce(reader));
    }
  }

  /**
   * The commit holds an article if and only if its offset lies below the position the commit stored
   * for its partition: nothing committed past what was written, nothing skipped below.
   */
  static void assertCommitMatchesItsPositions(Committed commit, Map<String, Offset> offsets) {
    Set<String> expected = new HashSet<>();
    offsets.forEach(
        (id, at) -> {
          if (at.offset() < commit.positions().getOrDefault(at.partition(), 0L)) {
            expected.add(id);
          }
        });
    assertEquals(expected, commit.ids());
  }
}
