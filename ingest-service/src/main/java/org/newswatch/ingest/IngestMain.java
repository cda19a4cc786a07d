package org.newswatch.ingest;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.newswatch.common.config.AdminKey;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.config.PortFile;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.lifecycle.GracefulShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the ingest-service alone against the Kafka cluster named by {@code NEWSWATCH_KAFKA}. */
public final class IngestMain {
  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  private IngestMain() {}

  public static void main(String[] args) throws InterruptedException {
    // First: a supervisor may stop the process as soon as it prints anything (its port is logged
    // while it starts), and a signal before the handler would skip the clean stop.
    GracefulShutdown shutdown = GracefulShutdown.install("ingest-service", System.err);
    NewswatchConfig config = NewswatchConfig.fromSystem();
    if (config.kafka() == null) {
      throw new IllegalArgumentException(
          "NEWSWATCH_KAFKA (bootstrap servers) must be set to run ingest-service alone");
    }
    AdminKey admin = AdminKey.resolve(config.adminKey(), config.dataDir());
    if (admin.generated()) {
      LOG.warn(
          "generated an admin key, kept in {}: {}",
          config.dataDir().resolve("admin.key"),
          admin.value());
    }
    Path dataDir = config.dataDir().resolve("ingest");
    ServiceContext ctx =
        new ServiceContext(
            config.kafka(),
            new Topics(config.topicPrefix()),
            dataDir,
            config.ingestPort(),
            config.allowPrivateFeeds(),
            admin.value(),
            config.contactUrl(),
            config.healthMaxLag());
    // Where WebSub hubs can reach this service; unset leaves WebSub off (polling only).
    String publicUrl = config.ingestPublicUrl();
    PortFile.clear(config.dataDir(), "ingest-service");
    IngestService service =
        shutdown.start(
            () ->
                IngestService.start(
                    ctx, config.feedsFile(), IngestOptions.defaults().withPublicUrl(publicUrl)));
    // Written last: a supervisor may stop the service as soon as it sees the port.
    PortFile.write(config.dataDir(), "ingest-service", service.port());
    // The service runs on its own threads; main waits so that only a signal ends the process.
    new CountDownLatch(1).await();
  }
}
