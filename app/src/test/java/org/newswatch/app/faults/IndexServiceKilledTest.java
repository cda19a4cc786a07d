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
 * pipeline, and started again on the same data folder after more stories arrived: it resumes from
 * the positions in its last Lucene commit, and every article is searchable exactly once (the
 * replayed tail is upserted, not added) while alerts are unaffected. The index-service's own
 * CrashRecoveryTest does the same with 50,000 articles written straight to Kafka; this one runs the
 * whole pipeline from the news site.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class IndexServiceKilledTest {
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
            2)) {
      int atKill = pipeline.killMidStreamAndRestart(pipeline.index, STORIES);
      NoLossCheck.Outcome outcome =
          new NoLossCheck(pipeline).assertEveryArticleAndAlertExactlyOnce(STORIES);
      System.out.println(
          "index-service killed when " + atKill + " stories were published; " + outcome);
    }
  }
}
