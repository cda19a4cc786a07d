package org.newswatch.app.faults;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * The ingest-service, a JVM of its own, killed with SIGKILL while the news site publishes stories
 * (between feed polls or in the middle of one), and started again on the same data folder after
 * more stories arrived: no story is lost (each reaches the index exactly once) and none is alerted
 * twice. Re-publishing an article Kafka took just before the kill is allowed (DESIGN.md: at least
 * once; the index upserts, the alert-service deduplicates), so the check is on what users see; the
 * re-published records are printed.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class IngestServiceKilledTest {
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
            1)) {
      int atKill = pipeline.killMidStreamAndRestart(pipeline.ingest, STORIES);
      NoLossCheck.Outcome outcome =
          new NoLossCheck(pipeline).assertEveryArticleAndAlertExactlyOnce(STORIES);
      System.out.println(
          "ingest-service killed when " + atKill + " stories were published; " + outcome);
    }
  }
}
