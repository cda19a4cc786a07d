package org.newswatch.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.newswatch.common.config.Env;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.config.Settings;

/**
 * {@code newswatch demo}: the all-in-one fed by the {@link DemoSite} instead of the real feeds. The
 * data folder defaults to {@code data/demo} so that a demo never mixes with {@code run}'s data;
 * private (loopback) feed URLs are allowed, since the demo site is on loopback.
 */
final class DemoCommand {
  static final Path DEFAULT_DATA = Path.of("data", "demo");

  /** How often the demo asks the alert API for new alerts; a user waits for them. */
  static final Duration ALERT_POLL = Duration.ofSeconds(2);

  private DemoCommand() {}

  /** Starts everything and returns what the caller closes (in this order: tail, pipeline, site). */
  static AutoCloseable start(Env env, PrintStream out) {
    NewswatchConfig config = NewswatchConfig.from(env);
    Path data = config.settings().fromEnvironment(Settings.DATA) ? config.dataDir() : DEFAULT_DATA;
    DemoSite site = DemoSite.start(data, Clock.systemUTC());
    AllInOne app;
    try {
      Path feeds = site.writeFeedsFile(data.resolve("demo-feeds.yaml"));
      NewswatchConfig demo = config.forDemo(data, feeds);
      out.println("demo: sample news sites on " + site.url("/") + " (feeds file " + feeds + ")");
      app = AllInOne.start(demo, out);
    } catch (RuntimeException e) {
      site.close();
      throw e;
    }
    AllInOne.Ports p = app.ports();
    String key = app.adminKey().value();
    out.println();
    out.println("Newswatch demo is running (data in " + data.toAbsolutePath() + ").");
    out.println("  landing page:   http://localhost:" + p.landing() + "/");
    out.println("  feeds page:     http://localhost:" + p.ingest() + "/");
    out.println("  search page:    http://localhost:" + p.index() + "/");
    out.println("  analysts' page: http://localhost:" + p.alert() + "/");
    out.println("  feeds:          " + String.join("  ", site.feedUrls()));
    out.println("  admin key:      " + key);
    out.println("Try:");
    out.println(
        "  curl -H 'Authorization: Bearer "
            + key
            + "' 'http://localhost:"
            + p.index()
            + "/api/search?q=Balochistan'");
    out.println(
        "  curl -H 'Authorization: Bearer "
            + key
            + "' 'http://localhost:"
            + p.alert()
            + "/api/alerts?subscription=balochistan-border-security'");
    out.println("Alerts appear below as they arrive (within a minute). Ctrl-C stops.");
    out.println();
    AlertTail tail = new AlertTail(p.alert(), key, out, ALERT_POLL).start();
    return () -> {
      tail.close();
      try {
        app.close();
      } finally {
        site.close();
      }
    };
  }
}
