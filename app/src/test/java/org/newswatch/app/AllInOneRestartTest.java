package org.newswatch.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.TopicRecords;

/**
 * {@code newswatch run} stopped and started again on the same data folder, with its own embedded
 * broker (not the tests' shared one): the broker comes back with its topics and offsets, and
 * nothing is published, indexed as new or alerted a second time.
 */
@Tag("slow")
class AllInOneRestartTest {
  static final String KEY = PipelineEndToEndTest.KEY;

  @TempDir Path data;

  @Test
  void restartOnTheSameDataFolderRepeatsNothing() throws Exception {
    Topics topics = Topics.standard();
    Api api = new Api(KEY);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (NewsSite site = NewsSite.start()) {
      site.publish(PipelineEndToEndTest.CRICKET);
      site.publish(PipelineEndToEndTest.BORDER);
      site.publish(PipelineEndToEndTest.WEATHER);
      NewswatchConfig config =
          new NewswatchConfig(
              null,
              data,
              site.writeFeedsFile(data.resolve("feeds.yaml")),
              0,
              0,
              0,
              0,
              true,
              KEY,
              "",
              null,
              ServiceContext.DEFAULT_HEALTH_MAX_LAG);

      // Given the all-in-one has handled three stories and alerted one,
      int articles;
      int alertRecords;
      List<String> alertIds;
      String firstBootstrap;
      try (AllInOne first = AllInOne.start(config, out, 0)) {
        firstBootstrap = first.bootstrapServers();
        awaitHandled(api, first, topics);
        articles = TopicRecords.count(first.bootstrapServers(), topics.articles().name());
        alertRecords = TopicRecords.count(first.bootstrapServers(), topics.alerts().name());
        alertIds =
            Api.field(
                api.alerts(first.ports().alert(), PipelineEndToEndTest.BORDER_TOPIC),
                "items",
                "id");
      }
      assertEquals(3, articles);
      assertEquals(1, alertIds.size());

      // when it starts again on the same folder (a new broker port, the same log) and polls twice,
      int fetchesBefore = site.feedFetches();
      try (AllInOne second = AllInOne.start(config, out, 0)) {
        assertNotEquals(
            firstBootstrap, second.bootstrapServers(), "a new broker process, not the first one");
        await("two polls after the restart")
            .atMost(PipelineEndToEndTest.PATIENCE)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> site.feedFetches() >= fetchesBefore + 2);
        await("alert-service read every article")
            .atMost(PipelineEndToEndTest.PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    TopicRecords.groupsCaughtUp(
                        second.bootstrapServers(), "", topics.articles().name()));
        await("search answering")
            .atMost(PipelineEndToEndTest.PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> api.search(second.ports().index(), PipelineEndToEndTest.FIXTURE_WORD).ok());

        // then the log, the index and the alerts are as they were.
        assertEquals(
            articles,
            TopicRecords.count(second.bootstrapServers(), topics.articles().name()),
            "articles re-published");
        assertEquals(
            3,
            api.search(second.ports().index(), PipelineEndToEndTest.FIXTURE_WORD)
                .body()
                .path("total")
                .asLong());
        assertEquals(
            alertRecords,
            TopicRecords.count(second.bootstrapServers(), topics.alerts().name()),
            "alerts re-written");
        assertEquals(
            alertIds,
            Api.field(
                api.alerts(second.ports().alert(), PipelineEndToEndTest.BORDER_TOPIC),
                "items",
                "id"));
      }
    }
  }

  private static void awaitHandled(Api api, AllInOne app, Topics topics) {
    await("three stories searchable")
        .atMost(PipelineEndToEndTest.PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                api.search(app.ports().index(), PipelineEndToEndTest.FIXTURE_WORD)
                        .body()
                        .path("total")
                        .asLong()
                    == 3);
    await("border alert")
        .atMost(PipelineEndToEndTest.PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                Api.field(
                        api.alerts(app.ports().alert(), PipelineEndToEndTest.BORDER_TOPIC),
                        "items",
                        "title")
                    .contains(PipelineEndToEndTest.BORDER.title()));
    await("alert-service read every article")
        .atMost(PipelineEndToEndTest.PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                TopicRecords.groupsCaughtUp(app.bootstrapServers(), "", topics.articles().name()));
  }
}
