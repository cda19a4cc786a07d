package org.newswatch.ingest.extract;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gives near-duplicate articles one story id across a stream: keeps the fingerprints of the
 * most recent articles and answers, for a new one, the id of the nearest earlier article in the
 * same language within {@link StoryIds#SAME_STORY_BITS} bits, or a new id.
 *
 * <p>Lookup is by bands (Manku et al. 2007, §3): the 64 bits are cut into k+1 bands, so two
 * fingerprints at most k bits apart agree exactly on at least one band; only articles sharing a
 * band value with the new one are compared. Memory is bounded: past {@code capacity} articles
 * the oldest is forgotten (a story that returns after that gets a new id). Thread-safe.
 */
public final class StoryClusterer {
  /** About a week of a few hundred feeds; 200,000 entries take some tens of megabytes. */
  public static final int DEFAULT_CAPACITY = 200_000;

  private record Entry(long seq, String language, long fingerprint, String storyId) {}

  private final int capacity;
  private final int maxBits;
  private final int[] bandStart;
  private final int[] bandWidth;
  private final Map<Long, Set<Entry>>[] bands;
  private final ArrayDeque<Entry> order = new ArrayDeque<>();
  private long seq;

  public StoryClusterer() {
    this(DEFAULT_CAPACITY, StoryIds.SAME_STORY_BITS);
  }

  @SuppressWarnings("unchecked")
  public StoryClusterer(int capacity, int maxBits) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (maxBits < 0 || maxBits > 31) {
      throw new IllegalArgumentException("maxBits must be 0 to 31, was " + maxBits);
    }
    this.capacity = capacity;
    this.maxBits = maxBits;
    int n = maxBits + 1;
    bandStart = new int[n];
    bandWidth = new int[n];
    bands = new Map[n];
    for (int i = 0, start = 0; i < n; i++) {
      int width = 64 / n + (i < 64 % n ? 1 : 0);
      bandStart[i] = start;
      bandWidth[i] = width;
      start += width;
      bands[i] = new HashMap<>();
    }
  }

  /** The story id for this article, computed from its text. */
  public String assign(String title, String body, String language) {
    return assign(language, StoryIds.fingerprint(title, body));
  }

  /** The story id for an article with this fingerprint; remembers it for later articles. */
  public synchronized String assign(String language, long fingerprint) {
    String lang = StoryIds.languageKey(language);
    Entry nearest = null;
    int best = Integer.MAX_VALUE;
    for (int b = 0; b < bands.length; b++) {
      Set<Entry> bucket = bands[b].get(key(b, lang, fingerprint));
      if (bucket == null) {
        continue;
      }
      for (Entry e : bucket) {
        if (!e.language().equals(lang)) {
          continue;
        }
        int d = StoryIds.distance(e.fingerprint(), fingerprint);
        if (d <= maxBits && (d < best || d == best && e.seq() < nearest.seq())) {
          nearest = e;
          best = d;
        }
      }
    }
    String storyId = nearest != null ? nearest.storyId() : StoryIds.format(lang, fingerprint);
    remember(new Entry(seq++, lang, fingerprint, storyId));
    return storyId;
  }

  public synchronized int size() {
    return order.size();
  }

  private void remember(Entry e) {
    order.addLast(e);
    for (int b = 0; b < bands.length; b++) {
      bands[b].computeIfAbsent(key(b, e.language(), e.fingerprint()), k -> new LinkedHashSet<>()).add(e);
    }
    while (order.size() > capacity) {
      Entry old = order.removeFirst();
      for (int b = 0; b < bands.length; b++) {
        long k = key(b, old.language(), old.fingerprint());
        Set<Entry> bucket = bands[b].get(k);
        if (bucket != null) {
          bucket.remove(old);
          if (bucket.isEmpty()) {
            bands[b].remove(k);
          }
        }
      }
    }
  }

  /** The band's bits, with the language mixed into the upper half (collisions only cost a comparison). */
  private long key(int band, String language, long fingerprint) {
    long bits = (fingerprint >>> bandStart[band]) & ((1L << bandWidth[band]) - 1);
    return bits ^ ((long) Objects.hashCode(language) << 32);
  }
}
