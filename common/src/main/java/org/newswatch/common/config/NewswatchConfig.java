package org.newswatch.common.config;

import java.nio.file.Path;

/**
 * The settings every Newswatch process reads, from the environment variables named in DESIGN.md.
 *
 * @param kafka bootstrap servers, or null: the all-in-one then starts its embedded broker
 * @param feedsFile the feeds file, or null for the bundled one (real VOA and Dunya News feeds)
 * @param adminKey the admin's key, or null: generated at first start and kept in the data folder
 * @param topicPrefix a prefix for every topic name (empty in production; tests use their own)
 * @param healthMaxLag how many records a consumer may be behind and still report ready
 */
public record NewswatchConfig(
    String kafka,
    Path dataDir,
    Path feedsFile,
    int ingestPort,
    int indexPort,
    int alertPort,
    int appPort,
    boolean allowPrivateFeeds,
    String adminKey,
    String topicPrefix,
    String contactUrl,
    long healthMaxLag) {

  public static final int INGEST_PORT = 8081;
  public static final int INDEX_PORT = 8082;
  public static final int ALERT_PORT = 8083;
  public static final int APP_PORT = 8080;

  public static NewswatchConfig from(Env env) {
    String feeds = env.get("NEWSWATCH_FEEDS");
    return new NewswatchConfig(
        env.get("NEWSWATCH_KAFKA"),
        env.path("NEWSWATCH_DATA", Path.of("data")),
        feeds == null ? null : Path.of(feeds),
        env.port("NEWSWATCH_INGEST_PORT", INGEST_PORT),
        env.port("NEWSWATCH_INDEX_PORT", INDEX_PORT),
        env.port("NEWSWATCH_ALERT_PORT", ALERT_PORT),
        env.port("NEWSWATCH_PORT", APP_PORT),
        env.flag("NEWSWATCH_ALLOW_PRIVATE_FEEDS", false),
        env.get("NEWSWATCH_ADMIN_KEY"),
        env.get("NEWSWATCH_TOPIC_PREFIX", ""),
        env.get("NEWSWATCH_CONTACT_URL", "https://github.com/newswatch/newswatch"),
        env.positiveLong("NEWSWATCH_HEALTH_MAX_LAG", ServiceContext.DEFAULT_HEALTH_MAX_LAG));
  }

  public static NewswatchConfig fromSystem() {
    return from(Env.system());
  }

  /**
   * The variables a standalone service or the all-in-one reads; the compose test checks against it.
   */
  public static final java.util.List<String> VARIABLES =
      java.util.List.of(
          "NEWSWATCH_KAFKA",
          "NEWSWATCH_DATA",
          "NEWSWATCH_FEEDS",
          "NEWSWATCH_INGEST_PORT",
          "NEWSWATCH_INDEX_PORT",
          "NEWSWATCH_ALERT_PORT",
          "NEWSWATCH_PORT",
          "NEWSWATCH_ALLOW_PRIVATE_FEEDS",
          "NEWSWATCH_ADMIN_KEY",
          "NEWSWATCH_TOPIC_PREFIX",
          "NEWSWATCH_CONTACT_URL",
          "NEWSWATCH_HEALTH_MAX_LAG",
          // ingest-service only: its address as the feed hubs see it; set, WebSub is on.
          "NEWSWATCH_INGEST_PUBLIC_URL",
          // alert-service only: where the subscription preview reads recent articles, and e-mail.
          "NEWSWATCH_INDEX_URL",
          "NEWSWATCH_SMTP_HOST",
          "NEWSWATCH_SMTP_PORT",
          "NEWSWATCH_SMTP_FROM",
          "NEWSWATCH_SMTP_USER",
          "NEWSWATCH_SMTP_PASSWORD",
          "NEWSWATCH_SMTP_STARTTLS");
}
