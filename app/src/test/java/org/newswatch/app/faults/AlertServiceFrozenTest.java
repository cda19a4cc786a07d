package org.newswatch.app.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * A zombie: one of two alert-service instances frozen with SIGSTOP while stories stream through (as
 * a long GC pause or a suspended VM freezes it), long enough for the group to drop it and the other
 * instance to take all of {@code news.articles}, then thawed. It wakes in the middle of whatever it
 * was doing, possibly a batch matched but not committed, on partitions that are no longer its own:
 * its commit must fail (the group's generation fences it) and it must rejoin and go on. Every
 * expected alert is listed exactly once and none is twice on {@code news.alerts}, and the thawed
 * instance is ready again.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class AlertServiceFrozenTest {
  static final int STORIES = 24;

  @TempDir Path data;

  @Test
  void frozenInstanceThawedAfterTheGroupMovedOnAlertsNothingTwice(KafkaBroker broker)
      throws Exception {
    try (ProcessPipeline pipeline =
            ProcessPipeline.start(
                broker.bootstrapServers(),
                broker.newTopics(),
                data,
                ServiceProcess.logDir(getClass()),
                5);
        ServiceProcess second =
            pipeline.alert.anotherInstance(
                "alert-service-2", "NEWSWATCH_ALERT_PORT", data.resolve("alert-2"))) {
      second.awaitHealthy();
      String group = pipeline.topics.prefix() + "newswatch-alert";
      await("both alert-service instances in the group")
          .atMost(ProcessPipeline.PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> members(pipeline.bootstrap, group) == 2);

      pipeline.stories.publishSteadily(STORIES / 3, ProcessPipeline.PACE);
      pipeline.awaitFlowing();
      pipeline.stories.publishSteadily(STORIES - STORIES / 3, ProcessPipeline.PACE);
      // Right after a feed poll, as the kill tests do: new articles are then on their way to both.
      int fetches = pipeline.site.feedFetches();
      await("the next feed poll")
          .atMost(ProcessPipeline.PATIENCE)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> pipeline.site.feedFetches() > fetches);
      pipeline.alert.freeze();
      int atFreeze = pipeline.stories.count();
      pipeline.note("alert-service frozen");
      try {
        // The session timeout is 10 s: the frozen member is dropped and the other reads it all.
        await("the frozen instance dropped from the group")
            .atMost(ProcessPipeline.PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> members(pipeline.bootstrap, group) == 1);
        pipeline.note("group moved on without the frozen instance");
        await("stories published while it is frozen")
            .atMost(ProcessPipeline.PATIENCE)
            .until(() -> pipeline.stories.count() >= Math.min(STORIES, atFreeze + 3));
      } finally {
        pipeline.alert.thaw();
      }
      pipeline.note("alert-service thawed");
      await("the thawed instance back in the group")
          .atMost(ProcessPipeline.PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> members(pipeline.bootstrap, group) == 2);
      pipeline.awaitAllHealthy();
      second.awaitHealthy();

      NoLossCheck.Outcome outcome =
          new NoLossCheck(pipeline).assertEveryArticleAndAlertExactlyOnce(STORIES);
      assertTrue(pipeline.alert.healthy(), "the thawed instance is ready");
      System.out.println(
          "alert-service frozen when " + atFreeze + " stories were published; " + outcome);
    }
  }

  private static int members(String bootstrap, String group) throws Exception {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      return admin
          .describeConsumerGroups(java.util.List.of(group))
          .describedGroups()
          .get(group)
          .get()
          .members()
          .size();
    }
  }
}
