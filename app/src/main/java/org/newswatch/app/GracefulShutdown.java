package org.newswatch.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Stops the all-in-one on Ctrl-C or SIGTERM: the first signal closes everything in order (a
 * shutdown hook, so {@code System.exit} elsewhere is covered too); a second signal, or a close that
 * takes longer than {@link #TIMEOUT}, halts the JVM at once.
 *
 * <p>Why {@code sun.misc.Signal}: the JVM ignores further signals once its shutdown has begun, so
 * without our own handler an impatient second Ctrl-C would do nothing. The handler is optional: where
 * signals cannot be handled (e.g. {@code -Xrs}) the hook and the timeout still apply.
 */
final class GracefulShutdown {
  /** Long enough to finish a batch of page fetches and an index commit; short enough for a human. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final PrintStream err;

  private GracefulShutdown(PrintStream err) {
    this.err = err;
  }

  /** Closes {@code target} when the JVM is asked to stop. */
  static void install(AutoCloseable target, PrintStream err) {
    GracefulShutdown shutdown = new GracefulShutdown(err);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown.close(target), "newswatch-shutdown"));
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), shutdown::signalled);
      } catch (IllegalArgumentException e) {
        // Signal not available on this platform or reserved by the JVM: the hook alone will do.
      }
    }
  }

  private void signalled(Signal signal) {
    if (stopping.getAndSet(true)) {
      err.println("newswatch: second SIG" + signal.getName() + ", stopping at once");
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
    err.println("newswatch: SIG" + signal.getName() + " received, stopping cleanly (again to stop at once)");
    // Each signal is dispatched on a thread of its own, so blocking here in exit() leaves the next
    // signal free to reach the branch above.
    System.exit(0);
  }

  private void close(AutoCloseable target) {
    stopping.set(true);
    Thread watchdog =
        Thread.ofPlatform()
            .daemon()
            .name("newswatch-shutdown-timeout")
            .start(
                () -> {
                  try {
                    Thread.sleep(TIMEOUT);
                    err.println("newswatch: did not stop within " + TIMEOUT.toSeconds() + " s, halting");
                    Runtime.getRuntime().halt(1);
                  } catch (InterruptedException e) {
                    // Closed in time.
                  }
                });
    try {
      target.close();
      err.println("newswatch: stopped");
    } catch (Exception e) {
      err.println("newswatch: error while stopping: " + e);
    } finally {
      watchdog.interrupt();
    }
  }
}
