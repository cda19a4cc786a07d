package org.newswatch.common.lifecycle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Stops a Newswatch process (a service alone or the all-in-one) on Ctrl-C or SIGTERM: the first
 * signal closes everything in order, so in-flight work is finished or handed back and committed (a
 * shutdown hook, so {@code System.exit} elsewhere is covered too); a second signal, or a close that
 * takes longer than {@link #TIMEOUT}, halts the JVM at once.
 *
 * <p>Why {@code sun.misc.Signal}: the JVM ignores further signals once its shutdown has begun, so
 * without our own handler an impatient second Ctrl-C would do nothing. The handler is optional: where
 * signals cannot be handled (e.g. {@code -Xrs}) the hook and the timeout still apply.
 */
public final class GracefulShutdown {
  /** Long enough to finish a batch of page fetches and an index commit; short enough for a human. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final String name;
  private final PrintStream err;

  private GracefulShutdown(String name, PrintStream err) {
    this.name = name;
    this.err = err;
  }

  /** Closes {@code target} when the JVM is asked to stop; messages start with {@code name}. */
  public static void install(String name, AutoCloseable target, PrintStream err) {
    GracefulShutdown shutdown = new GracefulShutdown(name, err);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown.close(target), name + "-shutdown"));
    for (String signal : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(signal), shutdown::signalled);
      } catch (IllegalArgumentException e) {
        // Signal not available on this platform or reserved by the JVM: the hook alone will do.
      }
    }
  }

  private void signalled(Signal signal) {
    if (stopping.getAndSet(true)) {
      err.println(name + ": second SIG" + signal.getName() + ", stopping at once");
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
    err.println(name + ": SIG" + signal.getName() + " received, stopping cleanly (again to stop at once)");
    // Each signal is dispatched on a thread of its own, so blocking here in exit() leaves the next
    // signal free to reach the branch above.
    System.exit(0);
  }

  private void close(AutoCloseable target) {
    stopping.set(true);
    Thread watchdog =
        Thread.ofPlatform()
            .daemon()
            .name(name + "-shutdown-timeout")
            .start(
                () -> {
                  try {
                    Thread.sleep(TIMEOUT);
                    err.println(name + ": did not stop within " + TIMEOUT.toSeconds() + " s, halting");
                    Runtime.getRuntime().halt(1);
                  } catch (InterruptedException e) {
                    // Closed in time.
                  }
                });
    try {
      target.close();
      err.println(name + ": stopped");
    } catch (Exception e) {
      err.println(name + ": error while stopping: " + e);
    } finally {
      watchdog.interrupt();
    }
  }
}
