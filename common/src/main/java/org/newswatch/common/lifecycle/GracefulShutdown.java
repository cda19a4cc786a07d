package org.newswatch.common.lifecycle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import sun.misc.Signal;

/**
 * Stops a Newswatch process (a service alone or the all-in-one) on Ctrl-C or SIGTERM: the first
 * signal closes everything in order, so in-flight work is finished or handed back and committed (a
 * shutdown hook, so {@code System.exit} elsewhere is covered too); a second signal, or a close that
 * takes longer than {@link #TIMEOUT}, halts the JVM at once.
 *
 * <p>Why {@code sun.misc.Signal}: the JVM ignores further signals once its shutdown has begun, so
 * without our own handler an impatient second Ctrl-C would do nothing. The handler is optional:
 * where signals cannot be handled (e.g. {@code -Xrs}) the hook and the timeout still apply.
 *
 * <p>Installed before the process starts its parts ({@link #install(String, PrintStream)}, then
 * {@link #start}): a supervisor may send SIGTERM as soon as a service logs its port, and a signal
 * that reached the JVM before our handler would skip the clean stop. A stop asked for during start
 * waits for the start to finish, then closes what it started.
 */
@SuppressForbidden(
    "sun.misc.Signal: the JDK's only way to see a second signal once shutdown has begun")
public final class GracefulShutdown {
  /**
   * Long enough to finish a batch of page fetches and an index commit; short enough for a human.
   */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final AtomicBoolean stopping = new AtomicBoolean();

  /** What the stop closes; null when the start failed (nothing to close). */
  private final CompletableFuture<AutoCloseable> target = new CompletableFuture<>();

  /** Whether a start has begun; guarded by {@code target}'s lock, with {@code stopping}. */
  private boolean starting;

  private final String name;
  private final PrintStream err;

  private GracefulShutdown(String name, PrintStream err) {
    this.name = name;
    this.err = err;
  }

  /** Closes {@code target} when the JVM is asked to stop; messages start with {@code name}. */
  public static void install(String name, AutoCloseable target, PrintStream err) {
    install(name, err).stopWith(target);
  }

  /**
   * Handles the signals from now on; what a stop closes is named later by {@link #start} (or {@link
   * #stopWith}). Messages start with {@code name}.
   */
  public static GracefulShutdown install(String name, PrintStream err) {
    GracefulShutdown shutdown = new GracefulShutdown(name, err);
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::close, name + "-shutdown"));
    for (String signal : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(signal), shutdown::signalled);
      } catch (IllegalArgumentException e) {
        // Signal not available on this platform or reserved by the JVM: the hook alone will do.
      }
    }
    return shutdown;
  }

  /**
   * Runs {@code starter} and names what it started as what a stop closes. After a stop was asked
   * for, nothing is started and this call never returns (the process is on its way out); a start
   * that throws leaves a stop nothing to wait for.
   */
  public <T extends AutoCloseable> T start(Supplier<T> starter) {
    boolean tooLate;
    synchronized (target) {
      tooLate = stopping.get();
      starting = !tooLate;
    }
    while (tooLate) {
      // The JVM is already exiting (a signal came before the start): nothing is started that no one
      // would close, and this thread waits for the end rather than dying with an error that would
      // change the exit status.
      LockSupport.park(this);
    }
    try {
      T started = starter.get();
      target.complete(started);
      return started;
    } catch (RuntimeException | Error e) {
      target.complete(null);
      throw e;
    }
  }

  /** The process has started {@code started} itself: a stop closes it. */
  public void stopWith(AutoCloseable started) {
    synchronized (target) {
      starting = true;
    }
    target.complete(started);
  }

  private void signalled(Signal signal) {
    if (stopping.getAndSet(true)) {
      err.println(name + ": second SIG" + signal.getName() + ", stopping at once");
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
    err.println(
        name + ": SIG" + signal.getName() + " received, stopping cleanly (again to stop at once)");
    // Each signal is dispatched on a thread of its own, so blocking here in exit() leaves the next
    // signal free to reach the branch above.
    System.exit(0);
  }

  private void close() {
    boolean started;
    synchronized (target) {
      stopping.set(true);
      started = starting;
    }
    if (!started) {
      // A configuration error, or a signal before the start: nothing was started to close.
      err.println(name + ": stopped before starting");
      return;
    }
    Thread watchdog =
        Thread.ofPlatform()
            .daemon()
            .name(name + "-shutdown-timeout")
            .start(
                () -> {
                  try {
                    Thread.sleep(TIMEOUT);
                    err.println(
                        name + ": did not stop within " + TIMEOUT.toSeconds() + " s, halting");
                    Runtime.getRuntime().halt(1);
                  } catch (InterruptedException e) {
                    // Closed in time.
                  }
                });
    try {
      // A stop during start waits for it (the watchdog bounds the wait): closing half-built parts
      // from here would race the thread still building them.
      AutoCloseable parts = target.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (parts == null) {
        return; // the start failed and said so
      }
      parts.close();
      err.println(name + ": stopped");
    } catch (TimeoutException e) {
      err.println(
          name + ": still starting after " + TIMEOUT.toSeconds() + " s, not stopped cleanly");
    } catch (Exception e) {
      err.println(name + ": error while stopping: " + e);
    } finally {
      watchdog.interrupt();
    }
  }
}
