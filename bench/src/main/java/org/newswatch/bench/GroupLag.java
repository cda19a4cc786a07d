package org.newswatch.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag per consumer group, as {@code kafka-consumer-groups --describe} computes it: for
 * each partition a group has committed, the last stable offset (read_committed, as the services
 * read) minus the committed offset, summed over the group. This sees every service that commits its
 * positions to Kafka (the alert-service's matcher commits them in its transactions); the
 * index-service keeps its positions in the Lucene commit instead and reports its own lag metric.
 */
final class GroupLag implements AutoCloseable {
  private final Admin admin;

  GroupLag(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "newswatch-load-test-lag");
    admin = Admin.create(p);
  }

  /** Lag in records by group id, sorted by id; groups with nothing committed yet are left out. */
  Map<String, Long> lags() throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Long> lags = new TreeMap<>();
    for (GroupListing g : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(g.groupId())
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.forEach(
          (tp, o) -> {
            if (o != null) {
              latest.put(tp, OffsetSpec.latest());
            }
          });
      if (latest.isEmpty()) {
        continue;
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (TopicPartition tp : latest.keySet()) {
        lag += Math.max(0, ends.get(tp).offset() - committed.get(tp).offset());
      }
      lags.put(g.groupId(), lag);
    }
    return lags;
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(5));
  }
}
