package org.newswatch.common.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings every Newswatch process reads, taken from {@link Settings}, where each variable is
 * declared once.
 *
 * @param kafka bootstrap servers, or null: the all-in-one then starts its embedded broker
 * @param feedsFile the feeds file, or null for the bundled one (real VOA and Dunya News feeds)
 * @param adminKey the admin's key, or null: generated at first start and kept in the data folder
 * @param topicPrefix a prefix for every topic name (empty in production; tests use their own)
 * @param healthMaxLag how many records a consumer may be behind and still report ready
 * @param ingestPublicUrl ingest-service's address as WebSub hubs see it, or null: WebSub off
 * @param settings every variable as read, for the services' own records (alert-service's)
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
    long healthMaxLag,
    String ingestPublicUrl,
    Settings settings) {

  public static final int INGEST_PORT = 8081;
  public static final int INDEX_PORT = 8082;
  public static final int ALERT_PORT = 8083;
  public static final int APP_PORT = 8080;

  /** Every variable a standalone service or the all-in-one reads; the compose test checks it. */
  public static final List<String> VARIABLES = Settings.names();

  public NewswatchConfig {
    settings = settings == null ? Settings.defaults() : settings;
  }

  /** Without WebSub, the other variables at their defaults. */
  public NewswatchConfig(
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
    this(
        kafka,
        dataDir,
        feedsFile,
        ingestPort,
        indexPort,
        alertPort,
        appPort,
        allowPrivateFeeds,
        adminKey,
        topicPrefix,
        contactUrl,
        healthMaxLag,
        null,
        null);
  }

  /** Reads and checks every variable; an error names the variable and what it accepts. */
  public static NewswatchConfig from(Env env) {
    return from(Settings.read(env));
  }

  public static NewswatchConfig from(Settings s) {
    return new NewswatchConfig(
        s.get(Settings.KAFKA),
        s.get(Settings.DATA),
        s.get(Settings.FEEDS),
        s.get(Settings.INGEST_PORT),
        s.get(Settings.INDEX_PORT),
        s.get(Settings.ALERT_PORT),
        s.get(Settings.APP_PORT),
        s.get(Settings.ALLOW_PRIVATE_FEEDS),
        s.get(Settings.ADMIN_KEY),
        s.get(Settings.TOPIC_PREFIX),
        s.get(Settings.CONTACT_URL),
        s.get(Settings.HEALTH_MAX_LAG),
        s.get(Settings.INGEST_PUBLIC_URL),
        s);
  }

  public static NewswatchConfig fromSystem() {
    return from(Env.system());
  }

  /** The same with another data folder, feeds file and private-address rule (the demo's). */
  public NewswatchConfig forDemo(Path data, Path feeds) {
    return new NewswatchConfig(
        kafka,
        data,
        feeds,
        ingestPort,
        indexPort,
        alertPort,
        appPort,
        true,
        adminKey,
        topicPrefix,
        contactUrl,
        healthMaxLag,
        ingestPublicUrl,
        settings);
  }
}
