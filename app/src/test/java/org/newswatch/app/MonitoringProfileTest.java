package org.newswatch.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * The compose file's {@code monitoring} profile, checked without a Docker engine: Prometheus
 * scrapes the three services where compose runs them, Grafana is provisioned with the Prometheus
 * data source and the dashboard, and every metric the dashboard asks for is really on a service's
 * {@code /metrics} once an article has gone through the pipeline (a renamed meter would leave a
 * panel empty).
 */
@ExtendWith(KafkaBrokerExtension.class)
class MonitoringProfileTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> SERVICE_PORTS =
      Map.of(
          "ingest-service",
          "NEWSWATCH_INGEST_PORT",
          "index-service",
          "NEWSWATCH_INDEX_PORT",
          "alert-service",
          "NEWSWATCH_ALERT_PORT");

  /** A metric name: followed by a selector or a range, never by "(" as a function is. */
  private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

  private static final Set<String> PROMQL_WORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private static Path root;
  private static JsonNode compose;
  private static JsonNode dashboard;

  @TempDir Path data;

  @BeforeAll
  static void read() throws IOException {
    root = ComposeFileTest.repositoryRoot();
    compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
    dashboard =
        JSON.readTree(root.resolve("monitoring/grafana/dashboards/newswatch.json").toFile());
  }

  @Test
  void prometheusAndGrafanaRunOnlyInTheMonitoringProfileWithTheirFilesMounted() {
    for (String name : List.of("prometheus", "grafana")) {
      JsonNode service = compose.path("services").path(name);
      assertEquals(
          List.of("monitoring"),
          texts(service.path("profiles")),
          name + " belongs to the monitoring profile only");
      for (JsonNode volume : service.path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith("./")) {
          assertTrue(
              Files.exists(root.resolve(source)),
              name + " mounts " + source + ", which does not exist");
        }
      }
    }
    for (String name : SERVICE_PORTS.keySet()) {
      assertTrue(
          compose.path("services").path(name).path("profiles").isMissingNode(),
          name + " runs in every profile");
    }
  }

  @Test
  void prometheusScrapesEveryInstanceOfTheThreeServicesOnTheirPorts() throws IOException {
    JsonNode prometheus = YAML.readTree(root.resolve("monitoring/prometheus.yml").toFile());
    Map<String, String> scraped = new TreeMap<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      assertEquals("/metrics", job.path("metrics_path").asText("/metrics"));
      for (JsonNode sd : job.path("dns_sd_configs")) {
        for (JsonNode name : sd.path("names")) {
          scraped.put(name.asText(), sd.path("port").asText());
        }
      }
    }
    Map<String, String> expected = new TreeMap<>();
    SERVICE_PORTS.forEach(
        (service, variable) ->
            expected.put(
                service,
                compose
                    .path("services")
                    .path(service)
                    .path("environment")
                    .path(variable)
                    .asText()));
    assertEquals(
        expected,
        scraped,
        "one DNS-discovered job per service, on the port it listens on in compose");
  }

  @Test
  void grafanaIsProvisionedWithTheDataSourceTheDashboardUses() throws IOException {
    JsonNode sources =
        YAML.readTree(
            root.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml").toFile());
    JsonNode source = sources.path("datasources").path(0);
    assertEquals(
        "http://prometheus:9090", source.path("url").asText(), "the compose service's address");
    JsonNode providers =
        YAML.readTree(
            root.resolve("monitoring/grafana/provisioning/dashboards/newswatch.yml").toFile());
    String dashboardsPath =
        providers.path("providers").path(0).path("options").path("path").asText();
    assertTrue(
        texts(compose.path("services").path("grafana").path("volumes"))
            .contains("./monitoring/grafana/dashboards:" + dashboardsPath + ":ro"),
        "the provider reads the folder the dashboards are mounted in");
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        assertEquals(
            source.path("uid").asText(),
            target.path("datasource").path("uid").asText(),
            panel.path("title").asText());
      }
    }
  }

  @Test
  void dashboardShowsWhatOperatorsWatch() {
    List<String> titles = texts(dashboard.path("panels"), "title");
    for (String wanted :
        List.of(
            "Feed polls",
            "Articles per minute",
            "Consumer lag",
            "Alert latency",
            "delivery failures",
            "Errors",
            "heap")) {
      assertTrue(
          titles.stream().anyMatch(t -> t.toLowerCase().contains(wanted.toLowerCase())),
          "no panel for " + wanted + " in " + titles);
    }
  }

  @Tag("slow")
  @Test
  void everyMetricTheDashboardAsksForIsScrapedFromTheServices(KafkaBroker broker) throws Exception {
    Set<String> wanted = dashboardMetrics();
    assertTrue(
        wanted.size() >= 8, () -> "too few metrics found in the dashboard's queries: " + wanted);
    Topics topics = broker.newTopics();
    Api api = new Api(PipelineEndToEndTest.KEY);
    try (NewsSite site = NewsSite.start();
        Pipeline pipeline =
            Pipeline.start(
                broker.bootstrapServers(),
                topics,
                data,
                site.writeFeedsFile(data.resolve("feeds.yaml")),
                PipelineEndToEndTest.KEY)) {
      site.publish(PipelineEndToEndTest.BORDER);
      await("the border story alerted")
          .atMost(PipelineEndToEndTest.PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  !Api.field(
                          api.alerts(pipeline.alert.port(), PipelineEndToEndTest.BORDER_TOPIC),
                          "items",
                          "title")
                      .isEmpty());
      List<Integer> ports =
          List.of(pipeline.ingest.port(), pipeline.index.port(), pipeline.alert.port());
      // The Kafka clients' per-partition meters appear on the binder's next refresh.
      await("every dashboard metric on some /metrics")
          .atMost(PipelineEndToEndTest.PATIENCE)
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                Set<String> missing = new TreeSet<>(wanted);
                missing.removeAll(scrapedNames(ports));
                assertEquals(
                    Set.of(), missing, "metrics the dashboard asks for that no service exposes");
              });
      for (int port : ports) {
        String scrape = scrape(port);
        assertTrue(scrape.contains("jvm_memory_used_bytes{"), "JVM meters on :" + port);
        assertTrue(scrape.contains("newswatch_errors_total{"), "errors by kind on :" + port);
        assertTrue(
            scrape.contains("kafka_consumer_fetch_manager_records_consumed_rate")
                || scrape.contains("kafka_consumer_fetch_manager_records_consumed_total"),
            "records per second on :" + port);
      }
    }
  }

  /** The metric names in the dashboard's PromQL; {@code up} is Prometheus's own. */
  private static Set<String> dashboardMetrics() {
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = METRIC.matcher(target.path("expr").asText());
        while (m.find()) {
          if (!PROMQL_WORDS.contains(m.group(1))) {
            names.add(m.group(1));
          }
        }
      }
    }
    return names;
  }

  /** Series names as Prometheus stores them: a histogram's {@code _bucket} is its own name. */
  private static Set<String> scrapedNames(List<Integer> ports)
      throws IOException, InterruptedException {
    Set<String> names = new TreeSet<>();
    for (int port : ports) {
      names.addAll(
          scrape(port)
              .lines()
              .filter(l -> !l.startsWith("#") && !l.isBlank())
              .map(l -> l.split("[{ ]", 2)[0])
              .collect(Collectors.toSet()));
    }
    return names;
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(
        200,
        response.statusCode(),
        "/metrics on :" + port + " needs no key (Prometheus scrapes it)");
    return response.body();
  }

  private static List<String> texts(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.path(field).asText()));
    return list;
  }
}
