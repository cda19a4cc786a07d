package org.newswatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The all-in-one ({@code java -jar newswatch-all.jar run}) as a child process of the bench, so that
 * its memory and CPU are the services' own and nothing of the bench's. Configured only through the
 * environment variables an operator would set (NEWSWATCH_DATA, _FEEDS, _KAFKA, _ADMIN_KEY,
 * _ALLOW_PRIVATE_FEEDS and the four ports, each a free ephemeral one). Its output goes to a log
 * file in the data folder's parent. {@link #close()} sends SIGTERM, waits for the graceful
 * shutdown, and kills it ({@code kill -9}) if that takes too long.
 */
final class AllInOneProcess implements AutoCloseable {
  /** The graceful shutdown commits every consumer; longer than this and the process is killed. */
  private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

  /** The ports the services listen on. */
  record Ports(int ingest, int index, int alert, int landing) {}

  private final Process process;
  private final Ports ports;
  private final Path log;

  /** Stops the child when the bench is stopped (Ctrl-C, SIGTERM) before {@link #close()} ran. */
  private final Thread onExit;

  private AllInOneProcess(Process process, Ports ports, Path log) {
    this.process = process;
    this.ports = ports;
    this.log = log;
    this.onExit = new Thread(this::stop, "load-test-stop-all-in-one");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Starts the all-in-one. {@code kafka} null lets it start its embedded broker (on 9092 when that
   * port is free); otherwise it uses that cluster.
   */
  static AllInOneProcess start(
      Path jar, Path data, Path feedsFile, String kafka, String adminKey, List<String> jvmFlags)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the all-in-one jar "
              + jar
              + " is missing; build it first: ./mvnw -B -o -q package -DskipTests");
    }
    Ports ports = new Ports(freePort(), freePort(), freePort(), freePort());
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    if (Runtime.version().feature() >= 23) {
      command.add(
          "--sun-misc-unsafe-memory-access=allow"); // Kafka and Lucene still use it; as ./newswatch
      // does
    }
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString(), "run"));
    Path log = data.resolveSibling("all-in-one.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("NEWSWATCH_")); // the user's own settings must not leak in
    env.put("NEWSWATCH_DATA", data.toString());
    env.put("NEWSWATCH_FEEDS", feedsFile.toString());
    env.put("NEWSWATCH_ALLOW_PRIVATE_FEEDS", "true");
    env.put("NEWSWATCH_ADMIN_KEY", adminKey);
    env.put("NEWSWATCH_PORT", String.valueOf(ports.landing()));
    env.put("NEWSWATCH_INGEST_PORT", String.valueOf(ports.ingest()));
    env.put("NEWSWATCH_INDEX_PORT", String.valueOf(ports.index()));
    env.put("NEWSWATCH_ALERT_PORT", String.valueOf(ports.alert()));
    env.put("NEWSWATCH_INDEX_URL", "http://127.0.0.1:" + ports.index());
    if (kafka != null) {
      env.put("NEWSWATCH_KAFKA", kafka);
    }
    return new AllInOneProcess(builder.start(), ports, log);
  }

  Ports ports() {
    return ports;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Waits until all three services answer 200 on /health; throws with the log's tail if it dies or
   * the limit passes.
   */
  void awaitHealthy(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (int port : new int[] {ports.ingest(), ports.index(), ports.alert()}) {
      while (status(URI.create("http://127.0.0.1:" + port + "/health")) != 200) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the all-in-one exited with status "
                  + process.exitValue()
                  + "; its log ends:\n"
                  + tail(40));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the all-in-one was not healthy after "
                  + limit.toSeconds()
                  + " s; its log ends:\n"
                  + tail(40));
        }
        Thread.sleep(500);
      }
    }
  }

  /** The last lines of the child's output. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Peak resident set (VmHWM) of the child so far, in bytes; empty off Linux or once it has exited.
   */
  OptionalLong peakRssBytes() {
    return procStatus("VmHWM:");
  }

  /** Resident set (VmRSS) of the child now, in bytes. */
  OptionalLong rssBytes() {
    return procStatus("VmRSS:");
  }

  /** CPU time the child used so far (user + system). */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private OptionalLong procStatus(String field) {
    try {
      for (String line :
          Files.readAllLines(
              Path.of("/proc", String.valueOf(process.pid()), "status"),
              StandardCharsets.US_ASCII)) {
        if (line.startsWith(field)) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty(); // not Linux, or the process is gone: the row says "not measured"
    }
    return OptionalLong.empty();
  }

  /**
   * SIGTERM (the all-in-one's shutdown hook stops the services and commits), then kill -9 after
   * {@link #STOP_LIMIT}.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running or will run stop() itself
    }
    stop();
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        System.err.println(
            "load test: the all-in-one did not stop within "
                + STOP_LIMIT.toSeconds()
                + " s of SIGTERM; killing it");
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly(); // no time left to wait: never leave it running
      Thread.currentThread().interrupt();
    }
  }

  /** The exit status after close(), or -1 while it runs. */
  int exitStatus() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  private static int status(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(2_000);
      c.setReadTimeout(10_000);
      try {
        int code = c.getResponseCode();
        try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
          if (in != null) {
            in.readAllBytes();
          }
        }
        return code;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }

  /** A port free now on loopback (the kernel's choice); the child binds it moments later. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }
}
