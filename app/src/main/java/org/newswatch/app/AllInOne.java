package org.newswatch.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.newswatch.alert.AlertService;
import org.newswatch.alert.AlertSettings;
import org.newswatch.common.config.AdminKey;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.EmbeddedKafkaBroker;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.lifecycle.ClosingOrder;
import org.newswatch.index.IndexService;
import org.newswatch.ingest.IngestOptions;
import org.newswatch.ingest.IngestService;

/**
 * The whole pipeline in one JVM: the embedded Kafka broker (unless {@code NEWSWATCH_KAFKA} names a
 * cluster), the topics, the three services and the landing page. Each service gets its own folder
 * under the data folder, exactly as if it ran alone. {@link #close()} stops them in reverse order
 * of start and the broker last, so every consumer commits while the broker is still there.
 */
public final class AllInOne implements AutoCloseable {
  /** The embedded broker's client port when it is free; clients on this machine expect it there. */
  static final int KAFKA_PORT = 9092;

  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  private final ClosingOrder started;
  private final PrintStream out;
  private String bootstrap;
  private AdminKey adminKey;
  private Ports ports;

  /** The ports the parts listen on, known after start (a configured 0 becomes the real port). */
  public record Ports(int ingest, int index, int alert, int landing) {}

  private AllInOne(PrintStream out) {
    this.out = out;
    // Newest first: each part is added before those started earlier.
    this.started =
        new ClosingOrder(
            (part, e) ->
                out.println(
                    "newswatch: "
                        + part.getClass().getSimpleName()
                        + " did not close cleanly: "
                        + e));
  }

  /** Starts everything or, when a part fails, stops what had started and throws. */
  public static AllInOne start(NewswatchConfig config, PrintStream out) {
    return start(config, out, KAFKA_PORT);
  }

  /**
   * As {@link #start(NewswatchConfig, PrintStream)}, the embedded broker on {@code kafkaPort} (0:
   * any; tests).
   */
  static AllInOne start(NewswatchConfig config, PrintStream out, int kafkaPort) {
    AllInOne app = new AllInOne(out);
    try {
      app.startParts(config, kafkaPort);
      return app;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  private void startParts(NewswatchConfig config, int kafkaPort) {
    Path data = config.dataDir();
    // Checked before anything starts: a bad NEWSWATCH_SMTP_* or NEWSWATCH_INDEX_URL stops here.
    AlertSettings.from(config.settings());
    bootstrap = config.kafka();
    if (bootstrap == null) {
      int port = kafkaPort;
      if (port != 0 && !isFree(port)) {
        out.println(
            "newswatch: port "
                + port
                + " is taken; the embedded Kafka broker uses another free port");
        port = 0;
      }
      out.println(
          "newswatch: starting the embedded Kafka broker (data in " + data.resolve("kafka") + ")");
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data.resolve("kafka"), port);
      started.addFirst(broker);
      bootstrap = broker.bootstrapServers();
    }
    out.println("newswatch: Kafka at " + bootstrap);
    Topics topics = new Topics(config.topicPrefix());
    TopicAdmin.ensure(bootstrap, topics, TOPIC_TIMEOUT);

    adminKey = AdminKey.resolve(config.adminKey(), data);
    ServiceContext base =
        new ServiceContext(
            bootstrap,
            topics,
            data,
            0,
            config.allowPrivateFeeds(),
            adminKey.value(),
            config.contactUrl(),
            config.healthMaxLag());

    IngestService ingest =
        IngestService.start(
            base.withDataDir(data.resolve("ingest")).withPort(config.ingestPort()),
            config.feedsFile(),
            IngestOptions.defaults().withPublicUrl(config.ingestPublicUrl()));
    started.addFirst(ingest);
    IndexService index =
        IndexService.start(base.withDataDir(data.resolve("index")).withPort(config.indexPort()));
    started.addFirst(index);
    AlertService alert =
        AlertService.start(
            base.withDataDir(data.resolve("alert")).withPort(config.alertPort()),
            Clock.systemUTC(),
            // The preview reads the index started here, on whatever port it got.
            AlertSettings.from(config.settings(), index.port()));
    started.addFirst(alert);

    LandingPage landing =
        LandingPage.start(
            config.appPort(),
            new LandingPage.Service(
                "ingest-service", "feeds, polling, extraction", ingest.port(), "/api/feeds"),
            new LandingPage.Service(
                "index-service",
                "search for researchers",
                index.port(),
                "/api/search?q=Balochistan"),
            new LandingPage.Service(
                "alert-service",
                "subscriptions and alerts for analysts",
                alert.port(),
                "/api/alerts?subscription=balochistan-border-security"));
    started.addFirst(landing);
    ports = new Ports(ingest.port(), index.port(), alert.port(), landing.port());
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public AdminKey adminKey() {
    return adminKey;
  }

  public Ports ports() {
    return ports;
  }

  /**
   * Closes what was started, newest first; one part failing to close does not keep the rest open.
   */
  @Override
  public void close() {
    started.close();
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
