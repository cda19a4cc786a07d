package org.newswatch.ingest.extract;

import org.newswatch.ingest.extract.StoryIds.Fingerprint;

/**
 * Gives near-duplicate articles one story id across a stream: keeps the 128-bit fingerprints of the
 * most recent articles and answers, for a new one, the id of the nearest earlier article in the
 * same language within {@link StoryIds#SAME_STORY_BITS_128} bits, or a new id.
 *
 * <p>Lookup is a scan of primitive arrays: 200,000 remembered articles take about a third of a
 * millisecond, and unlike a banded index (which at this threshold holds bands of four or five bits,
 * so every lookup touches most entries anyway) it needs no per-entry objects. Memory is bounded:
 * past {@code capacity} articles the oldest is forgotten (a story that returns after that gets a
 * new id). Thread-safe.
 */
public final class StoryClusterer {
  /** About a week of a few hundred feeds; 200,000 entries take about 7 MB. */
  public static final int DEFAULT_CAPACITY = 200_000;

  private final int maxBits;
  private final long[] first;
  private final long[] second;
  private final int[] language;

  /** The language itself, checked after its hash (hashes may collide; ids no longer carry it). */
  private final String[] languageKey;

  private final String[] storyId;

  /** Entries held, and the slot the next one goes to (a ring: the oldest is overwritten). */
  private int size;

  private int next;

  public StoryClusterer() {
    this(DEFAULT_CAPACITY, StoryIds.SAME_STORY_BITS_128);
  }

  /**
   * @param maxBits the most differing bits, of 128, for two articles to be one story
   */
  public StoryClusterer(int capacity, int maxBits) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (maxBits < 0 || maxBits > 63) {
      throw new IllegalArgumentException("maxBits must be 0 to 63, was " + maxBits);
    }
    this.maxBits = maxBits;
    first = new long[capacity];
    second = new long[capacity];
    language = new int[capacity];
    languageKey = new String[capacity];
    storyId = new String[capacity];
  }

  /** The story id for this article, computed from its text. */
  public String assign(String title, String body, String language) {
    return assign(language, StoryIds.fingerprint128(title, body));
  }

  /** The story id for an article with this fingerprint; remembers it for later articles. */
  public synchronized String assign(String lang, Fingerprint fp) {
    String key = StoryIds.languageKey(lang);
    String found = nearest(lang, fp);
    String id = found != null ? found : StoryIds.format(key, fp.first());
    add(key, fp, id);
    return id;
  }

  /**
   * The story id of the nearest remembered article in the same language within the threshold, or
   * null; remembers nothing (a matcher that decides with more than the fingerprint calls this, then
   * {@link #remember}).
   */
  public synchronized String nearest(String lang, Fingerprint fp) {
    int slot = nearestSlot(lang, fp);
    return slot < 0 ? null : storyId[slot];
  }

  /**
   * The slot of the nearest remembered article in the same language within the threshold, or -1.
   * Slots are handed out in order, 0 to capacity − 1 and round again, one per {@link #assign} or
   * {@link #remember}: a caller that keeps a ring of the same capacity in step finds its own entry
   * for the article at the same slot.
   */
  public synchronized int nearestSlot(String lang, Fingerprint fp) {
    String key = StoryIds.languageKey(lang);
    int keyHash = key.hashCode();
    // Oldest first (the ring's older part, then its newer), so that of equally near stories the
    // first one seen keeps its id.
    int oldest = size < first.length ? 0 : next;
    Nearest nearest = new Nearest(key);
    scan(oldest, size < first.length ? size : first.length, keyHash, fp, nearest);
    if (oldest > 0) {
      scan(0, next, keyHash, fp, nearest);
    }
    return nearest.slot;
  }

  /** Remembers an article whose story id was assigned earlier (replayed after a restart). */
  public synchronized void remember(String lang, Fingerprint fp, String storyId) {
    add(StoryIds.languageKey(lang), fp, storyId);
  }

  private void add(String key, Fingerprint fp, String id) {
    first[next] = fp.first();
    second[next] = fp.second();
    language[next] = key.hashCode();
    languageKey[next] =
        key.intern(); // a handful of languages: one string each, not one per article
    storyId[next] = id;
    next = (next + 1) % first.length;
    size = Math.min(size + 1, first.length);
  }

  /** The nearest story found so far, in this language. */
  private static final class Nearest {
    final String language;
    int bits = Integer.MAX_VALUE;
    int slot = -1;

    Nearest(String language) {
      this.language = language;
    }
  }

  private void scan(int from, int to, int keyHash, Fingerprint fp, Nearest nearest) {
    long a = fp.first();
    long b = fp.second();
    for (int i = from; i < to; i++) {
      int d = Long.bitCount(first[i] ^ a);
      if (d > maxBits || language[i] != keyHash) {
        continue;
      }
      d += Long.bitCount(second[i] ^ b);
      if (d <= maxBits && d < nearest.bits && languageKey[i].equals(nearest.language)) {
        nearest.bits = d;
        nearest.slot = i;
      }
    }
  }

  public synchronized int size() {
    return size;
  }
}
