package org.newswatch.app;

import java.nio.file.Path;
import org.newswatch.alert.AlertService;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.index.IndexService;
import org.newswatch.ingest.IngestService;

/**
 * The three services of the all-in-one, started as {@link AllInOne} starts them (each with its own
 * folder under one data folder) but on a test broker, the test's topics and ephemeral ports.
 */
final class Pipeline implements AutoCloseable {
  final IngestService ingest;
  final IndexService index;
  final AlertService alert;

  private Pipeline(IngestService ingest, IndexService index, AlertService alert) {
    this.ingest = ingest;
    this.index = index;
    this.alert = alert;
  }

  static Pipeline start(
      String bootstrap, Topics topics, Path data, Path feedsFile, String adminKey) {
    ServiceContext base = new ServiceContext(bootstrap, topics, data, 0, true, adminKey, null);
    IngestService ingest = IngestService.start(base.withDataDir(data.resolve("ingest")), feedsFile);
    IndexService index = null;
    try {
      index = IndexService.start(base.withDataDir(data.resolve("index")));
      AlertService alert = AlertService.start(base.withDataDir(data.resolve("alert")));
      return new Pipeline(ingest, index, alert);
    } catch (RuntimeException e) {
      if (index != null) {
        index.close();
      }
      ingest.close();
      throw e;
    }
  }

  /** Stops in the all-in-one's order: the newest first. */
  @Override
  public void close() {
    try {
      alert.close();
    } finally {
      try {
        index.close();
      } finally {
        ingest.close();
      }
    }
  }
}
