package org.newswatch.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the Newswatch topics that do not exist yet; existing ones are left as they are. */
public final class TopicAdmin {
  private TopicAdmin() {}

  public static void ensure(String bootstrap, Topics topics, Duration timeout) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(p)) {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?> topic : topics.all()) {
        if (!existing.contains(topic.name())) {
          // Replication factor: the broker's default (1 on the embedded broker, 3 in production).
          missing.add(
              new NewTopic(
                      topic.name(),
                      java.util.Optional.of(topic.partitions()),
                      java.util.Optional.empty())
                  .configs(topic.configs()));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        // Another service created it between our list and our create: that is what we wanted.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topics on " + bootstrap + ": " + e.getCause().getMessage(), e);
        }
      }
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), timeout);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at " + bootstrap + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until every partition of new topics has a leader: an idempotent producer that writes to a
   * partition before its leader is known can fall into NOT_LEADER and out-of-order-sequence retries
   * until its delivery timeout (seen on the one-node broker under load).
   */
  private static void awaitLeaders(Admin admin, List<String> names, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean ready = true;
      try {
        for (var description :
            admin
                .describeTopics(names)
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .values()) {
          ready &=
              description.partitions().stream()
                  .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        }
      } catch (ExecutionException e) {
        // Metadata not yet propagated: the topic is not described yet.
        ready = false;
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("partitions of " + names + " have no leader after " + timeout);
      }
      Thread.sleep(50);
    }
  }
}
