package org.newswatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswatch.common.config.NewswatchConfig;

/**
 * The rules docker-compose.yml must keep, as a list of problems (empty = fine), so that a test can
 * show both that the real file passes and that a broken one is caught. The file is read as a tree
 * (Jackson YAML), relative to the repository root for build contexts and Dockerfiles.
 */
final class ComposeCheck {
  /**
   * NEWSWATCH_INDEX_PORT and its like name the port the service listens on (not
   * NEWSWATCH_SMTP_PORT).
   */
  private static final Pattern PORT_VARIABLE =
      Pattern.compile("NEWSWATCH_(?:INGEST_|INDEX_|ALERT_)?PORT");

  private static final Pattern DOCKERFILE_ENV =
      Pattern.compile("(?m)^\\s*(?:ENV\\s+)?(NEWSWATCH_[A-Z_]+)=");
  private static final Pattern MAIN_CLASS =
      Pattern.compile("\"(org\\.newswatch\\.[a-z.]+\\.[A-Z][A-Za-z]*Main)\"");

  /**
   * {@code ARG NAME=default} then {@code FROM ${NAME}}: the base image is a build argument with a
   * default.
   */
  private static final Pattern BASE_ARG = Pattern.compile("(?m)^ARG\\s+([A-Z_]+)=\\S+\\s*$");

  private final Path root;
  private final List<String> problems = new ArrayList<>();

  private ComposeCheck(Path root) {
    this.root = root;
  }

  static List<String> problems(JsonNode compose, Path root) {
    ComposeCheck check = new ComposeCheck(root);
    check.run(compose);
    return check.problems;
  }

  private void run(JsonNode compose) {
    JsonNode services = compose.path("services");
    if (!services.isObject() || services.isEmpty()) {
      problems.add("no services");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      service(e.getKey(), e.getValue(), services);
    }
  }

  private void service(String name, JsonNode service, JsonNode services) {
    // Kafka and ours are built here (on a base image given as a build argument); Prometheus and
    // Grafana come as published images.
    boolean built =
        service.has("build") || service.path("image").asText("").startsWith("newswatch/");
    if (built) {
      build(name, service.path("build"));
    } else if (!service.has("image")) {
      problems.add(name + ": neither a build nor an image");
    }
    JsonNode test = service.path("healthcheck").path("test");
    if (test.isMissingNode() || test.isNull() || (test.isArray() && test.isEmpty())) {
      problems.add(name + ": no healthcheck");
    }
    JsonNode env = service.path("environment");
    if (env.isArray()) {
      problems.add(name + ": write environment as a map, so that each variable can be checked");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> v = it.next();
      if (v.getKey().startsWith("NEWSWATCH_") && !NewswatchConfig.VARIABLES.contains(v.getKey())) {
        problems.add(name + ": sets " + v.getKey() + ", which no Newswatch service reads");
      }
      if (PORT_VARIABLE.matcher(v.getKey()).matches()) {
        port(name, service, v.getValue().asText());
      }
    }
    dependencies(name, service, env.path("NEWSWATCH_KAFKA").asText(""), services);
  }

  private void build(String name, JsonNode build) {
    if (!build.isObject()) {
      problems.add(name + ": no build section (context and dockerfile)");
      return;
    }
    Path context = root.resolve(build.path("context").asText("."));
    Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize();
    if (!Files.isRegularFile(dockerfile)) {
      problems.add(name + ": Dockerfile " + root.relativize(dockerfile) + " does not exist");
      return;
    }
    String text;
    try {
      text = Files.readString(dockerfile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(name + ": cannot read " + dockerfile + ": " + e.getMessage());
      return;
    }
    Matcher arg = BASE_ARG.matcher(text);
    if (!arg.find() || !text.contains("FROM ${" + arg.group(1) + "}")) {
      problems.add(
          name
              + ": Dockerfile's base image is not a build argument with a default (ARG X=image, FROM ${X})");
    }
    if (text.lines()
        .map(String::strip)
        .anyMatch(l -> l.startsWith("RUN ") && l.matches(".*\\bmvnw?\\b.*"))) {
      problems.add(name + ": Dockerfile runs Maven; images copy the jars Maven built");
    }
    if (!MAIN_CLASS.matcher(text).find()) {
      return; // Kafka: the official image, as it is.
    }
    List<String> users =
        text.lines().map(String::strip).filter(l -> l.startsWith("USER ")).toList();
    if (users.isEmpty() || users.getLast().matches("USER\\s+(root|0)(:.*)?")) {
      problems.add(name + ": Dockerfile does not switch to a non-root USER");
    }
    Matcher env = DOCKERFILE_ENV.matcher(text);
    while (env.find()) {
      if (!NewswatchConfig.VARIABLES.contains(env.group(1))) {
        problems.add(
            name + ": Dockerfile sets " + env.group(1) + ", which no Newswatch service reads");
      }
    }
    Matcher main = MAIN_CLASS.matcher(text);
    main.find();
    String cls = main.group(1);
    Path source =
        root.resolve(name).resolve("src/main/java").resolve(cls.replace('.', '/') + ".java");
    if (!Files.isRegularFile(source)) {
      problems.add(
          name
              + ": Dockerfile runs "
              + cls
              + ", but "
              + root.relativize(source)
              + " does not exist");
    }
  }

  /**
   * The port variable and the container side of the published port must agree, and the healthcheck
   * must be the image's, which asks /health on the port the service wrote (any port, 0 included).
   */
  private void port(String name, JsonNode service, String port) {
    boolean published = false;
    for (JsonNode p : service.path("ports")) {
      String mapping = p.isObject() ? p.path("target").asText() : p.asText();
      published |=
          mapping.equals(port)
              || mapping.endsWith(":" + port)
              || mapping.endsWith(":" + port + "/tcp");
    }
    if (!published) {
      problems.add(name + ": listens on " + port + " but does not publish it");
    }
    String health = service.path("healthcheck").path("test").toString();
    if (!health.contains("/opt/newswatch/bin/health") || !health.contains("\"" + name + "\"")) {
      problems.add(
          name + ": healthcheck is not the image's (/opt/newswatch/bin/health " + name + ")");
    }
  }

  /** Every service named in NEWSWATCH_KAFKA is a dependency, waited for until healthy. */
  private void dependencies(String name, JsonNode service, String kafka, JsonNode services) {
    JsonNode dependsOn = service.path("depends_on");
    for (String server : kafka.split(",")) {
      String host = server.strip().replaceFirst(":\\d+$", "");
      if (!host.isEmpty() && services.has(host) && !dependsOn.has(host)) {
        problems.add(name + ": uses " + host + " but does not depend on it");
      }
    }
    if (dependsOn.isArray()) {
      problems.add(
          name
              + ": depends_on as a list starts before its dependencies are healthy; use condition: service_healthy");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = dependsOn.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> d = it.next();
      if (!services.has(d.getKey())) {
        problems.add(name + ": depends on " + d.getKey() + ", which is not a service");
      } else if (!"service_healthy".equals(d.getValue().path("condition").asText())) {
        problems.add(name + ": depends on " + d.getKey() + " without condition: service_healthy");
      } else if (!services.path(d.getKey()).has("healthcheck")) {
        problems.add(
            name + ": waits for " + d.getKey() + " to be healthy, but it has no healthcheck");
      }
    }
  }
}
