package org.newswatch.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/**
 * {@code newswatch run} as its own process, stopped with SIGTERM: once to stop cleanly (every part
 * closed, exit 0), twice to stop at once.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class GracefulShutdownTest {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path data;

  @Test
  void sigtermStopsEveryPartCleanly(KafkaBroker broker) throws Exception {
    Run run = Run.start(broker, data);
    try {
      await("running").atMost(PATIENCE).until(() -> run.printed("newswatch: running."));
      run.process.destroy(); // SIGTERM on Unix
      assertTrue(run.process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "still running: " + run.lines());
      assertEquals(0, run.process.exitValue(), () -> run.lines().toString());
      await("output read").atMost(PATIENCE).until(() -> run.printed("newswatch: stopped"));
      assertTrue(run.printed("SIGTERM received, stopping cleanly"), () -> run.lines().toString());
    } finally {
      run.process.destroyForcibly();
    }
  }

  @Test
  void secondSigtermStopsAtOnce(KafkaBroker broker) throws Exception {
    Run run = Run.start(broker, data);
    try {
      await("running").atMost(PATIENCE).until(() -> run.printed("newswatch: running."));
      run.process.destroy();
      await("first signal seen").atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> run.printed("SIGTERM received"));
      // Closing three services' Kafka clients takes seconds; the second signal comes well within.
      run.process.destroy();
      assertTrue(run.process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "still running: " + run.lines());
      assertEquals(128 + 15, run.process.exitValue(), () -> run.lines().toString());
      assertTrue(run.printed("second SIGTERM, stopping at once"), () -> run.lines().toString());
    } finally {
      run.process.destroyForcibly();
    }
  }

  /** The all-in-one in a JVM of its own, on the test broker, ephemeral ports and a fresh folder. */
  private record Run(Process process, Path output) {
    static Run start(KafkaBroker broker, Path data) throws IOException {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // Surefire's own class path property: java.class.path may be a manifest-only booter jar.
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      ProcessBuilder builder =
          new ProcessBuilder(javaBin, "-cp", classPath, NewswatchMain.class.getName(), "run").redirectErrorStream(true);
      builder.environment().put("NEWSWATCH_KAFKA", broker.bootstrapServers());
      builder.environment().put("NEWSWATCH_TOPIC_PREFIX", broker.newTopics().prefix());
      builder.environment().put("NEWSWATCH_DATA", data.toString());
      builder.environment().put("NEWSWATCH_FEEDS", data.resolve("feeds.yaml").toString());
      for (String port : List.of("NEWSWATCH_PORT", "NEWSWATCH_INGEST_PORT", "NEWSWATCH_INDEX_PORT", "NEWSWATCH_ALERT_PORT")) {
        builder.environment().put(port, "0");
      }
      Files.writeString(data.resolve("feeds.yaml"), "feeds: []\n", StandardCharsets.UTF_8);
      // To a file, not a pipe: the JDK closes a pipe under a reader when the process exits.
      Path output = data.resolve("output.txt");
      builder.redirectOutput(output.toFile());
      return new Run(builder.start(), output);
    }

    List<String> lines() {
      try {
        return Files.readAllLines(output, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return List.of();
      }
    }

    boolean printed(String text) {
      return lines().stream().anyMatch(l -> l.contains(text));
    }
  }
}
