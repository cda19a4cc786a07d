package org.newswatch.alert;

import java.time.Clock;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.lifecycle.ServiceMain;

/**
 * Runs the alert-service alone against the Kafka cluster named by {@code NEWSWATCH_KAFKA}, with its
 * state in {@code NEWSWATCH_DATA/alert}; stops cleanly on SIGTERM (Ctrl-C).
 */
public final class AlertMain {
  private AlertMain() {}

  public static void main(String[] args) {
    ServiceMain.run(
        "alert-service",
        config -> config.dataDir().resolve("alert"),
        NewswatchConfig::alertPort,
        (config, context) -> {
          // Read before anything starts: a bad NEWSWATCH_SMTP_* or NEWSWATCH_INDEX_URL stops here,
          // named.
          AlertSettings settings = AlertSettings.from(config.settings());
          return () -> AlertService.start(context, Clock.systemUTC(), settings);
        });
  }
}
