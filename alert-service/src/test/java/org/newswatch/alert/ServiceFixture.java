package org.newswatch.alert;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.newswatch.common.Json;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.TopicRecords;

/** One alert-service on its own topics and data folder, and the means to feed and watch it. */
public final class ServiceFixture implements AutoCloseable {
  public static final String ADMIN = "test-admin-key-0123456789";

  public final String bootstrap;
  public final Topics topics;
  public final Path dataDir;
  public AlertService service;
  public Api api;

  private final boolean allowPrivate;

  /** The service's own settings: no SMTP and an unused index URL unless a test sets them. */
  public AlertSettings settings = AlertSettings.defaults();

  public ServiceFixture(KafkaBroker broker, Path dataDir) {
    this(broker, dataDir, true);
  }

  /**
   * @param allowPrivate whether webhooks on loopback are allowed (they are in most tests)
   */
  public ServiceFixture(KafkaBroker broker, Path dataDir, boolean allowPrivate) {
    this(broker, dataDir, allowPrivate, broker.newTopics());
  }

  /** A further instance on the topics of another fixture (several instances of one deployment). */
  public ServiceFixture(KafkaBroker broker, Path dataDir, Topics sharedTopics) {
    this(broker, dataDir, true, sharedTopics);
  }

  private ServiceFixture(KafkaBroker broker, Path dataDir, boolean allowPrivate, Topics topics) {
    this.bootstrap = broker.bootstrapServers();
    this.topics = topics;
    this.dataDir = dataDir;
    this.allowPrivate = allowPrivate;
  }

  public ServiceFixture start() {
    service =
        AlertService.start(
            new ServiceContext(bootstrap, topics, dataDir, 0, allowPrivate, ADMIN, null),
            java.time.Clock.systemUTC(),
            settings);
    api = new Api(service.port());
    await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health", null).status() == 200);
    return this;
  }

  public void stop() {
    service.close();
  }

  public void publish(Article... articles) {
    TopicRecords.produce(bootstrap, topics.articles(), List.of(articles), a -> ((Article) a).id());
  }

  /** Waits until the service has committed its reading of everything on the articles topic. */
  public void awaitAllConsumed() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                List<TopicPartition> parts =
                    admin
                        .describeTopics(List.of(topics.articles().name()))
                        .allTopicNames()
                        .get()
                        .get(topics.articles().name())
                        .partitions()
                        .stream()
                        .map(i -> new TopicPartition(topics.articles().name(), i.partition()))
                        .toList();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                    admin
                        .listOffsets(
                            parts.stream()
                                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                        .all()
                        .get();
                Map<TopicPartition, OffsetAndMetadata> done =
                    admin
                        .listConsumerGroupOffsets(topics.prefix() + "newswatch-alert")
                        .partitionsToOffsetAndMetadata()
                        .get();
                return parts.stream()
                    .allMatch(
                        tp ->
                            end.get(tp).offset() == 0
                                || (done.get(tp) != null
                                    && done.get(tp).offset() >= end.get(tp).offset()));
              });
    }
  }

  /** Every alert committed to the alerts topic, duplicates included. */
  public List<Alert> alertRecords() {
    return TopicRecords.read(bootstrap, topics.alerts().name()).stream()
        .map(r -> Json.fromBytes(r.value(), Alert.class))
        .toList();
  }

  /** Issues an analyst key through the API. */
  public String newAnalyst(String name) {
    Api.Answer a = api.post("/api/analysts", ADMIN, Map.of("name", name));
    if (a.status() != 201) {
      throw new IllegalStateException("creating analyst failed: " + a);
    }
    return a.json().get("apiKey").asText();
  }

  @Override
  public void close() {
    if (service != null) {
      service.close();
    }
  }
}
