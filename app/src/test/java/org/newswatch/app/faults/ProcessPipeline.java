package org.newswatch.app.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.newswatch.alert.AlertMain;
import org.newswatch.app.Api;
import org.newswatch.app.NewsSite;
import org.newswatch.common.kafka.Topics;
import org.newswatch.index.IndexMain;
import org.newswatch.ingest.IngestMain;

/**
 * The three Newswatch services, each a JVM of its own started from its {@code XxxMain} as an
 * operator starts it (configured by {@code NEWSWATCH_*} variables, each with its own data folder),
 * on one Kafka cluster and the test's topics, fed by a loopback news site whose {@link StoryFeed}
 * publishes stories while a fault test breaks something. The alert-service has one subscription,
 * {@link #SUBSCRIPTION}, which every other story matches.
 */
final class ProcessPipeline implements AutoCloseable {
  static final String ADMIN_KEY = "fault-tests-admin-key-0123456789";
  static final String SUBSCRIPTION = "fault-watch";

  /** Bounds, not expectations: five-second feed polls, JVM starts and the faults themselves. */
  static final Duration PATIENCE = Duration.ofMinutes(3);

  /** One story every half second: about ten new items at each five-second feed poll. */
  static final Duration PACE = Duration.ofMillis(500);

  final String bootstrap;
  final Topics topics;
  final NewsSite site;
  final StoryFeed stories;
  final ServiceProcess ingest;
  final ServiceProcess index;
  final ServiceProcess alert;
  final Api api = new Api(ADMIN_KEY);
  private final long started = System.nanoTime();

  private ProcessPipeline(
      String bootstrap,
      Topics topics,
      NewsSite site,
      StoryFeed stories,
      ServiceProcess ingest,
      ServiceProcess index,
      ServiceProcess alert) {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.site = site;
    this.stories = stories;
    this.ingest = ingest;
    this.index = index;
    this.alert = alert;
  }

  /**
   * Starts the site and the three services (at once: their JVMs start in parallel), waits until
   * each says it is ready, then creates the subscription through the alert-service's API.
   *
   * @param logs where the services' logs go (kept after the test, unlike {@code data})
   */
  static ProcessPipeline start(String bootstrap, Topics topics, Path data, Path logs, long seed)
      throws IOException {
    NewsSite site = NewsSite.start();
    StoryFeed stories = new StoryFeed(site, seed);
    ServiceProcess ingest = null;
    ServiceProcess index = null;
    ServiceProcess alert = null;
    try {
      Path feeds = site.writeFeedsFile(data.resolve("feeds.yaml"));
      Map<String, String> common =
          Map.of(
              "NEWSWATCH_KAFKA",
              bootstrap,
              "NEWSWATCH_TOPIC_PREFIX",
              topics.prefix(),
              "NEWSWATCH_ADMIN_KEY",
              ADMIN_KEY,
              "NEWSWATCH_ALLOW_PRIVATE_FEEDS",
              "true");
      ingest =
          ServiceProcess.start(
              "ingest-service",
              IngestMain.class,
              "NEWSWATCH_INGEST_PORT",
              with(
                  common,
                  "NEWSWATCH_DATA",
                  data.resolve("ingest").toString(),
                  "NEWSWATCH_FEEDS",
                  feeds.toString()),
              logs);
      index =
          ServiceProcess.start(
              "index-service",
              IndexMain.class,
              "NEWSWATCH_INDEX_PORT",
              with(common, "NEWSWATCH_DATA", data.resolve("index").toString()),
              logs);
      alert =
          ServiceProcess.start(
              "alert-service",
              AlertMain.class,
              "NEWSWATCH_ALERT_PORT",
              with(common, "NEWSWATCH_DATA", data.resolve("alert").toString()),
              logs);
      ProcessPipeline pipeline =
          new ProcessPipeline(bootstrap, topics, site, stories, ingest, index, alert);
      for (ServiceProcess s : pipeline.services()) {
        s.awaitHealthy();
      }
      pipeline.subscribe();
      pipeline.note("services ready, subscription created");
      return pipeline;
    } catch (RuntimeException | Error e) {
      for (ServiceProcess s : new ServiceProcess[] {ingest, index, alert}) {
        if (s != null) {
          s.close();
        }
      }
      stories.close();
      site.close();
      throw e;
    }
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> all = new java.util.HashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      all.put(keyValues[i], keyValues[i + 1]);
    }
    return all;
  }

  /**
   * The subscription, through the API as an admin would create it: immediate, no channel but the
   * API.
   */
  private void subscribe() {
    Api.Response created =
        api.post(
            alert.port(),
            "/api/subscriptions",
            Map.of("id", SUBSCRIPTION, "name", "Fault tests", "query", StoryFeed.ALERT_WORD));
    assertEquals(201, created.status(), () -> "creating the subscription: " + created.body());
  }

  /**
   * Prints a step with the seconds since the services were started, to see where a slow run spends
   * its time.
   */
  void note(String step) {
    System.out.printf(
        java.util.Locale.ROOT,
        "[%6.1f s] %s (%d stories published)%n",
        (System.nanoTime() - started) / 1e9,
        step,
        stories.count());
  }

  List<ServiceProcess> services() {
    return List.of(ingest, index, alert);
  }

  /** Number of articles the index-service finds with the marker every story carries. */
  long indexed() {
    Api.Response r = api.search(index.port(), StoryFeed.MARKER);
    return r.ok() ? r.body().path("total").asLong() : -1;
  }

  /** Number of alerts the alert-service lists for the subscription. */
  int alerted() {
    Api.Response r =
        api.get(alert.port(), "/api/alerts?subscription=" + SUBSCRIPTION + "&limit=500");
    return r.ok() ? r.body().path("items").size() : -1;
  }

  /**
   * The scenario of the service-kill tests: a third of the stories stream in; once some are indexed
   * and alerted the rest follow at the same pace, and {@code victim} is killed with SIGKILL just
   * after the next feed poll; more stories are published while it is down; then it is started again
   * on the same data folder and port, and every service must be ready again.
   *
   * @return how many stories had been published when it was killed
   */
  int killMidStreamAndRestart(ServiceProcess victim, int stories) {
    int first = stories / 3;
    this.stories.publishSteadily(first, PACE);
    awaitFlowing();
    this.stories.publishSteadily(stories - first, PACE);
    // Right after a feed poll: the ingest-service is then fetching and publishing new stories, and
    // the services downstream are reading them, so the kill lands in the middle of the work.
    int fetches = site.feedFetches();
    await("the next feed poll")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> site.feedFetches() > fetches);
    victim.kill();
    int atKill = this.stories.count();
    note(victim.name() + " killed");
    await("stories published while " + victim.name() + " is down")
        .atMost(PATIENCE)
        .until(() -> this.stories.count() >= Math.min(stories, atKill + 3));
    victim.restart();
    awaitAllHealthy();
    note(victim.name() + " restarted and every service ready");
    return atKill;
  }

  /** Waits until stories are going through: some indexed, some alerted. */
  void awaitFlowing() {
    await("the stream flowing: stories indexed and alerted")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> indexed() >= 3 && alerted() >= 1);
    note("stories indexed and alerted");
  }

  /** Waits until every service answers {@code /health} with 200 again. */
  void awaitAllHealthy() {
    for (ServiceProcess s : services()) {
      s.awaitHealthy();
    }
  }

  @Override
  public void close() {
    stories.close();
    for (ServiceProcess s : services()) {
      s.close();
    }
    site.close();
  }
}
