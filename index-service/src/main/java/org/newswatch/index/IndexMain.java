package org.newswatch.index;

import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.lifecycle.ServiceMain;

/**
 * Runs the index-service alone against the Kafka cluster in {@code NEWSWATCH_KAFKA}, with its index
 * in {@code NEWSWATCH_DATA/index}; stops cleanly on SIGTERM (Ctrl-C).
 */
public final class IndexMain {
  private IndexMain() {}

  public static void main(String[] args) {
    ServiceMain.run(
        "index-service",
        NewswatchConfig::dataDir,
        NewswatchConfig::indexPort,
        (config, context) -> () -> IndexService.start(context));
  }
}
