package org.newswatch.common.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's parts in the order to close them. {@link #close} closes each in turn, once; a part
 * that fails to close is logged and the rest are still closed (one stuck reader must not keep the
 * index from committing or a port from being freed).
 *
 * <p>A service fills it while it starts and closes it if the start fails: what already runs is
 * stopped, or its threads would keep the JVM alive. Once started, the service's own {@code close()}
 * is this one's.
 */
public final class ClosingOrder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClosingOrder.class);

  private final List<AutoCloseable> parts = new ArrayList<>();
  private final BiConsumer<AutoCloseable, Exception> onFailure;

  public ClosingOrder() {
    this((part, e) -> LOG.warn("closing {} failed", part.getClass().getSimpleName(), e));
  }

  /**
   * With {@code onFailure} told of each part that fails to close, instead of the log (the
   * all-in-one tells its console).
   */
  public ClosingOrder(BiConsumer<AutoCloseable, Exception> onFailure) {
    this.onFailure = onFailure;
  }

  /** {@code part} is closed after every part added so far. */
  public synchronized <T extends AutoCloseable> T add(T part) {
    parts.add(part);
    return part;
  }

  /**
   * {@code part} is closed before every part added so far: what was started last, using the rest
   * (the HTTP server, say).
   */
  public synchronized <T extends AutoCloseable> T addFirst(T part) {
    parts.addFirst(part);
    return part;
  }

  /** {@code part} is closed right after {@code earlier}, which must have been added. */
  public synchronized <T extends AutoCloseable> T addAfter(AutoCloseable earlier, T part) {
    int at = parts.indexOf(earlier);
    if (at < 0) {
      throw new IllegalArgumentException(earlier + " is not among the parts to close");
    }
    parts.add(at + 1, part);
    return part;
  }

  /**
   * Closes every part in order. A second call closes nothing; made while the first is closing, it
   * returns when the first is done.
   */
  @Override
  public synchronized void close() {
    List<AutoCloseable> toClose = List.copyOf(parts);
    parts.clear();
    for (AutoCloseable part : toClose) {
      try {
        part.close();
      } catch (Exception e) {
        onFailure.accept(part, e);
      }
    }
  }
}
