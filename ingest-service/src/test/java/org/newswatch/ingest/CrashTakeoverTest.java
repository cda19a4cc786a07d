package org.newswatch.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;

/**
 * An ingest instance started by {@link IngestMain} in its own JVM is killed with SIGKILL (no
 * goodbye to the group); the instance in this JVM takes its feeds over once the group notices.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class CrashTakeoverTest {
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final List<String> FEEDS = IntStream.range(0, 8).mapToObj(i -> "feed-" + i).toList();

  @TempDir Path dir;
  private StaticHttpServer server;
  private Process other;
  private IngestService survivor;

  @AfterEach
  void tearDown() {
    if (other != null) {
      other.destroyForcibly();
    }
    if (survivor != null) {
      survivor.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theSurvivorTakesOverTheFeedsOfAKilledInstance(KafkaBroker broker) throws IOException {
    server = StaticHttpServer.start(0);
    server
        .put("/articles/border-attack.html", "text/html", Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", "text/html", Fixtures.bytes("cricket.html"));
    StringBuilder yaml = new StringBuilder("feeds:\n");
    for (String id : FEEDS) {
      server.put("/" + id + ".xml", "application/rss+xml", Fixtures.bytes("voa-rss2.xml"));
      yaml.append("  - {id: ")
          .append(id)
          .append(", url: \"")
          .append(server.url("/" + id + ".xml"))
          .append("\", interval: 5s}\n");
    }
    Path feedsFile = Files.writeString(dir.resolve("feeds.yaml"), yaml);
    Topics topics = broker.newTopics();

    // The other instance: IngestMain in a JVM of its own, configured only through the environment.
    ProcessBuilder pb =
        new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-cp",
            System.getProperty("java.class.path"),
            IngestMain.class.getName());
    Map<String, String> env = pb.environment();
    env.put("NEWSWATCH_KAFKA", broker.bootstrapServers());
    env.put("NEWSWATCH_TOPIC_PREFIX", topics.prefix());
    env.put("NEWSWATCH_DATA", dir.resolve("other").toString());
    env.put("NEWSWATCH_FEEDS", feedsFile.toString());
    env.put("NEWSWATCH_INGEST_PORT", "0");
    env.put("NEWSWATCH_ALLOW_PRIVATE_FEEDS", "true");
    env.put("NEWSWATCH_ADMIN_KEY", ADMIN);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("other.log").toFile());
    other = pb.start();

    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(), topics, dir.resolve("survivor"), 0, true, ADMIN, null);
    survivor =
        IngestService.start(
            ctx, feedsFile, IngestOptions.defaults().withInitialSpread(Duration.ZERO));
    int partitions = topics.feeds().partitions();

    // The group has split the feeds: the survivor holds some partitions, not all.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              int held = survivor.feedPartitions().size();
              return held > 0 && held < partitions;
            });
    Set<String> before = polled();
    assertTrue(
        before.size() < FEEDS.size(),
        "before the kill the survivor polls only its share: " + before);

    other.destroyForcibly(); // SIGKILL: no LeaveGroup, the broker notices by the session timeout
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                survivor.feedPartitions().size() == partitions
                    && polled().equals(Set.copyOf(FEEDS)));
  }

  private Set<String> polled() {
    return survivor.statuses().snapshot().entrySet().stream()
        .filter(e -> e.getValue().polls() > 0)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }
}
