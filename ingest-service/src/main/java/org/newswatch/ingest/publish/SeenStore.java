package org.newswatch.ingest.publish;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been published, kept across restarts so that a restart does not re-publish: per feed
 * item (its GUID or canonical link) the article id, the item's fingerprint in the feed, the
 * content hash and story id published; per article id the content hash and story id last published.
 *
 * <p>An append-only file of tab-separated lines, replayed at open (the last line wins), written
 * only after Kafka acknowledged the record it describes. A crash between the acknowledgement and
 * the write re-publishes that one record at the next start: at least once, as DESIGN.md promises.
 * Lines are flushed to the operating system at once (a process crash loses nothing) and forced to
 * disk by {@link #sync()} after each feed poll. The file is compacted at open when it has grown to
 * more than twice its live entries; a torn last line (a crash mid-write) is skipped.
 */
public final class SeenStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeenStore.class);
  static final String FILE = "seen.tsv";

  /** What was published for one feed item; {@code storyId} may be null (lines written before stories). */
  public record Seen(String itemKey, String articleId, String fingerprint, String contentHash, String storyId) {
    String line() {
      return itemKey + '\t' + articleId + '\t' + fingerprint + '\t' + contentHash + '\t' + (storyId == null ? "" : storyId) + '\n';
    }
  }

  private final Path file;
  private final Map<String, Seen> byItem = new ConcurrentHashMap<>();
  private final Map<String, String> hashByArticle = new ConcurrentHashMap<>();
  private final Map<String, String> storyByArticle = new ConcurrentHashMap<>();
  private final FileChannel channel;
  private final BufferedWriter writer;

  private SeenStore(Path file) throws IOException {
    this.file = file;
    int lines = replay();
    if (lines > 2 * byItem.size() + 1000) {
      compact();
    }
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
    this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  /** Opens (and replays) the store in a folder, creating it when missing. */
  public static SeenStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      return new SeenStore(dir.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the dedup store in " + dir, e);
    }
  }

  public Optional<Seen> byItem(String itemKey) {
    return Optional.ofNullable(byItem.get(itemKey));
  }

  /** The content hash last published under an article id, or empty when it never was. */
  public Optional<String> publishedHash(String articleId) {
    return Optional.ofNullable(hashByArticle.get(articleId));
  }

  /** The story id an article was last published with, so that its updates stay in its story. */
  public Optional<String> storyOf(String articleId) {
    return Optional.ofNullable(storyByArticle.get(articleId));
  }

  public int size() {
    return byItem.size();
  }

  /** Records a publication (or an unchanged re-check); call only after Kafka acknowledged it. */
  public synchronized void record(Seen seen) {
    try {
      writer.write(seen.line());
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dedup store " + file, e);
    }
    remember(seen);
  }

  private void remember(Seen seen) {
    byItem.put(seen.itemKey(), seen);
    hashByArticle.put(seen.articleId(), seen.contentHash());
    if (seen.storyId() != null) {
      storyByArticle.put(seen.articleId(), seen.storyId());
    }
  }

  /** Forces what was recorded to disk. */
  public synchronized void sync() {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync the dedup store " + file, e);
    }
  }

  private int replay() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int bad = 0;
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      if ((f.length != 4 && f.length != 5) || f[0].isEmpty() || f[1].isEmpty()) {
        bad++;
        continue;
      }
      remember(new Seen(f[0], f[1], f[2], f[3], f.length == 5 && !f[4].isEmpty() ? f[4] : null));
    }
    if (bad > 0) {
      LOG.warn("dedup store {}: skipped {} unreadable lines (a torn write at a crash?)", file, bad);
    }
    return lines.size();
  }

  private void compact() throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Seen seen : byItem.values()) {
        w.write(seen.line());
      }
    }
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public synchronized void close() {
    try {
      writer.flush();
      channel.force(false);
      writer.close();
    } catch (IOException e) {
      LOG.warn("closing the dedup store {} failed", file, e);
    }
  }
}
