package org.newswatch.ingest;

import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.lifecycle.ServiceMain;

/**
 * Runs the ingest-service alone against the Kafka cluster named by {@code NEWSWATCH_KAFKA}, with
 * its state in {@code NEWSWATCH_DATA/ingest}; stops cleanly on SIGTERM (Ctrl-C).
 */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    ServiceMain.run(
        "ingest-service",
        config -> config.dataDir().resolve("ingest"),
        NewswatchConfig::ingestPort,
        (config, context) -> {
          // Where WebSub hubs can reach this service; unset leaves WebSub off (polling only).
          IngestOptions options = IngestOptions.defaults().withPublicUrl(config.ingestPublicUrl());
          return () -> IngestService.start(context, config.feedsFile(), options);
        });
  }
}
