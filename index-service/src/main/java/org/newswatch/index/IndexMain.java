package org.newswatch.index;

import java.util.concurrent.CountDownLatch;
import org.newswatch.common.config.AdminKey;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.config.PortFile;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.lifecycle.GracefulShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the index-service alone against the Kafka cluster in {@code NEWSWATCH_KAFKA}, with its index
 * in {@code NEWSWATCH_DATA/index}; stops cleanly on SIGTERM (Ctrl-C).
 */
public final class IndexMain {
  private static final Logger LOG = LoggerFactory.getLogger(IndexMain.class);

  private IndexMain() {}

  public static void main(String[] args) throws InterruptedException {
    // First: a supervisor may stop the process as soon as it prints anything (its port is logged
    // while it starts), and a signal before the handler would skip the clean stop.
    GracefulShutdown shutdown = GracefulShutdown.install("index-service", System.err);
    NewswatchConfig config = NewswatchConfig.fromSystem();
    if (config.kafka() == null) {
      System.err.println(
          "NEWSWATCH_KAFKA must name the Kafka bootstrap servers (host:port) when the index-service runs alone");
      System.exit(2);
    }
    AdminKey admin = AdminKey.resolve(config.adminKey(), config.dataDir());
    if (admin.generated()) {
      System.out.println("admin key (kept in " + config.dataDir() + "): " + admin.value());
    }
    ServiceContext context =
        new ServiceContext(
            config.kafka(),
            new Topics(config.topicPrefix()),
            config.dataDir(),
            config.indexPort(),
            config.allowPrivateFeeds(),
            admin.value(),
            config.contactUrl(),
            config.healthMaxLag());
    PortFile.clear(config.dataDir(), "index-service");
    IndexService service = shutdown.start(() -> IndexService.start(context));
    LOG.info("index-service on port {}", service.port());
    System.out.println("index-service listening on port " + service.port());
    // Written last: a supervisor may stop the service as soon as it sees the port.
    PortFile.write(config.dataDir(), "index-service", service.port());
    // The service runs on its own threads; main waits so that only a signal ends the process.
    new CountDownLatch(1).await();
  }
}
