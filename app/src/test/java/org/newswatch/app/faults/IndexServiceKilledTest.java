package org.newswatch.app.faults;

import java.nio.file.Path;
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
    try (ProcessPipeline pipeline = ProcessPipeline.start(broker.bootstrapServers(), broker.newTopics(), data, ServiceProcess.logDir(getClass()), 2)) {
      int atKill = pipeline.killMidStreamAndRestart(pipeline.index, STORIES);
      NoLossCheck.Outcome outcome = new NoLossCheck(pipeline).assertEveryArticleAndAlertExactlyOnce(STORIES);
      System.out.println("index-service killed when " + atKill + " stories were published; " + outcome);
    }
  }
}
