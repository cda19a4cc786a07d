package org.newswatch.index;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.testing.ApiClient;
import org.newswatch.index.testing.TestArticles;

/** Read scaling: two replicas on one broker each index the whole topic and answer alike. */
@ExtendWith(KafkaBrokerExtension.class)
class ReplicasTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";

  @Test
  void twoReplicasIndexEverythingAndServeTheSameResults(
      KafkaBroker broker, @TempDir Path one, @TempDir Path two) {
    Topics topics = broker.newTopics();
    List<Article> first = IntStream.range(0, 120).mapToObj(TestArticles::numbered).toList();
    TestArticles.publish(broker.bootstrapServers(), topics, first);
    try (IndexService a =
            IndexService.start(
                new ServiceContext(broker.bootstrapServers(), topics, one, 0, true, ADMIN, null));
        IndexService b =
            IndexService.start(
                new ServiceContext(broker.bootstrapServers(), topics, two, 0, true, ADMIN, null))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> a.documentCount() == 120 && b.documentCount() == 120);
      // Articles published while both run reach both.
      TestArticles.publish(
          broker.bootstrapServers(),
          topics,
          IntStream.range(120, 150).mapToObj(TestArticles::numbered).toList());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> a.documentCount() == 150 && b.documentCount() == 150);
      ApiClient apiA = new ApiClient(a.port(), ADMIN);
      ApiClient apiB = new ApiClient(b.port(), ADMIN);
      for (String query :
          List.of(
              "/api/search?q=report&sort=newest&size=50",
              "/api/search?q=markets&source=VOA&size=10",
              "/api/timeline?q=report",
              "/api/search?q=" + ApiClient.enc("\"report number\"") + "&size=5")) {
        assertEquals(apiA.get(query).json(), apiB.get(query).json(), query);
      }
      // Each read the whole topic itself: neither took partitions away from the other.
      assertEquals(150, a.documentsIndexed());
      assertEquals(150, b.documentsIndexed());
    }
  }
}
