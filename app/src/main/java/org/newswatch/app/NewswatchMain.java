package org.newswatch.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.newswatch.common.config.Env;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.lifecycle.GracefulShutdown;
import org.newswatch.common.lifecycle.ServiceMain;

/** {@code newswatch run|demo|config|extract|bench|fuzz|help}: the all-in-one launcher. */
public final class NewswatchMain {
  static final String USAGE =
      """
      usage: newswatch <command>
        run                  the whole pipeline: embedded Kafka (unless NEWSWATCH_KAFKA), the ingest,
                             index and alert services on 8081-8083 and a landing page on 8080
        demo                 the same on bundled sample feeds (data in data/demo), printing alerts
        config               every NEWSWATCH_* setting: its value (secrets masked) and whether it
                             comes from the environment or is the default; a bad value exits 2
        extract FILE…        print what the extractor makes of saved pages (HTML, .html.gz)
        extract --dir IN --out OUT   the same for every page in IN, results in OUT
        bench [options]      the performance harness (run through the ./newswatch script)
        fuzz [SECONDS]       fuzz the feed, page, query and JSON parsers for SECONDS per target
                             (default 300; runs the fuzz module's tests through ./newswatch and Maven)
        help                 this text
      configuration (environment):
        NEWSWATCH_KAFKA          Kafka bootstrap servers; unset = start the embedded broker
        NEWSWATCH_DATA           data folder (default ./data; demo: ./data/demo)
        NEWSWATCH_FEEDS          feeds file (YAML); default: the real VOA and Dunya News feeds
        NEWSWATCH_PORT           landing page port (8080)
        NEWSWATCH_INGEST_PORT, NEWSWATCH_INDEX_PORT, NEWSWATCH_ALERT_PORT   (8081, 8082, 8083)
        NEWSWATCH_ALLOW_PRIVATE_FEEDS  allow loopback/private feed, page and webhook URLs (false)
        NEWSWATCH_ADMIN_KEY      the admin key; unset = generated once, kept in the data folder
        (all of them, with their defaults: newswatch config)
      """;

  private NewswatchMain() {}

  public static void main(String[] args) {
    quietLibraries();
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "run" -> runUntilStopped(() -> run(System.out));
      case "demo" -> runUntilStopped(() -> DemoCommand.start(Env.system(), System.out));
      case "config" -> System.exit(ConfigCommand.run(Env.system(), System.out, System.err));
      case "extract" -> System.exit(ExtractCommand.run(rest, System.out, System.err));
      case "bench" -> {
        System.err.println(
            "newswatch: bench runs from its own jar; start it with ./newswatch bench");
        System.exit(2);
      }
      case "fuzz" -> {
        System.err.println(
            "newswatch: fuzz runs the fuzz module's tests through Maven; start it with ./newswatch fuzz");
        System.exit(2);
      }
      case "help", "-h", "--help" -> System.out.print(USAGE);
      default -> {
        System.err.print("newswatch: unknown command '" + command + "'\n" + USAGE);
        System.exit(2);
      }
    }
  }

  private static AllInOne run(PrintStream out) {
    NewswatchConfig config = NewswatchConfig.fromSystem();
    AllInOne app = AllInOne.start(config, out);
    AllInOne.Ports p = app.ports();
    if (app.adminKey().generated()) {
      out.println(
          "newswatch: generated the admin key (shown once; kept in the data folder as admin.key):");
      out.println("  " + app.adminKey().value());
    } else if (config.adminKey() == null) {
      out.println("newswatch: the admin key is in " + config.dataDir().resolve("admin.key"));
    }
    out.println(
        "newswatch: running. landing page http://localhost:"
            + p.landing()
            + "/ ; ingest :"
            + p.ingest()
            + ", search :"
            + p.index()
            + ", alerts :"
            + p.alert()
            + ". Ctrl-C stops.");
    return app;
  }

  /**
   * The broker, Jetty and Javalin log every setting and partition at INFO, which buries what a user
   * needs to read; they go to WARN unless the user set a level. Must run before the first logger.
   */
  static void quietLibraries() {
    for (String logger :
        new String[] {
          "kafka", "org.apache.kafka", "state.change.logger", "org.eclipse.jetty", "io.javalin"
        }) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
  }

  /** What a command starts; closed by the shutdown hook. */
  private interface Starter {
    AutoCloseable start();
  }

  private static void runUntilStopped(Starter starter) {
    // Before the start: a supervisor may stop the process as soon as it prints anything.
    GracefulShutdown shutdown = GracefulShutdown.install("newswatch", System.err);
    try {
      shutdown.start(starter::start);
    } catch (RuntimeException e) {
      // A configuration or start-up error: one clear line, not a stack trace, and a failing status.
      System.err.println("newswatch: cannot start: " + ServiceMain.describe(e));
      System.exit(1);
      return;
    }
    try {
      // The services run on their own threads; main waits until the JVM is asked to stop.
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
