package org.newswatch.common.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The real Kafka server (KRaft, one combined broker and controller) in this JVM: the all-in-one's
 * default and the broker of integration tests without Docker. Its log lives in a folder of the
 * caller's, so a restart on the same folder keeps every topic and committed offset.
 *
 * <p>Needs {@code kafka_2.13}, {@code kafka-metadata} and {@code kafka-server-common} on the class
 * path; {@code common} declares them optional so that the standalone services do not carry them.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final String LISTENER = "PLAINTEXT";
  private static final String CONTROLLER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code logDir} if it is new and starts the broker.
   *
   * @param port the client port on 127.0.0.1, or 0 for any free one
   */
  public static EmbeddedKafkaBroker start(Path logDir, int port) {
    try {
      Files.createDirectories(logDir);
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      props.put(
          "listeners",
          LISTENER
              + "://127.0.0.1:"
              + brokerPort
              + ","
              + CONTROLLER
              + "://127.0.0.1:"
              + controllerPort);
      props.put("advertised.listeners", LISTENER + "://127.0.0.1:" + brokerPort);
      props.put(
          "listener.security.protocol.map", LISTENER + ":PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
      props.put("controller.listener.names", CONTROLLER);
      props.put("inter.broker.listener.name", LISTENER);
      props.put("log.dirs", logDir.toAbsolutePath().toString());
      // One node: every internal topic has one replica.
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "4");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("transaction.state.log.num.partitions", "4");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("default.replication.factor", "1");
      props.put("min.insync.replicas", "1");
      // Consumers join at once instead of waiting 3 s for more members.
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("num.partitions", "3");
      props.put("auto.create.topics.enable", "false");
      props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
      props.put("message.max.bytes", String.valueOf(5 * 1024 * 1024));

      KafkaConfig config = new KafkaConfig(props);
      new Formatter()
          .setPrintStream(
              new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
          .setClusterId(clusterId(logDir))
          .setNodeId(1)
          .setControllerListenerName(CONTROLLER)
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          // A restart on the same folder keeps its data (and, see clusterId, its cluster id).
          .setIgnoreFormatted(true)
          .run();
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      return new EmbeddedKafkaBroker(server, "127.0.0.1:" + brokerPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka log folder " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the embedded Kafka broker did not start: " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  /**
   * The cluster id already in the folder's {@code meta.properties}, else a new one: the formatter
   * (and the broker's start) refuse a formatted folder when given a different id, so a restart on
   * the same folder must pass the id it was formatted with.
   */
  static String clusterId(Path logDir) throws IOException {
    Path meta = logDir.resolve("meta.properties");
    if (Files.exists(meta)) {
      Properties p = new Properties();
      try (java.io.Reader in =
          Files.newBufferedReader(meta, java.nio.charset.StandardCharsets.UTF_8)) {
        p.load(in);
      }
      String id = p.getProperty("cluster.id");
      if (id != null && !id.isBlank()) {
        return id.trim();
      }
    }
    return Uuid.randomUuid().toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
