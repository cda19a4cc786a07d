package org.newswatch.fuzz;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints one line per fuzz target when its class ends: executions run, the generated corpus's size
 * and the checked-in inputs, so the build log shows what fuzzing did. libFuzzer runs quiet ({@code
 * -verbosity=0}, or its {@code NEW} lines would fill the log) and then prints only its final {@code
 * stat::} lines, which count executions but not the corpus.
 *
 * <p>Counts are per JVM; the fuzz module runs each class in its own JVM, one target per class.
 */
public final class FuzzSummary implements BeforeAllCallback, AfterAllCallback {
  private static final AtomicLong EXECUTIONS = new AtomicLong();
  private static final AtomicLong STARTED = new AtomicLong();

  /** Called once per input by each fuzz target. */
  static void executed() {
    EXECUTIONS.incrementAndGet();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    STARTED.set(System.nanoTime());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Class<?> test = context.getRequiredTestClass();
    Duration took = Duration.ofNanos(System.nanoTime() - STARTED.get());
    // Jazzer keeps the generated corpus in .cifuzz-corpus/<class>/<method> under the working folder
    // (target/).
    Path corpus = Path.of(".cifuzz-corpus", test.getName());
    String mode =
        List.of("1", "true", "yes")
                .contains(String.valueOf(System.getenv("JAZZER_FUZZ")).toLowerCase(Locale.ROOT))
            ? "fuzzed"
            : "replayed";
    console()
        .printf(
            Locale.ROOT,
            "fuzz summary: %s %s %,d inputs in %d s; generated corpus %d files (%s); checked-in inputs %d%n",
            test.getSimpleName(),
            mode,
            EXECUTIONS.get(),
            took.toSeconds(),
            files(corpus),
            corpus.toAbsolutePath(),
            files(inputs(test)));
  }

  /**
   * The checked-in inputs folder ({@code <Class>Inputs} beside the class), or null when there is
   * none.
   */
  private static Path inputs(Class<?> test) {
    URL url = test.getResource(test.getSimpleName() + "Inputs");
    try {
      return url == null || !"file".equals(url.getProtocol()) ? null : Path.of(url.toURI());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /**
   * The fork's own standard error, where libFuzzer writes too: Surefire shows it in the build log,
   * while {@code System.out} goes to the test's output file (Jazzer logs every class it instruments
   * there). Not closed: that would close the fork's standard error.
   */
  private static PrintStream console() {
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  private static long files(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
