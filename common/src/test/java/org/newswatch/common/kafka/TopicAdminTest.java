package org.newswatch.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * The topics as the broker has them after {@link TopicAdmin#ensure}: partitions and how long
 * records stay.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TopicAdminTest {

  @Test
  void createsTopicsWithTheirPartitionsAndKeepsArticlesAndAlertsForever(KafkaBroker broker)
      throws Exception {
    Topics topics = broker.newTopics();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      for (Topic<?> topic : topics.all()) {
        int partitions =
            admin
                .describeTopics(List.of(topic.name()))
                .allTopicNames()
                .get()
                .get(topic.name())
                .partitions()
                .size();
        assertEquals(topic.partitions(), partitions, topic.name());
      }
      assertEquals(6, topics.articles().partitions());
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  topics.all().stream()
                      .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                      .toList())
              .all()
              .get();
      // Compacted: the latest version of every article and alert stays, whatever its age.
      for (Topic<?> kept :
          List.of(
              topics.articles(),
              topics.alerts(),
              topics.feeds(),
              topics.subscriptions(),
              topics.analysts(),
              topics.feedback(),
              topics.stories())) {
        assertEquals(
            "compact",
            configs
                .get(new ConfigResource(ConfigResource.Type.TOPIC, kept.name()))
                .get("cleanup.policy")
                .value(),
            kept.name());
      }
      assertEquals(1, topics.intake().partitions(), "one linker sees every article in one order");
      assertEquals(
          "delete",
          configs
              .get(new ConfigResource(ConfigResource.Type.TOPIC, topics.intake().name()))
              .get("cleanup.policy")
              .value());
      Config deadLetters =
          configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topics.deadLetter().name()));
      assertEquals("delete", deadLetters.get("cleanup.policy").value());
      assertEquals(String.valueOf(30L * 24 * 3600 * 1000), deadLetters.get("retention.ms").value());
    }
  }
}
