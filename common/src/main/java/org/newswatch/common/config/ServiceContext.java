package org.newswatch.common.config;

import java.nio.file.Path;
import org.newswatch.common.kafka.Topics;

/**
 * What every service is started with, whether alone ({@code XxxMain}) or in the all-in-one.
 *
 * @param bootstrap Kafka bootstrap servers
 * @param topics the topic catalogue (prefixed in tests)
 * @param dataDir this service's own folder for its state (index, dedup store, …)
 * @param port the HTTP port; 0 picks a free one
 * @param allowPrivateFeeds whether feed, page and webhook URLs on loopback/private addresses are
 *     allowed
 * @param adminKey the admin's API key
 * @param contactUrl the contact URL named in the User-Agent of outgoing requests
 * @param healthMaxLag records a consumer may be behind and still report ready on {@code /health}
 */
public record ServiceContext(
    String bootstrap,
    Topics topics,
    Path dataDir,
    int port,
    boolean allowPrivateFeeds,
    String adminKey,
    String contactUrl,
    long healthMaxLag) {

  /**
   * A thousand records is seconds of work for any service: behind by more, a service is busy with a
   * backlog (after an outage or a restart), and a load balancer should wait.
   */
  public static final long DEFAULT_HEALTH_MAX_LAG = 1000;

  public ServiceContext(
      String bootstrap,
      Topics topics,
      Path dataDir,
      int port,
      boolean allowPrivateFeeds,
      String adminKey,
      String contactUrl) {
    this(
        bootstrap,
        topics,
        dataDir,
        port,
        allowPrivateFeeds,
        adminKey,
        contactUrl,
        DEFAULT_HEALTH_MAX_LAG);
  }

  public ServiceContext {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("NEWSWATCH_KAFKA (bootstrap servers) is required");
    }
    if (adminKey == null || adminKey.length() < 16) {
      throw new IllegalArgumentException("NEWSWATCH_ADMIN_KEY must be at least 16 characters");
    }
    topics = topics == null ? Topics.standard() : topics;
    contactUrl = contactUrl == null ? "https://github.com/newswatch/newswatch" : contactUrl;
    if (healthMaxLag < 0) {
      throw new IllegalArgumentException("NEWSWATCH_HEALTH_MAX_LAG must be 0 or more");
    }
  }

  public ServiceContext withPort(int newPort) {
    return new ServiceContext(
        bootstrap, topics, dataDir, newPort, allowPrivateFeeds, adminKey, contactUrl, healthMaxLag);
  }

  public ServiceContext withDataDir(Path dir) {
    return new ServiceContext(
        bootstrap, topics, dir, port, allowPrivateFeeds, adminKey, contactUrl, healthMaxLag);
  }
}
