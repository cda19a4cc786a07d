package org.newswatch.index.indexing;

import java.nio.file.FileSystemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Why indexing is paused, in words for {@code /health}, and the kind of error for the {@code
 * newswatch.errors} counter.
 *
 * @param kind {@code disk-full} when the index folder is out of space or over quota, else {@code
 *     index-io}
 * @param cause the operating system's words (e.g. "No space left on device")
 * @param since when indexing paused
 * @param retryEvery how often the consumer tries again
 */
public record IndexOutage(String kind, String cause, Instant since, Duration retryEvery) {
  public static final String DISK_FULL = "disk-full";
  public static final String INDEX_IO = "index-io";

  /** How the JDK reports ENOSPC and EDQUOT (Linux, macOS) and a full disk on Windows. */
  private static final String[] OUT_OF_SPACE = {
    "no space left on device", "disk quota exceeded", "not enough space on the disk"
  };

  /**
   * Classifies a write failure by its chain of causes; the deepest one says best what went wrong.
   */
  static IndexOutage of(Throwable failure, Instant now, Duration retryEvery) {
    String deepest = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // FileSystemException puts the file name in getMessage() and the OS's words in getReason().
      String words =
          t instanceof FileSystemException fs && fs.getReason() != null
              ? fs.getReason()
              : t.getMessage();
      if (words == null) {
        continue;
      }
      String lower = words.toLowerCase(Locale.ROOT);
      for (String sign : OUT_OF_SPACE) {
        int at = lower.indexOf(sign);
        if (at >= 0) {
          return new IndexOutage(
              DISK_FULL, words.substring(at, at + sign.length()), now, retryEvery);
        }
      }
      deepest = words;
    }
    return new IndexOutage(
        INDEX_IO, deepest == null ? failure.getClass().getSimpleName() : deepest, now, retryEvery);
  }

  /** The same outage, still going on: keeps when it began, takes the latest cause. */
  IndexOutage continuedBy(IndexOutage latest) {
    return new IndexOutage(latest.kind, latest.cause, since, retryEvery);
  }

  /** The {@code /health} line. */
  public String describe() {
    String what =
        DISK_FULL.equals(kind) ? "the index folder is out of space" : "writing the index failed";
    return "indexing paused: " + what + " (" + cause + "); retrying every " + format(retryEvery);
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
