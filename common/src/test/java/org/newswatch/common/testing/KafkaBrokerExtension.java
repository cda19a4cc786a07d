package org.newswatch.common.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.newswatch.common.kafka.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Hands tests a real Kafka broker, one per test JVM: Testcontainers' Kafka container where a Docker
 * engine answers and the image can be had, otherwise the same in-process KRaft broker the
 * all-in-one uses. Tests take a {@link KafkaBroker} parameter and use {@link
 * KafkaBroker#newTopics()} so that they never see each other's records.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  static final String IMAGE = "apache/kafka:4.1.0";
  private static KafkaBroker shared;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return broker();
  }

  /** The JVM's broker, started on first use and stopped when the JVM exits. */
  public static synchronized KafkaBroker broker() {
    if (shared == null) {
      shared = startContainer();
      if (shared == null) {
        shared = startEmbedded();
      }
    }
    return shared;
  }

  private static KafkaBroker startContainer() {
    if (Boolean.getBoolean("newswatch.test.embeddedOnly") || !dockerAnswers()) {
      return null;
    }
    try {
      KafkaContainer container = new KafkaContainer(IMAGE);
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
      return new KafkaBroker(container.getBootstrapServers(), "testcontainers");
    } catch (RuntimeException e) {
      LOG.warn(
          "Docker answered but the Kafka container did not start ({}); using the in-process broker",
          e.getMessage());
      return null;
    }
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static KafkaBroker startEmbedded() {
    try {
      Path dir = Files.createTempDirectory("newswatch-test-kafka");
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
      return new KafkaBroker(broker.bootstrapServers(), "embedded");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
