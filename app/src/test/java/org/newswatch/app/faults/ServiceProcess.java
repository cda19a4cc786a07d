package org.newswatch.app.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Newswatch service ({@code IngestMain}, {@code IndexMain} or {@code AlertMain}) in a JVM of
 * its own, configured only through the environment as an operator runs it, on the test's class
 * path. It keeps its HTTP port and environment across {@link #restart()}, so a restarted service is
 * the same service on the same data folder. Output goes to a log file under {@code
 * target/fault-logs/} (appended across restarts) for when a test fails.
 *
 * <p>Every child JVM started here is also killed by a shutdown hook of the test JVM, so none
 * outlives a run that is itself interrupted.
 */
final class ServiceProcess implements AutoCloseable {
  /** Bounds, not expectations: a JVM starts in 2-4 s, far slower on two busy cores. */
  static final Duration START = Duration.ofSeconds(120);

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "fault-test-children"));
  }

  private final String name;
  private final String mainClass;
  private final Map<String, String> env;
  private final int port;
  private final Path log;
  private Process process;

  private ServiceProcess(
      String name, String mainClass, Map<String, String> env, int port, Path log) {
    this.name = name;
    this.mainClass = mainClass;
    this.env = Map.copyOf(env);
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} with {@code env}; {@code portVariable} (e.g. {@code
   * NEWSWATCH_INDEX_PORT}) is set to a free port kept for restarts. Does not wait: see {@link
   * #awaitHealthy()}.
   */
  static ServiceProcess start(
      String name, Class<?> mainClass, String portVariable, Map<String, String> env, Path logDir) {
    int port = freePort();
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(portVariable, String.valueOf(port));
    ServiceProcess service =
        new ServiceProcess(name, mainClass.getName(), all, port, logDir.resolve(name + ".log"));
    service.launch();
    return service;
  }

  /**
   * A JVM running {@code mainClass} on this test's class path with the variables added to the
   * environment, its output appended to {@code log}. Small heap and the client compiler: the
   * machine running the tests is shared, and these JVMs live for seconds.
   */
  static Process java(String mainClass, List<String> args, Map<String, String> env, Path log) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka=warn",
                // A connection warning every few hundred ms while a broker is down says nothing
                // new.
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error",
                "-Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "---- " + java.time.Instant.now() + " start " + mainClass + " " + args + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process p = pb.start();
      LIVE.add(p);
      p.onExit().thenAccept(LIVE::remove);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  private void launch() {
    process = java(mainClass, List.of(), env, log);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * True when {@code GET /health} answers 200 (ready); false for 503, no answer or a dead process.
   */
  boolean healthy() {
    return health().statusCode() == 200;
  }

  /**
   * The status and body of {@code GET /health}: -1 and a reason when the service does not answer.
   */
  Health health() {
    if (!process.isAlive()) {
      return new Health(-1, "the process has exited with " + process.exitValue());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> response =
          HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Health(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Health(-1, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(-1, "interrupted");
    }
  }

  /** An answer of {@code /health}. */
  record Health(int statusCode, String body) {}

  /**
   * Waits until {@code /health} answers 200; fails at once, naming the log, if the process exits.
   */
  ServiceProcess awaitHealthy() {
    await(name + " healthy (log: " + log + ")")
        .atMost(START)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    name + " exited with " + process.exitValue() + " while starting; see " + log);
              }
              return healthy();
            });
    return this;
  }

  /** SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is flushed or committed. */
  void kill() {
    process.destroyForcibly();
    awaitExit(process);
  }

  /**
   * SIGSTOP: the JVM stands still, as in a long GC pause or a suspended VM; its sockets stay open
   * and its threads, heartbeats included, do nothing until {@link #thaw()}.
   */
  void freeze() {
    signal("STOP");
  }

  /** SIGCONT: the frozen JVM goes on from where it stood. */
  void thaw() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
              .redirectErrorStream(true)
              .start();
      String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + ": " + said);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal " + this.name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + this.name, e);
    }
  }

  /**
   * A second instance of the same service: same main and environment, but its own data folder (so
   * its own instance and transactional id), port and log, as an operator scales a service out.
   */
  ServiceProcess anotherInstance(String name, String portVariable, Path data) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("NEWSWATCH_DATA", data.toString());
    int otherPort = freePort();
    all.put(portVariable, String.valueOf(otherPort));
    ServiceProcess other =
        new ServiceProcess(name, mainClass, all, otherPort, log.resolveSibling(name + ".log"));
    other.launch();
    return other;
  }

  /**
   * Starts the same main again with the same environment and port, after the last run has exited.
   */
  ServiceProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch();
    return this;
  }

  /**
   * Kills it (SIGKILL): the tests' data folders are thrown away, and a clean stop is not what they
   * test.
   */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  static void awaitExit(Process p) {
    try {
      p.onExit().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("process " + p.pid() + " did not exit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for process " + p.pid(), e);
    }
  }

  /** The folder for one test class's logs: {@code target/fault-logs/<class>}, emptied first. */
  static Path logDir(Class<?> test) {
    Path dir = Path.of("target", "fault-logs", test.getSimpleName()).toAbsolutePath();
    try {
      if (Files.isDirectory(dir)) {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }

  /** A port free now, for a service that must keep it across restarts (a 0 would change it). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
