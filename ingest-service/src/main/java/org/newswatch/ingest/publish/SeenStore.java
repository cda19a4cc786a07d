package org.newswatch.ingest.publish;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been published, kept across restarts so that a restart does not re-publish: per feed
 * item (its GUID or canonical link) the article id, the item's fingerprint in the feed, the content
 * hash and story id published; per article id the content hash and story id last published.
 *
 * <p>An append-only file of tab-separated lines, replayed at open (the last line wins), written
 * only after Kafka acknowledged the record it describes. A crash between the acknowledgement and
 * the write re-publishes that one record at the next start: at least once, as DESIGN.md promises.
 * Lines are flushed to the operating system at once (a process crash loses nothing) and forced to
 * disk by {@link #sync()} after each feed poll. A torn last line (a crash mid-write) is skipped.
 *
 * <p>Bounded by time: an item is forgotten {@link #RETENTION} after a poll last found it in its
 * feed (an item still listed is {@linkplain #touch touched}, which rewrites its line once every
 * {@link #RETENTION}/4), and an article with its last item. So the guarantee holds for every item a
 * feed still lists, and for items that left their feed up to 14 days ago; a feed that lists an item
 * again after a longer absence (or is unreachable for longer) has it published once more. The file
 * is read line by line at open and rewritten with only the live entries when it has grown to more
 * than twice their number (at open, and while running), so memory and file both follow the items of
 * the last 14 days: measured, about 490 bytes of heap and 145 bytes of file per item (490 MB and
 * 145 MB per million items).
 */
public final class SeenStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeenStore.class);
  static final String FILE = "seen.tsv";

  /**
   * Feeds keep items for days or weeks, and an item still listed is kept however old; an item out
   * of its feed this long is forgotten. Were it listed again, it would be published again under its
   * same article id: an upsert in the index, and the same alert ids, so no analyst is alerted
   * twice.
   */
  public static final Duration RETENTION = Duration.ofDays(14);

  /** Expired entries are looked for at most this often while running. */
  static final Duration SWEEP = Duration.ofHours(1);

  /**
   * What was published for one feed item; {@code storyId} may be null (lines written before
   * stories).
   */
  public record Seen(
      String itemKey, String articleId, String fingerprint, String contentHash, String storyId) {}

  /**
   * One item's line; {@code at} is when it was last recorded or found in its feed, in epoch
   * seconds.
   */
  private record Entry(Seen seen, long at) {
    String line() {
      return seen.itemKey()
          + '\t'
          + seen.articleId()
          + '\t'
          + seen.fingerprint()
          + '\t'
          + seen.contentHash()
          + '\t'
          + (seen.storyId() == null ? "" : seen.storyId())
          + '\t'
          + at
          + '\n';
    }
  }

  /** The last publication under an article id; {@code at} as in {@link Entry}. */
  private record Published(String contentHash, String storyId, long at) {}

  private final Path file;
  private final Clock clock;
  private final long retentionSeconds;
  private final Map<String, Entry> byItem = new ConcurrentHashMap<>();
  private final Map<String, Published> byArticle = new ConcurrentHashMap<>();
  private FileChannel channel;
  private BufferedWriter writer;

  /** Lines in the file now, live or not; drives compaction. */
  private long lines;

  private long nextSweep;

  private SeenStore(Path file, Clock clock, Duration retention) throws IOException {
    this.file = file;
    this.clock = clock;
    this.retentionSeconds = retention.toSeconds();
    lines = replay();
    evictExpired();
    if (lines > 2L * byItem.size() + 1000) {
      compact();
    }
    openWriter();
  }

  /** Opens (and replays) the store in a folder, creating it when missing. */
  public static SeenStore open(Path dir) {
    return open(dir, Clock.systemUTC(), RETENTION);
  }

  /** As {@link #open(Path)}, with another clock or retention (tests). */
  public static SeenStore open(Path dir, Clock clock, Duration retention) {
    try {
      Files.createDirectories(dir);
      return new SeenStore(dir.resolve(FILE), clock, retention);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the dedup store in " + dir, e);
    }
  }

  public Optional<Seen> byItem(String itemKey) {
    return Optional.ofNullable(byItem.get(itemKey)).map(Entry::seen);
  }

  /** The content hash last published under an article id, or empty when it never was. */
  public Optional<String> publishedHash(String articleId) {
    return Optional.ofNullable(byArticle.get(articleId)).map(Published::contentHash);
  }

  /** The story id an article was last published with, so that its updates stay in its story. */
  public Optional<String> storyOf(String articleId) {
    return Optional.ofNullable(byArticle.get(articleId)).map(Published::storyId);
  }

  public int size() {
    return byItem.size();
  }

  /** Records a publication (or an unchanged re-check); call only after Kafka acknowledged it. */
  public synchronized void record(Seen seen) {
    Entry entry = new Entry(seen, now());
    remember(entry);
    write(entry);
  }

  /**
   * Notes that a poll found an item, unchanged, still in its feed, so that it is kept while the
   * feed lists it. Writes a line only when the item's last one is older than a quarter of the
   * retention: an item listed for months costs a line a week, not a line a poll.
   */
  public synchronized void touch(String itemKey) {
    Entry e = byItem.get(itemKey);
    long now = now();
    if (e != null && now - e.at() > retentionSeconds / 4) {
      Entry touched = new Entry(e.seen(), now);
      byItem.put(itemKey, touched);
      // Only the time: another feed may have published newer text under the same article id since.
      byArticle.computeIfPresent(
          e.seen().articleId(), (id, p) -> new Published(p.contentHash(), p.storyId(), now));
      write(touched);
    }
  }

  private void write(Entry entry) {
    try {
      writer.write(entry.line());
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dedup store " + file, e);
    }
    lines++;
    if (now() >= nextSweep) {
      evictExpired();
    }
    if (lines > 2L * byItem.size() + 1000) {
      try {
        writer.close();
        try {
          compact();
        } finally {
          openWriter(); // a failed compaction leaves the old file whole: go on appending to it
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot compact the dedup store " + file, e);
      }
    }
  }

  private void remember(Entry entry) {
    Seen seen = entry.seen();
    byItem.put(seen.itemKey(), entry);
    Published before = byArticle.get(seen.articleId());
    // An unchanged re-check without a story keeps the story the article was published with.
    String story =
        seen.storyId() != null ? seen.storyId() : before == null ? null : before.storyId();
    byArticle.put(seen.articleId(), new Published(seen.contentHash(), story, entry.at()));
  }

  /**
   * Forgets items not recorded or found for longer than the retention, and articles none of whose
   * items remain.
   */
  private void evictExpired() {
    long oldest = now() - retentionSeconds;
    int before = byItem.size();
    byItem.values().removeIf(e -> e.at() < oldest);
    byArticle.values().removeIf(p -> p.at() < oldest);
    // An article is kept while any of its items is (two feeds can list one article).
    for (Entry e : byItem.values()) {
      byArticle.computeIfAbsent(
          e.seen().articleId(),
          id -> new Published(e.seen().contentHash(), e.seen().storyId(), e.at()));
    }
    if (byItem.size() < before) {
      LOG.info(
          "dedup store {}: forgot {} items not seen for {} days",
          file,
          before - byItem.size(),
          retentionSeconds / 86_400);
    }
    nextSweep = now() + SWEEP.toSeconds();
  }

  /** Forces what was recorded to disk. */
  public synchronized void sync() {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync the dedup store " + file, e);
    }
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  /**
   * Reads the file line by line (never whole); lines of 4 or 5 columns, from before retention,
   * count as new now.
   */
  private long replay() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long count = 0;
    int bad = 0;
    long now = now();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        count++;
        String[] f = line.split("\t", -1);
        Long at =
            f.length == 6
                ? parseSeconds(f[5])
                : f.length == 4 || f.length == 5 ? Long.valueOf(now) : null;
        if (at == null || f[0].isEmpty() || f[1].isEmpty()) {
          bad++;
          continue;
        }
        String story = f.length >= 5 && !f[4].isEmpty() ? f[4] : null;
        remember(new Entry(new Seen(f[0], f[1], f[2], f[3], story), at));
      }
    }
    if (bad > 0) {
      LOG.warn("dedup store {}: skipped {} unreadable lines (a torn write at a crash?)", file, bad);
    }
    return count;
  }

  private static Long parseSeconds(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void compact() throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Entry e : byItem.values()) {
        w.write(e.line());
      }
    }
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    lines = byItem.size();
  }

  private void openWriter() throws IOException {
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    writer =
        new BufferedWriter(
            new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
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
