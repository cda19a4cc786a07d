package org.newswatch.ingest.story;

import java.time.Duration;
import java.util.Arrays;
import org.newswatch.common.Hashes;
import org.newswatch.common.model.Article;
import org.newswatch.common.places.PlaceResolver;
import org.newswatch.ingest.extract.StoryClusterer;
import org.newswatch.ingest.extract.StoryIds;
import org.newswatch.ingest.extract.StoryIds.Fingerprint;

/**
 * Links articles about one event whatever their language: a same-language near-duplicate joins its
 * original's story (the 128-bit SimHash of {@link StoryClusterer}, as before) when reported within
 * {@link #COPY_WINDOW} of it; otherwise the article joins the story of the earlier article,
 * reported within {@link #DEFAULT_WINDOW}, that shares the most evidence by {@link LinkRule}
 * (places across scripts, armed groups, counts in any digits, kind of event); otherwise it starts a
 * story named {@code s-} and a hash of its own article id, so that ids do not depend on which
 * language arrived first or on which instance saw it.
 *
 * <p>Remembered articles are kept in a ring of {@code capacity} (the oldest forgotten first) and
 * indexed by place and armed group (and a state-level report by the states it names), so a lookup
 * compares only the articles that share one of them within the window, never every remembered
 * article; each key's list is read newest first and stops at the window's edge or after {@link
 * #MAX_SCAN_PER_KEY} entries. Not thread-safe: the linker calls it from one thread (see {@link
 * StoryMatcher}).
 */
public final class CrossLanguageMatcher implements StoryMatcher {
  public static final int DEFAULT_CAPACITY = StoryClusterer.DEFAULT_CAPACITY;

  /** Reports of one event across outlets and languages come within a day or two of each other. */
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(48);

  /**
   * A same-language near-duplicate joins its original's story when the two were reported at most
   * this far apart: about what {@link #DEFAULT_CAPACITY} articles span in production, so that a set
   * spanning months (the tests') links as a week's stream would.
   */
  static final Duration COPY_WINDOW = Duration.ofDays(7);

  /**
   * Entries read per key and lookup, at most: bounds the cost when one place is in the news all
   * week (a week of 200,000 articles from the region names Quetta perhaps 20,000 times; the newest
   * 4,096 within 48 hours are the ones a new report would join).
   */
  static final int MAX_SCAN_PER_KEY = 4_096;

  private final SignalReader reader;
  private final LinkRule rule;
  private final StoryClusterer nearDuplicates;
  private final int capacity;
  private final long windowSeconds;
  private final Entry[] ring;

  /**
   * Entries ever added; entry n lives in slot n % capacity until entry n + capacity replaces it.
   */
  private long added;

  /** The latest event time of any entry added so far (entries' times are not in order). */
  private long streamTime = Long.MIN_VALUE;

  private final Postings[] postings;

  /** Article id hash to ring slot, to know an article seen before. */
  private final IdTable byArticleId;

  private long visitStamp;

  /**
   * Pairs scored by the link rule since construction: what the index saves, for tests and the
   * bench.
   */
  private long comparisons;

  /** One remembered article. */
  private static final class Entry {
    final long seq;
    final long articleId;
    final EventSignals signals;
    final String storyId;

    /** The stream time when it was added: nothing added before it is later than this. */
    final long streamTime;

    long visited;

    Entry(long seq, long articleId, EventSignals signals, String storyId, long streamTime) {
      this.seq = seq;
      this.articleId = articleId;
      this.signals = signals;
      this.storyId = storyId;
      this.streamTime = streamTime;
    }
  }

  public CrossLanguageMatcher() {
    this(PlaceResolver.bundled(), DEFAULT_CAPACITY, DEFAULT_WINDOW);
  }

  public CrossLanguageMatcher(PlaceResolver resolver, int capacity, Duration window) {
    this(resolver, capacity, window, LinkWeights.DEFAULT);
  }

