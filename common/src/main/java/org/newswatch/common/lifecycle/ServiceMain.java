package org.newswatch.common.lifecycle;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.newswatch.common.config.AdminKey;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.config.PortFile;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;

/**
 * What a service's {@code main} does when it runs alone (as the compose file runs it), the same for
 * the three: the signal handler first, the configuration read and checked, the admin key, the
 * service started under the handler, then its port announced and written for supervisors. Each
 * {@code XxxMain} names only what differs: its name, its folder, its port and how it starts.
 *
 * <p>A bad setting or a failed start ends the process with one line naming it and status 1, before
 * anything runs (no stack trace for an operator to read through).
 */
public final class ServiceMain {
  private ServiceMain() {}

  /** A started service: what the stop closes, and the port it listens on. */
  public interface Running extends AutoCloseable {
    int port();
  }

  /**
   * Reads and checks the service's own settings (throwing {@link IllegalArgumentException}, named,
   * before anything starts) and says how to start it.
   */
  @FunctionalInterface
  public interface Assembly<S extends Running> {
    Supplier<S> prepare(NewswatchConfig config, ServiceContext context);
  }

  /**
   * Runs a service until the JVM is asked to stop.
   *
   * @param dataDir the service's own folder, from the configured data folder
   * @param port the service's configured port
   */
  @SuppressForbidden("System.exit: a service that cannot start ends its process with a status")
  public static <S extends Running> void run(
      String name,
      Function<NewswatchConfig, Path> dataDir,
      ToIntFunction<NewswatchConfig> port,
      Assembly<S> assembly) {
    // First: a supervisor may stop the process as soon as it prints anything (its port is logged
    // while it starts), and a signal before the handler would skip the clean stop.
    GracefulShutdown shutdown = GracefulShutdown.install(name, System.err);
    NewswatchConfig config;
    S service;
    try {
      config = NewswatchConfig.fromSystem();
      if (config.kafka() == null) {
        throw new IllegalArgumentException(
            "NEWSWATCH_KAFKA must name the Kafka bootstrap servers (host:port) when the "
                + name
                + " runs alone");
      }
      AdminKey admin = AdminKey.resolve(config.adminKey(), config.dataDir());
      if (admin.generated()) {
        System.out.println(
            name
                + ": generated the admin key (kept in "
                + config.dataDir().resolve("admin.key")
                + "): "
                + admin.value());
      }
      ServiceContext context =
          new ServiceContext(
              config.kafka(),
              new Topics(config.topicPrefix()),
              dataDir.apply(config),
              port.applyAsInt(config),
              config.allowPrivateFeeds(),
              admin.value(),
              config.contactUrl(),
              config.healthMaxLag());
      Supplier<S> starter = assembly.prepare(config, context);
      PortFile.clear(config.dataDir(), name);
      service = shutdown.start(starter);
    } catch (RuntimeException e) {
      System.err.println(name + ": cannot start: " + describe(e));
      System.exit(1);
      return;
    }
    System.out.println(name + " listening on port " + service.port());
    // Written last: a supervisor may stop the service as soon as it sees the port.
    PortFile.write(config.dataDir(), name, service.port());
    try {
      // The service runs on its own threads; main waits so that only a signal ends the process.
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The message of an exception and of its causes, on one line. */
  public static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e;
        t != null && b.length() < 1000;
        t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (b.indexOf(m) < 0) {
        b.append(b.isEmpty() ? "" : ": ").append(m);
      }
    }
    return b.toString();
  }
}
