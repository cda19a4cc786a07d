package org.newswatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each service's main run alone, as the compose file runs it, with settings an operator got wrong:
 * the process ends at once with status 1 and one line that names the service and the setting, not a
 * stack trace, and writes no port file.
 */
class ServiceMainsTest {
  enum Service {
    INGEST(org.newswatch.ingest.IngestMain.class, "ingest-service", "NEWSWATCH_INGEST_PORT"),
    INDEX(org.newswatch.index.IndexMain.class, "index-service", "NEWSWATCH_INDEX_PORT"),
    ALERT(org.newswatch.alert.AlertMain.class, "alert-service", "NEWSWATCH_ALERT_PORT");

    final Class<?> main;
    final String name;
    final String portVariable;

    Service(Class<?> main, String name, String portVariable) {
      this.main = main;
      this.name = name;
      this.portVariable = portVariable;
    }
  }

  @TempDir Path data;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Service.class)
  void withoutKafkaSaysSoInOneLineAndEnds(Service service) throws Exception {
    Ended ended = run(service, Map.of());

    assertEquals(1, ended.status(), ended.output()::toString);
    assertEquals(
        List.of(
            service.name
                + ": cannot start: NEWSWATCH_KAFKA must name the Kafka bootstrap servers"
                + " (host:port) when the "
                + service.name
                + " runs alone"),
        ended.startFailures(service),
        ended.output()::toString);
    assertNoStackTrace(ended);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Service.class)
  void badPortNamesTheVariableAndEnds(Service service) throws Exception {
    // A Kafka address that nothing answers: the setting is checked before any connection.
    Ended ended =
        run(service, Map.of("NEWSWATCH_KAFKA", "127.0.0.1:1", service.portVariable, "80a"));

    assertEquals(1, ended.status(), ended.output()::toString);
    assertEquals(1, ended.startFailures(service).size(), ended.output()::toString);
    String line = ended.startFailures(service).get(0);
    assertTrue(line.startsWith(service.name + ": cannot start: "), line);
    assertTrue(line.contains(service.portVariable), line);
    assertNoStackTrace(ended);
    assertTrue(Files.notExists(data.resolve(service.name + ".port")), "a port file was written");
  }

  private static void assertNoStackTrace(Ended ended) {
    assertTrue(
        ended.output().stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
        ended.output()::toString);
  }

  record Ended(int status, List<String> output) {
    /** The lines that say why it did not start (the shutdown hook then says it stopped). */
    List<String> startFailures(Service service) {
      return output.stream().filter(l -> l.startsWith(service.name + ": cannot start")).toList();
    }
  }

  private Ended run(Service service, Map<String, String> settings)
      throws IOException, InterruptedException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire's own class path property: java.class.path may be a manifest-only booter jar.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(javaBin, "-cp", classPath, service.main.getName())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("NEWSWATCH_"));
    builder.environment().put("NEWSWATCH_DATA", data.toString());
    builder.environment().put("NEWSWATCH_ADMIN_KEY", "nwa_" + "0".repeat(40));
    builder.environment().putAll(settings);
    Path output = data.resolve("output-" + System.nanoTime() + ".txt");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "still running: " + Files.readAllLines(output, StandardCharsets.UTF_8));
    }
    return new Ended(process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
  }
}
