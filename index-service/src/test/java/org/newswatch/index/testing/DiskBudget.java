package org.newswatch.index.testing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.Directory;

/**
 * A pretend disk for an index folder: unlimited until a test {@link #limitTo limits} it, then every
 * write past the budget fails as a full disk does, with {@code IOException("No space left on
 * device")}, until {@link #unlimited()} gives the space back. One budget outlives the service
 * instances a test starts on the same folder, as a real disk would.
 */
public final class DiskBudget {
  private static final long UNLIMITED = Long.MAX_VALUE;

  private final AtomicLong free = new AtomicLong(UNLIMITED);
  private final AtomicLong refused = new AtomicLong();

  /** From now on, only {@code bytes} more may be written (0: the disk is full). */
  public void limitTo(long bytes) {
    free.set(bytes);
  }

  /** The space came back. */
  public void unlimited() {
    free.set(UNLIMITED);
  }

  /** Writes refused so far. */
  public long refused() {
    return refused.get();
  }

  /** Wraps the index folder's directory; pass as {@code dir -> budget.wrap(dir)}. */
  public Directory wrap(Directory directory) {
    return new BudgetedDirectory(directory, this);
  }

  /** Takes {@code bytes} from the budget, or fails without taking any when fewer are left. */
  void take(long bytes) throws IOException {
    while (true) {
      long left = free.get();
      if (left == UNLIMITED) {
        return;
      }
      if (left < bytes) {
        refused.incrementAndGet();
        throw new IOException("No space left on device");
      }
      if (free.compareAndSet(left, left - bytes)) {
        return;
      }
    }
  }
}
