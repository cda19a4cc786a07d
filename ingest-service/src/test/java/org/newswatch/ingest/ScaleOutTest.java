package org.newswatch.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.feed.PollBounds;

/**
 * Two ingest instances split the feeds through the consumer group on news.feeds; one takes over
 * when the other stops.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ScaleOutTest {
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final List<String> FEEDS = IntStream.range(0, 8).mapToObj(i -> "feed-" + i).toList();

  @TempDir Path dir;
  private StaticHttpServer server;
  private IngestService a;
  private IngestService b;

  /** Per feed path, the instances (by their contact URL in User-Agent) that requested it. */
  private final Map<String, Set<String>> requesters = new ConcurrentHashMap<>();

  @AfterEach
  void tearDown() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private IngestService start(KafkaBroker broker, Topics topics, String name) {
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(),
            topics,
            dir.resolve(name),
            0,
            true,
            ADMIN,
            "https://example.org/" + name);
    return IngestService.start(
        ctx,
        dir.resolve("feeds.yaml"),
        IngestOptions.defaults()
            .withInitialSpread(Duration.ZERO)
            .withBounds(
                new PollBounds(
                    Duration.ofSeconds(5), Duration.ofSeconds(5)))); // every 5 s, not adaptive
  }

  private Set<String> polledBy(IngestService s) {
    return s.statuses().snapshot().entrySet().stream()
        .filter(e -> e.getValue().polls() > 0)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  @Test
  void twoInstancesSplitTheFeedsAndTheSurvivorTakesOver(KafkaBroker broker) throws IOException {
    server = StaticHttpServer.start(0);
    byte[] rss = Fixtures.bytes("voa-rss2.xml");
    StringBuilder yaml = new StringBuilder("feeds:\n");
    for (String id : FEEDS) {
      String path = "/" + id + ".xml";
      server.handle(
          path,
          ex -> {
            String agent = ex.getRequestHeaders().getFirst("User-Agent");
            requesters
                .computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet())
                .add(agent.substring(agent.lastIndexOf('/') + 1).replace(")", ""));
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, rss.length);
            ex.getResponseBody().write(rss);
            ex.close();
          });
      yaml.append("  - {id: ")
          .append(id)
          .append(", url: \"")
          .append(server.url(path))
          .append("\", interval: 5s}\n");
    }
    server
        .put("/articles/border-attack.html", "text/html", Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", "text/html", Fixtures.bytes("cricket.html"));
    Files.writeString(dir.resolve("feeds.yaml"), yaml);
    Topics topics = broker.newTopics();

    a = start(broker, topics, "a");
    b = start(broker, topics, "b");

    // Both hold partitions, none twice; and every feed is polled by exactly one of them.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Set<Integer> pa = a.feedPartitions();
              Set<Integer> pb = b.feedPartitions();
              Set<String> fa = polledBy(a);
              Set<String> fb = polledBy(b);
              Set<String> all = new HashSet<>(fa);
              all.addAll(fb);
              return !pa.isEmpty()
                  && !pb.isEmpty()
                  && pa.size() + pb.size() == topics.feeds().partitions()
                  && all.equals(Set.copyOf(FEEDS));
            });
    Set<String> fa = polledBy(a);
    Set<String> fb = polledBy(b);
    assertTrue(fa.stream().noneMatch(fb::contains), "a feed polled by both: " + fa + " / " + fb);
    // Once the group has settled, each feed is requested by one instance only.
    requesters.clear();
    await().atMost(Duration.ofSeconds(60)).until(() -> requesters.keySet().containsAll(FEEDS));
    requesters.forEach((feed, who) -> assertEquals(1, who.size(), feed + " requested by " + who));

    a.close();
    a = null;
    requesters.clear();

    // The survivor holds every partition and polls every feed.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                b.feedPartitions().size() == topics.feeds().partitions()
                    && polledBy(b).equals(Set.copyOf(FEEDS))
                    && requesters.keySet().containsAll(FEEDS));
    requesters.forEach((feed, who) -> assertEquals(Set.of("b"), who, feed));
  }
}