  /** With other weights than the default: for the tests that learn and measure them. */
  CrossLanguageMatcher(PlaceResolver resolver, int capacity, Duration window, LinkWeights weights) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.reader = new SignalReader(resolver);
    this.rule = new LinkRule(reader, weights);
    this.nearDuplicates = new StoryClusterer(capacity, StoryIds.SAME_STORY_BITS_128);
    this.capacity = capacity;
    this.windowSeconds = window.toSeconds();
    this.ring = new Entry[capacity];
    this.byArticleId = new IdTable(capacity);
    this.postings = new Postings[reader.keySpace()];
    for (int i = 0; i < postings.length; i++) {
      postings[i] = new Postings();
    }
  }

  @Override
  public String assign(Article article) {
    int known = byArticleId.get(idHash(article.id()));
    if (known >= 0) {
      // The same article again (re-fetched, or replayed twice): it stays in its story.
      return ring[known].storyId;
    }
    EventSignals signals = reader.read(article);
    Fingerprint fp = StoryIds.fingerprint128(article.title(), article.body());
    String id = null;
    int copy = nearDuplicates.nearestSlot(signals.language(), fp);
    // The clusterer's ring is in step with this one (one add each per article), so its slot is the
    // entry's. A copy comes within days; a months-old report of the same shape ("militants kill
    // five
    // police in southeast Iran") is another event, which a week's memory would have forgotten.
    if (copy >= 0
        && ring[copy] != null
        && Math.abs(ring[copy].signals.time() - signals.time()) <= COPY_WINDOW.toSeconds()) {
      id = ring[copy].storyId;
    }
    if (id == null) {
      id = linked(signals);
    }
    if (id == null) {
      id = newStoryId(article.id());
    }
    add(article.id(), signals, fp, id);
    return id;
  }

  @Override
  public void remember(Article article) {
    if (byArticleId.get(idHash(article.id())) >= 0) {
      return;
    }
    add(
        article.id(),
        reader.read(article),
        StoryIds.fingerprint128(article.title(), article.body()),
        article.storyId());
  }

  /** 64 bits of an article id, for {@link IdTable}. */
  static long idHash(String articleId) {
    return StoryIds.hash64(articleId);
  }

  /**
   * A new story's id: from the first member's article id only, so every instance and restart
   * agrees.
   */
  static String newStoryId(String articleId) {
    return "s-" + Hashes.id("story", articleId);
  }

  /** Articles remembered now (at most the capacity). */
  public int size() {
    return (int) Math.min(added, capacity);
  }

  /** The story of the earlier article that links best, or null. */
  private String linked(EventSignals s) {
    long stamp = ++visitStamp;
    long oldestLive = added - capacity;
    Entry best = null;
    double bestScore = rule.threshold();
    for (int key : s.keys(reader.placeCodes(), reader.partyOffset())) {
      Postings list = postings[key];
      int scanned = 0;
      for (int i = list.size - 1; i >= 0 && scanned < MAX_SCAN_PER_KEY; i--, scanned++) {
        long seq = list.seqs[i];
        if (seq < oldestLive) {
          break; // forgotten, and so is everything before it
        }
        Entry e = ring[(int) (seq % capacity)];
        if (e.streamTime < s.time() - windowSeconds) {
          break; // nothing added before this entry is within the window
        }
        if (e.visited == stamp) {
          continue;
        }
        e.visited = stamp;
        if (Math.abs(e.signals.time() - s.time()) > windowSeconds
            || !LinkRule.anchored(s, e.signals)) {
          continue;
        }
        comparisons++;
        double score = rule.score(s, e.signals);
        // Ties go to the earlier article, so that of two equally good stories the older one grows.
        if (score > bestScore || (score == bestScore && (best == null || e.seq < best.seq))) {
          best = e;
          bestScore = score;
        }
      }
    }
    return best == null ? null : best.storyId;
  }

  private void add(String articleId, EventSignals signals, Fingerprint fp, String storyId) {
    long seq = added++;
    int slot = (int) (seq % capacity);
    Entry old = ring[slot];
    if (old != null) {
      byArticleId.remove(old.articleId, slot);
    }
    streamTime = Math.max(streamTime, signals.time());
    long idHash = idHash(articleId);
    Entry e = new Entry(seq, idHash, signals, storyId, streamTime);
    ring[slot] = e;
    byArticleId.put(idHash, slot);
    long oldestLive = added - capacity;
    for (int key : signals.keys(reader.placeCodes(), reader.partyOffset())) {
      postings[key].add(seq, oldestLive);
    }
    nearDuplicates.remember(signals.language(), fp, storyId);
  }

  /** Entry numbers under one key, oldest first; forgotten ones are dropped when the array fills. */
  private static final class Postings {
    long[] seqs = new long[8];
    int size;

    void add(long seq, long oldestLive) {
      if (size == seqs.length) {
        int live = 0;
        while (live < size && seqs[live] < oldestLive) {
          live++;
        }
        if (live > 0) {
          System.arraycopy(seqs, live, seqs, 0, size - live);
          size -= live;
        }
        if (size > seqs.length * 3 / 4) {
          seqs = Arrays.copyOf(seqs, seqs.length * 2);
        }
      }
      seqs[size++] = seq;
    }
  }

  /**
   * Pairs of articles scored by the link rule so far (each lookup scores only the indexed
   * candidates).
   */
  public long comparisons() {
    return comparisons;
  }

  /** Postings entries held in all, live or not yet dropped: for the bench's memory figure. */
  public long postingsHeld() {
    long n = 0;
    for (Postings p : postings) {
      n += p.size;
    }
    return n;
  }
}
