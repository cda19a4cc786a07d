package org.newswatch.alert;

import java.time.Clock;
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
 * Runs the alert-service alone against the Kafka cluster named by {@code NEWSWATCH_KAFKA}; stops on
 * SIGTERM.
 */
public final class AlertMain {
  private static final Logger LOG = LoggerFactory.getLogger(AlertMain.class);

  private AlertMain() {}

  public static void main(String[] args) throws InterruptedException {
    // First: a supervisor may stop the process as soon as it prints anything (its port is logged
    // while it starts), and a signal before the handler would skip the clean stop.
    GracefulShutdown shutdown = GracefulShutdown.install("alert-service", System.err);
    NewswatchConfig config = NewswatchConfig.fromSystem();
    if (config.kafka() == null) {
      throw new IllegalArgumentException(
          "NEWSWATCH_KAFKA must name the Kafka bootstrap servers (host:port) when the alert-service runs alone");
    }
    // Checked before anything starts: a bad NEWSWATCH_SMTP_* or NEWSWATCH_INDEX_URL stops here,
    // named.
    AlertSettings settings = AlertSettings.from(config.settings());
    AdminKey admin = AdminKey.resolve(config.adminKey(), config.dataDir());
    if (admin.generated()) {
      LOG.warn("generated an admin key, kept in {}/admin.key: {}", config.dataDir(), admin.value());
    }
    ServiceContext context =
        new ServiceContext(
            config.kafka(),
            new Topics(config.topicPrefix()),
            config.dataDir().resolve("alert"),
            config.alertPort(),
            config.allowPrivateFeeds(),
            admin.value(),
            config.contactUrl(),
            config.healthMaxLag());
    PortFile.clear(config.dataDir(), "alert-service");
    AlertService service =
        shutdown.start(() -> AlertService.start(context, Clock.systemUTC(), settings));
    // Written last: a supervisor may stop the service as soon as it sees the port.
    PortFile.write(config.dataDir(), "alert-service", service.port());
    // The service runs on its own threads; main waits so that only a signal ends the process.
    new CountDownLatch(1).await();
  }
}
