package org.newswatch.app.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-compose} (Debian's 1.29, which reads the Compose Specification) and {@code
 * docker} for the compose test: one project name, the repository's compose file plus the test's
 * override, and the variables the override reads. Each command has a time limit and its output is
 * kept, so that a failure says what the engine answered.
 */
final class Compose {
  /** What a command printed (stdout and stderr together) and its exit status. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private final Path root;
  private final String project;
  private final List<String> files;
  private final Map<String, String> env;

  Compose(Path root, String project, List<Path> files, Map<String, String> env) {
    this.root = root;
    this.project = project;
    this.files = files.stream().map(Path::toString).toList();
    this.env = Map.copyOf(env);
  }

  /** {@code docker-compose -p <project> -f … <args>}. */
  Result compose(Duration limit, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "docker-compose",
                "--ansi",
                "never",
                "-p",
                project,
                "--project-directory",
                root.toString()));
    for (String f : files) {
      command.add("-f");
      command.add(f);
    }
    command.addAll(List.of(args));
    return run(command, limit);
  }

  /** Like {@link #compose} but fails with the output unless the command succeeded. */
  String composeOk(Duration limit, String... args) {
    Result r = compose(limit, args);
    if (!r.ok()) {
      throw new IllegalStateException(
          "docker-compose "
              + String.join(" ", args)
              + " failed ("
              + r.exit()
              + "):\n"
              + r.output());
    }
    return r.output();
  }

  Result docker(Duration limit, String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return run(command, limit);
  }

  /** The running containers of one service, by id. */
  List<String> containers(String service) {
    return composeOk(Duration.ofSeconds(60), "ps", "-q", service)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  /** The container's health as Docker last judged it: starting, healthy, unhealthy, or none. */
  String health(String container) {
    Result r =
        docker(
            Duration.ofSeconds(30),
            "inspect",
            "-f",
            "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}",
            container);
    return r.ok() ? r.output().strip() : "gone";
  }

  /** The port a service instance wrote at start (PortFile), or -1 while it has not. */
  int port(String container, String service) {
    Result r =
        docker(
            Duration.ofSeconds(30),
            "exec",
            container,
            "cat",
            "/var/lib/newswatch/" + service + ".port");
    return r.ok() ? Integer.parseInt(r.output().strip()) : -1;
  }

  private Result run(List<String> command, Duration limit) {
    try {
      Path output = Files.createTempFile("compose", ".out");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor();
          return new Result(
              -1,
              "timed out after "
                  + limit
                  + ": "
                  + String.join(" ", command)
                  + "\n"
                  + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.getFirst() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
