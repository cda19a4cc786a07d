package org.newswatch.app.faults;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * The alert-service, a JVM of its own, killed with SIGKILL while stories stream through the
 * pipeline, and started again on the same data folder after more stories arrived: it comes back
 * under the same transactional id (kept in its folder), which aborts whatever transaction the dead
 * process left open, and re-reads the batch that was not committed. Every expected alert is then
 * listed exactly once, none twice on {@code news.alerts}, and every article is still searchable
 * exactly once.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class AlertServiceKilledTest {
  static final int STORIES = 24;

  @TempDir Path data;

  @Test
  void killDashNineMidStreamLosesAndDoublesNothing(KafkaBroker broker) throws Exception {
    try (ProcessPipeline pipeline =
        ProcessPipeline.start(
            broker.bootstrapServers(),
            broker.newTopics(),
            data,
            ServiceProcess.logDir(getClass()),
            3)) {
      int atKill = pipeline.killMidStreamAndRestart(pipeline.alert, STORIES);
      NoLossCheck.Outcome outcome =
          new NoLossCheck(pipeline).assertEveryArticleAndAlertExactlyOnce(STORIES);
      System.out.println(
          "alert-service killed when " + atKill + " stories were published; " + outcome);
    }
  }
}
