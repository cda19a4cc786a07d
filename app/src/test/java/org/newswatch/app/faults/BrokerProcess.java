package org.newswatch.app.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) in a JVM of its own, as an
 * operator runs it: {@code kafka.tools.StorageTool format} once, then {@code kafka.Kafka
 * server.properties}, from the kafka_2.13 jars on the test class path. It can be killed and started
 * again on the same log folder and ports, so clients see the same cluster come back.
 */
final class BrokerProcess implements AutoCloseable {
  private final Path dir;
  private final Path properties;
  private final Path log;
  private final int port;
  private Process process;

  private BrokerProcess(Path dir, Path log, int port) {
    this.dir = dir;
    this.properties = dir.resolve("server.properties");
    this.log = log;
    this.port = port;
  }

  /** Formats a new log folder in {@code dir}, starts the broker and waits until it answers. */
  static BrokerProcess start(Path dir, Path logDir) {
    BrokerProcess broker =
        new BrokerProcess(dir, logDir.resolve("broker.log"), ServiceProcess.freePort());
    broker.format(ServiceProcess.freePort());
    broker.launch();
    return broker;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  private void format(int controllerPort) {
    Path data = dir.resolve("kafka-logs");
    String config =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + data.toAbsolutePath(),
            // One node: every internal topic has one replica.
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=4",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=4",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "default.replication.factor=1",
            "min.insync.replicas=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "");
    try {
      Files.createDirectories(dir);
      Files.writeString(properties, config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + properties, e);
    }
    Process format =
        ServiceProcess.java(
            "kafka.tools.StorageTool",
            List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()),
            Map.of(),
            log);
    ServiceProcess.awaitExit(format);
    if (format.exitValue() != 0) {
      throw new IllegalStateException(
          "kafka.tools.StorageTool format failed with " + format.exitValue() + "; see " + log);
    }
  }

  private void launch() {
    process = ServiceProcess.java("kafka.Kafka", List.of(properties.toString()), Map.of(), log);
    await("broker answering on " + bootstrapServers() + " (log: " + log + ")")
        .atMost(ServiceProcess.START)
        .pollInterval(Duration.ofMillis(250))
        .until(this::answers);
  }

  /** True when the broker process runs and describes its cluster to an admin client. */
  boolean answers() {
    if (!process.isAlive()) {
      throw new AssertionError("the broker exited with " + process.exitValue() + "; see " + log);
    }
    // The port first: an admin client on a closed port only logs a warning every few hundred ms.
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1000);
    } catch (IOException e) {
      return false;
    }
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    try (Admin admin = Admin.create(p)) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * SIGKILL ({@code kill -9}): the broker neither flushes its log nor tells clients or coordinators
   * anything; what the page cache holds survives, as when the broker's process dies.
   */
  void kill() {
    process.destroyForcibly();
    ServiceProcess.awaitExit(process);
  }

  /** Starts the broker again on the same log folder and ports and waits until it answers. */
  void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("the broker is still running");
    }
    launch();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
