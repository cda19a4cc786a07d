package org.newswatch.app.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.newswatch.app.Api;
import org.newswatch.common.Json;

/**
 * docker-compose.yml run for real on a Docker engine: the images built from the jars Maven built,
 * the four containers healthy, a story from a news site in a container searchable and delivered to
 * a webhook in a container, each service killed and started again, ingest and alert scaled to two,
 * Prometheus scraping every instance, and {@code down} then {@code up} — checking after each step
 * that every story is searchable once and alerted once. Skipped when no engine answers.
 *
 * <p>Every container uses the host's network (the override file says so): a bridge network's
 * addresses are private-range, which this test must never reach. Hostile conditions tried: SIGKILL
 * of each service (Kafka included) with a story published while it is down; a second instance
 * joining a consumer group mid-stream; all containers removed and recreated.
 */
@Tag("docker")
@EnabledIf(
    value = "engineAnswers",
    disabledReason =
        "needs a Docker engine answering `docker info`, docker-compose, and debootstrap"
            + " for the local base images (Debian, as root: apt-get install docker.io docker-compose debootstrap; .ci/run does)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerComposeTest {
  private static final String KEY = "compose-admin-key-0123456789abcdef";
  private static final String KAFKA_VERSION = "4.4.0";
  private static final List<String> SERVICES =
      List.of("kafka", "ingest-service", "index-service", "alert-service");
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final Duration COMMAND = Duration.ofMinutes(5);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Path root;
  private Compose compose;
  private FixtureFeeds site;
  private Path prometheusDir;
  private final Map<String, Integer> ports = new HashMap<>();
  private final Api admin = new Api(KEY);
  private Api analyst;
  private String subscription;
  private final List<String> tags = new ArrayList<>();

  /** What the webhook container received before `down` removed it (it keeps them in memory). */
  private final List<String> deliveredEarlier = new ArrayList<>();

  @BeforeAll
  void upAndHealthy() throws Exception {
    root = repositoryRoot();
    for (String s : List.of("ingest-service", "index-service", "alert-service")) {
      assertTrue(
          Files.isDirectory(root.resolve(s).resolve("target/docker/lib")),
          s + "/target/docker/lib: run `./mvnw package` first");
    }
    Path work = root.resolve("app/target/docker-test");
    Files.createDirectories(work);
    Path siteDir = Files.createDirectories(work.resolve("site"));
    prometheusDir = Files.createDirectories(work.resolve("prometheus"));
    for (String name : List.of("kafka", "controller", "index", "site", "webhook", "prometheus")) {
      ports.put(name, freePort());
    }
    site = new FixtureFeeds(siteDir, ports.get("site"));
    writePrometheusConfig(List.of(), List.of());

    baseImages();
    Map<String, String> env = new TreeMap<>();
    env.put("NEWSWATCH_ADMIN_KEY", KEY);
    env.put("JRE_IMAGE", "newswatch-test/jre:jlink");
    env.put("KAFKA_IMAGE", "newswatch-test/kafka:" + KAFKA_VERSION);
    env.put("NW_KAFKA_PORT", ports.get("kafka").toString());
    env.put("NW_CONTROLLER_PORT", ports.get("controller").toString());
    env.put("NW_INDEX_PORT", ports.get("index").toString());
    env.put("NW_SITE_PORT", ports.get("site").toString());
    env.put("NW_WEBHOOK_PORT", ports.get("webhook").toString());
    env.put("NW_PROMETHEUS_PORT", ports.get("prometheus").toString());
    env.put("NW_SITE_DIR", siteDir.toString());
    env.put("NW_PROMETHEUS_DIR", prometheusDir.toString());
    env.put("NW_FIXTURE_CLASSES", root.resolve("app/target/test-classes").toString());
    compose =
        new Compose(
            root,
            "nwcomposetest",
            List.of(
                withoutPorts(work), root.resolve("app/src/test/docker/compose-host-network.yml")),
            env);
    compose.compose(COMMAND, "--profile", "monitoring", "down", "-v", "--remove-orphans");

    long built = System.nanoTime();
    compose.composeOk(
        Duration.ofMinutes(10),
        "build",
        "kafka",
        "ingest-service",
        "index-service",
        "alert-service");
    System.out.printf(
        "compose: images built in %d s%n", Duration.ofNanos(System.nanoTime() - built).toSeconds());
    long up = System.nanoTime();
    compose.composeOk(COMMAND, "up", "-d");
    awaitHealthy(Map.of("kafka", 1, "ingest-service", 1, "index-service", 1, "alert-service", 1));
    System.out.printf(
        "compose: `up -d` to all four healthy in %d s%n",
        Duration.ofNanos(System.nanoTime() - up).toSeconds());
    for (String image :
        List.of(
            "newswatch/kafka",
            "newswatch/ingest-service",
            "newswatch/index-service",
            "newswatch/alert-service")) {
      System.out.printf(
          "compose: image %s %s%n",
          image,
          compose
              .docker(
                  Duration.ofSeconds(30), "image", "inspect", "-f", "{{.Size}}", image + ":latest")
              .output()
              .strip());
    }
  }

  @AfterAll
  void down() {
    if (compose != null) {
      Compose.Result logs =
          compose.compose(
              COMMAND, "--profile", "monitoring", "logs", "--no-color", "--tail", "200");
      try {
        Files.writeString(root.resolve("app/target/docker-test/compose.log"), logs.output());
      } catch (IOException e) {
        System.err.println("compose: cannot keep the logs: " + e.getMessage());
      }
      System.out.println(
          compose
              .compose(COMMAND, "--profile", "monitoring", "down", "-v", "--remove-orphans")
              .output());
    }
  }

  @Test
  @Order(1)
  void onlyTheHostNetworkAndImagesRunAsNonRootOnReadOnlyFilesystems() {
    Set<String> networks =
        new TreeSet<>(
            compose
                .docker(Duration.ofSeconds(30), "network", "ls", "--format", "{{.Name}}")
                .output()
                .lines()
                .toList());
    assertEquals(
        Set.of("host", "none"), networks, "no bridge network (its addresses are private-range)");
    for (String service : List.of("ingest-service", "index-service", "alert-service")) {
      String container = compose.containers(service).getFirst();
      String settings =
          compose
              .docker(
                  Duration.ofSeconds(30),
                  "inspect",
                  "-f",
                  "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}",
                  container)
              .output()
              .strip();
      assertEquals("10001:10001 true", settings, service + ": user and read-only root filesystem");
    }
  }

  @Test
  @Order(2)
  void aStoryFromTheSiteContainerIsSearchableAndDeliveredToTheWebhookContainer() throws Exception {
    Api.Response created =
        admin.post(port("alert-service"), "/api/analysts", Map.of("name", "Compose"));
    assertEquals(200, created.status() == 201 ? 200 : created.status(), created::toString);
    analyst = new Api(created.body().path("apiKey").asText());
    Api.Response sub =
        analyst.post(
            port("alert-service"),
            "/api/subscriptions",
            Map.of(
                "name",
                "Compose fixture stories",
                "query",
                FixtureFeeds.WORD.toLowerCase(),
                "schedule",
                "immediate",
                // The fixture site's reports are generated alike (one word, one shape), so the
                // story linker puts them in one story; this test counts deliveries per report.
                "alertEachMember",
                true,
                "channels",
                List.of(
                    Map.of(
                        "type",
                        "webhook",
                        "url",
                        "http://127.0.0.1:" + ports.get("webhook") + "/hook",
                        "secret",
                        "compose-secret"))));
    assertTrue(sub.status() == 200 || sub.status() == 201, sub::toString);
    subscription = sub.body().path("id").asText();

    tags.add(site.publish());
    everyStoryOnce();
  }

  @Test
  @Order(3)
  void killAndStartOfEachServiceLosesAndDoublesNothing() throws Exception {
    for (String service : SERVICES) {
      compose.composeOk(COMMAND, "kill", service);
      tags.add(site.publish());
      compose.composeOk(COMMAND, "start", service);
      awaitHealthy(Map.of("kafka", 1, "ingest-service", 1, "index-service", 1, "alert-service", 1));
      everyStoryOnce();
    }
  }

  @Test
  @Order(4)
  void twoIngestAndTwoAlertInstancesShareTheWorkAndPrometheusScrapesEveryInstance()
      throws Exception {
    compose.composeOk(
        COMMAND,
        "up",
        "-d",
        "--no-recreate",
        "--scale",
        "ingest-service=2",
        "--scale",
        "alert-service=2");
    awaitHealthy(Map.of("kafka", 1, "ingest-service", 2, "index-service", 1, "alert-service", 2));
    for (int i = 0; i < FixtureFeeds.FEEDS; i++) {
      tags.add(site.publish());
    }
    everyStoryOnce();
    // Each instance holds partitions of the topic its group shares: news.feeds for ingest (which
    // feeds it polls), news.articles for alert (which articles it matches).
    try (Admin kafka =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.get("kafka")))) {
      for (String topic : List.of("news.feeds", "news.articles")) {
        List<Integer> shares =
            sharesOf(kafka, topic, topic.equals("news.feeds") ? "ingest" : "alert");
        assertEquals(2, shares.size(), topic + ": two members in the group");
        assertTrue(
            shares.stream().allMatch(n -> n > 0),
            topic + ": every member holds partitions: " + shares);
      }
    }

    List<String> ingest = instanceTargets("ingest-service");
    List<String> alert = instanceTargets("alert-service");
    writePrometheusConfig(ingest, alert);
    compose.composeOk(
        COMMAND, "--profile", "monitoring", "up", "-d", "--no-recreate", "prometheus");
    Set<String> expected = new TreeSet<>();
    expected.addAll(ingest);
    expected.addAll(alert);
    expected.add("127.0.0.1:" + ports.get("index"));
    await("Prometheus scrapes every instance, all up")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode targets =
                  Json.MAPPER.readTree(
                      java.net
                          .URI
                          .create("http://127.0.0.1:" + ports.get("prometheus") + "/api/v1/targets")
                          .toURL());
              Map<String, String> health = new TreeMap<>();
              targets
                  .path("data")
                  .path("activeTargets")
                  .forEach(
                      t ->
                          health.put(
                              t.path("labels").path("instance").asText(),
                              t.path("health").asText()));
              assertEquals(expected, health.keySet(), "targets");
              assertTrue(health.values().stream().allMatch("up"::equals), health::toString);
            });
    System.out.printf("compose: Prometheus scrapes %s, all up%n", expected);
  }

  @Test
  @Order(5)
  void downAndUpKeepsTheData() throws Exception {
    deliveredEarlier.addAll(deliveries());
    List<String> anonymous = anonymousVolumes();
    compose.composeOk(COMMAND, "--profile", "monitoring", "down");
    // `down` keeps volumes; the services' anonymous ones are not reused by new containers, so they
    // would only pile up on the engine.
    compose.docker(COMMAND, concat(List.of("volume", "rm"), anonymous));
    compose.composeOk(COMMAND, "up", "-d");
    awaitHealthy(Map.of("kafka", 1, "ingest-service", 1, "index-service", 1, "alert-service", 1));
    tags.add(site.publish());
    everyStoryOnce();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Every story published so far is searchable exactly once and alerted exactly once, on the API
   * and at the webhook.
   */
  private void everyStoryOnce() {
    int n = tags.size();
    await(n + " stories searchable, once each")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Api.Response all = admin.search(ports.get("index"), FixtureFeeds.WORD);
              assertEquals(n, all.body().path("total").asInt(), all::toString);
              for (String tag : tags) {
                assertEquals(
                    1, admin.search(ports.get("index"), tag).body().path("total").asInt(), tag);
              }
            });
    await(n + " alerts, once each")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<String> ids =
                  Api.field(analyst.alerts(port("alert-service"), subscription), "items", "id");
              assertEquals(n, ids.size(), () -> "alerts listed: " + ids);
              assertEquals(n, new TreeSet<>(ids).size(), () -> "an alert listed twice: " + ids);
            });
    await(n + " webhook deliveries, once each")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<String> ids = new ArrayList<>(deliveredEarlier);
              ids.addAll(deliveries());
              assertEquals(n, new TreeSet<>(ids).size(), () -> "distinct alerts delivered: " + ids);
              assertEquals(n, ids.size(), () -> "an alert delivered twice: " + ids);
            });
  }

  /**
   * docker-compose.yml without its {@code ports}: the engine refuses published ports with host
   * networking (where they mean nothing), and an override cannot remove a list in compose 1.29.
   * Everything else is the file as it is; relative paths stay relative to the repository root.
   */
  private Path withoutPorts(Path work) throws IOException {
    JsonNode file = YAML.readTree(root.resolve("docker-compose.yml").toFile());
    file.path("services").forEach(service -> ((ObjectNode) service).remove("ports"));
    Path copy = work.resolve("docker-compose.yml");
    YAML.writeValue(copy.toFile(), file);
    return copy;
  }

  /** The anonymous volumes of the three services' containers (the named ones are the project's). */
  private List<String> anonymousVolumes() {
    List<String> volumes = new ArrayList<>();
    for (String service : List.of("ingest-service", "index-service", "alert-service")) {
      for (String container : compose.containers(service)) {
        String names =
            compose
                .docker(
                    Duration.ofSeconds(30),
                    "inspect",
                    "-f",
                    "{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}} {{end}}{{end}}",
                    container)
                .output();
        volumes.addAll(List.of(names.strip().split("\\s+")));
      }
    }
    volumes.removeIf(v -> v.isBlank() || v.startsWith("nwcomposetest_"));
    return volumes;
  }

  private static String[] concat(List<String> head, List<String> tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(tail);
    return all.toArray(String[]::new);
  }

  /** The alert ids the webhook container has received. */
  private List<String> deliveries() throws IOException {
    JsonNode hooks =
        Json.MAPPER.readTree(
            java.net.URI.create("http://127.0.0.1:" + ports.get("webhook") + "/hook").toURL());
    List<String> ids = new ArrayList<>();
    hooks.forEach(h -> ids.add(h.path("id").asText(h.path("alert").path("id").asText())));
    return ids;
  }

  /** The port of (the first running instance of) a service, from its port file. */
  private int port(String service) {
    return compose.port(compose.containers(service).getFirst(), service);
  }

  private List<String> instanceTargets(String service) {
    return compose.containers(service).stream()
        .map(c -> "127.0.0.1:" + compose.port(c, service))
        .toList();
  }

  /** Waits until each service runs the given number of containers, all healthy. */
  private void awaitHealthy(Map<String, Integer> instances) {
    await("healthy: " + instances)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, List<String>> states = new TreeMap<>();
              instances.forEach(
                  (service, count) ->
                      states.put(
                          service,
                          compose.containers(service).stream().map(compose::health).toList()));
              for (Map.Entry<String, Integer> e : instances.entrySet()) {
                List<String> s = states.get(e.getKey());
                assertTrue(
                    s.size() == e.getValue() && s.stream().allMatch("healthy"::equals),
                    () -> "health: " + states);
              }
            });
  }

  /**
   * Partitions of {@code topic} held by each member of the group that reads it, for groups named
   * with {@code hint}.
   */
  private static List<Integer> sharesOf(Admin kafka, String topic, String hint) throws Exception {
    List<String> groups =
        kafka.listGroups().all().get().stream()
            .map(g -> g.groupId())
            .filter(g -> g.contains(hint))
            .toList();
    for (ConsumerGroupDescription group :
        kafka.describeConsumerGroups(groups).all().get().values()) {
      List<Integer> shares = new ArrayList<>();
      boolean reads = false;
      for (MemberDescription m : group.members()) {
        int held =
            (int)
                m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(topic))
                    .count();
        reads |= held > 0;
        shares.add(held);
      }
      if (reads) {
        return shares;
      }
    }
    throw new AssertionError(
        "no group named like '" + hint + "' reads " + topic + " (groups: " + groups + ")");
  }

  /**
   * The test's copy of monitoring/prometheus.yml: the same jobs and paths, every 2 s, and each
   * job's instances from a file (loopback addresses) instead of Docker's DNS.
   */
  private void writePrometheusConfig(List<String> ingest, List<String> alert) throws IOException {
    ObjectNode config =
        (ObjectNode) YAML.readTree(root.resolve("monitoring/prometheus.yml").toFile());
    ((ObjectNode) config.path("global")).put("scrape_interval", "2s");
    Map<String, List<String>> targets =
        Map.of(
            "ingest-service",
            ingest,
            "alert-service",
            alert,
            "index-service",
            List.of("127.0.0.1:" + ports.get("index")));
    for (JsonNode job : config.path("scrape_configs")) {
      String name = job.path("job_name").asText();
      ((ObjectNode) job).remove("dns_sd_configs");
      ((ObjectNode) job)
          .putArray("file_sd_configs")
          .addObject()
          .put("refresh_interval", "2s")
          .putArray("files")
          .add("/etc/prometheus/targets/" + name + ".json");
      Files.writeString(
          Files.createDirectories(prometheusDir.resolve("targets")).resolve(name + ".json"),
          Json.MAPPER.writeValueAsString(
              List.of(Map.of("targets", targets.getOrDefault(name, List.of())))));
    }
    YAML.writeValue(prometheusDir.resolve("prometheus.yml").toFile(), config);
  }

  /**
   * Builds the local base images (app/src/test/docker/build-base-images.sh); a no-op when they are
   * current.
   */
  private void baseImages() throws Exception {
    Path script = root.resolve("app/src/test/docker/build-base-images.sh");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                script.toString(),
                root.resolve("app/target/docker/kafka-libs").toString(),
                KAFKA_VERSION)
            .directory(root.toFile())
            .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    long started = System.nanoTime();
    Process p = pb.start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> "building the base images failed:\n" + output);
    System.out.printf(
        "compose: base images ready in %d s%n%s",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(), output);
  }

  static boolean engineAnswers() {
    return answers("docker", "info")
        && answers("docker-compose", "version")
        && (answers("docker", "image", "inspect", "newswatch-test/debian:bookworm")
            || answers("debootstrap", "--version"));
  }

  private static boolean answers(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Surefire runs in app/; the compose file is at the repository root. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
