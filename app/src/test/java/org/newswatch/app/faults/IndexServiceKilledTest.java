package org.newswatch.app.faults;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * The index-service, a JVM of its own, killed with SIGKILL while stories stream through the
 * pipeline, and started again on the same data folder after more stories arrived: every article is
 * searchable exactly once and every alert listed exactly once.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class IndexServiceKilledTest {
  static final int STORIES = 30;

  @TempDir Path data;

  @Test
  void killDashNineMidStreamLosesAndDoublesNothing(KafkaBroker broker) throws Exception {
    try (ProcessPipeline pipeline = ProcessPipeline.start(broker.bootstrapServers(), broker.newTopics(), data, ServiceProcess.logDir(getClass()), 1)) {
      // Given stories streaming through all three services,
      pipeline.stories.publishSteadily(STORIES, Duration.ofMillis(600));
      pipeline.awaitIndexed(6);

      // when the index-service is killed, more stories arrive while it is down, and it is started again,
      pipeline.index.kill();
      int atKill = pipeline.stories.count();
      await("stories published while the index-service is down").atMost(ProcessPipeline.PATIENCE)
          .until(() -> pipeline.stories.count() >= Math.min(STORIES, atKill + 3));
      pipeline.index.restart();
      pipeline.awaitAllHealthy();

      // then every story is searchable once and alerted once if it should be.
      NoLossCheck.Outcome outcome = new NoLossCheck(pipeline).assertEveryArticleAndAlertExactlyOnce(STORIES);
      System.out.println("killed at " + atKill + " stories published; " + outcome);
    }
  }
}
