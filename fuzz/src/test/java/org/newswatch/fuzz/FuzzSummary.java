package org.newswatch.fuzz;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints one line per fuzz target when its class ends: executions run, the generated corpus's size
 * and the checked-in inputs, so the build log shows what fuzzing did (libFuzzer's own
 * {@code #N DONE cov: … corp: …} line goes to the test's output file).
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
    // Jazzer keeps the generated corpus in .cifuzz-corpus/<class>/<method> under the working folder (target/).
    Path corpus = Path.of(".cifuzz-corpus", test.getName());
    Path inputs = Path.of("test-classes", test.getPackageName().replace('.', '/'), test.getSimpleName() + "Inputs");
    String mode = Boolean.parseBoolean(System.getProperty("fuzz.fuzzing", "false"))
        || "1".equals(System.getenv("JAZZER_FUZZ")) ? "fuzzed" : "replayed";
    console().printf(Locale.ROOT, "fuzz summary: %s %s %,d inputs in %d s; generated corpus %d files (%s); checked-in inputs %d%n",
        test.getSimpleName(), mode, EXECUTIONS.get(), took.toSeconds(), files(corpus), corpus.toAbsolutePath(), files(inputs));
  }

  /**
   * The fork's own standard error, where libFuzzer writes too: Surefire shows it in the build log,
   * while {@code System.out} goes to the test's output file (Jazzer logs every class it instruments there).
   */
  private static PrintStream console() {
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  private static long files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
