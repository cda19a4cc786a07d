package org.newswatch.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The simulated web of the feed-polling bench: {@code feeds} RSS 2.0 feeds spread round-robin over
 * {@code sites} publishers, each publisher on a loopback address of its own (127.0.1.1, 127.0.1.2,
 * …; Linux routes all of 127.0.0.0/8 to the loopback interface), so that the ingest-service's
 * per-host politeness sees as many hosts as a real deployment would. Each feed lists its newest
 * {@code items} items, every one linking to an article page on the feed's own host. Documents are
 * generated from (feed, item) on demand, deterministically, so the server holds almost nothing and
 * every run serves the same bytes.
 *
 * <p>{@link #advance} gives a share of the feeds one new item each (the oldest drops off), which
 * changes their ETag: the next conditional GET of those feeds answers 200, of the others 304.
 *
 * <p>A <em>live</em> corpus ({@link #live}, for the load test) publishes by the clock instead:
 * every feed gains one item per {@code gap}, the feeds' phases spread evenly over the gap, so the
 * whole corpus publishes {@code feeds / gap} items a second at a steady rate. Its starting items
 * are {@code gap} apart too, so the poller learns the rhythm it will see.
 */
final class FeedCorpus {
  /** Loopback addresses per third octet: 127.0.N.1 … 127.0.N.250. */
  private static final int PER_OCTET = 250;

  static final int MAX_SITES = PER_OCTET * 250;

  /**
   * Items of the starting feeds are this far apart: the poller learns a 3 h rhythm and does not
   * re-poll during a run.
   */
  private static final Duration ITEM_GAP = Duration.ofHours(3);

  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final String[] COMMON = {
    "the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "by", "at",
    "from", "is", "are", "has", "have", "it", "this", "which", "they", "will", "after", "more",
    "than", "also"
  };
  private static final String CONSONANTS = "bdfghjklmnprstvz";
  private static final String VOWELS = "aeiou";
  private static final int SYLLABLES_CV = 80; // CONSONANTS × VOWELS
  static final int VOCABULARY = 8_000;

  private final int feeds;
  private final int sites;
  private final int items;
  private final int port;
  private final Instant epoch;

  /**
   * Live corpus: one new item per feed every this long (null: items only through {@link #advance}).
   */
  private final Duration gap;

  /** Per feed, the dates of the items {@link #advance} added, oldest first (null: none yet). */
  private final List<Instant>[] added;

  private int advances;

  FeedCorpus(int feeds, int sites, int items, int port, Instant epoch) {
    this(feeds, sites, items, port, epoch, null);
  }

  /** A corpus whose feeds each gain an item every {@code gap}, counted from {@code epoch}. */
  static FeedCorpus live(int feeds, int sites, int items, int port, Instant epoch, Duration gap) {
    if (gap == null || gap.toMillis() < 1) {
      throw new IllegalArgumentException("a live corpus needs a gap of at least 1 ms, was " + gap);
    }
    return new FeedCorpus(feeds, sites, items, port, epoch, gap);
  }

  @SuppressWarnings("unchecked")
  private FeedCorpus(int feeds, int sites, int items, int port, Instant epoch, Duration gap) {
    if (sites < 1 || sites > MAX_SITES) {
      throw new IllegalArgumentException("sites must be 1-" + MAX_SITES + ", was " + sites);
    }
    if (feeds < 1 || items < 1) {
      throw new IllegalArgumentException("feeds and items must be at least 1");
    }
    this.feeds = feeds;
    this.sites = sites;
    this.items = items;
    this.port = port;
    this.epoch = epoch;
    this.gap = gap;
    this.added = new List[feeds];
  }

  int feeds() {
    return feeds;
  }

  int sites() {
    return sites;
  }

  /** The loopback address of a publisher, e.g. {@code 127.0.1.7}. */
  static String host(int site) {
    return "127.0." + (1 + site / PER_OCTET) + "." + (1 + site % PER_OCTET);
  }

  /**
   * Round-robin: neighbouring feeds (which the scheduler starts close together) are on different
   * hosts.
   */
  int siteOf(int feed) {
    return feed % sites;
  }

  String feedUrl(int feed) {
    return "http://" + host(siteOf(feed)) + ":" + port + "/feeds/" + feed + ".xml";
  }

  static String feedId(int feed) {
    return String.format(Locale.ROOT, "bench-%05d", feed);
  }

  int items() {
    return items;
  }

  /**
   * Gives every {@code 1/share}-th feed (at least one) a new item; returns how many feeds changed.
   */
  synchronized int advance(double share) {
    if (gap != null) {
      throw new IllegalStateException(
          "a live corpus publishes by the clock; advance() is for the static one");
    }
    int step = Math.max(1, (int) Math.round(1 / Math.max(share, 1e-9)));
    Instant now = Instant.now();
    int changed = 0;
    for (int f = advances % step; f < feeds; f += step) {
      if (added[f] == null) {
        added[f] = new ArrayList<>();
      }
      added[f].add(now);
      changed++;
    }
    advances++;
    return changed;
  }

  /** The number of items a feed has ever had (its newest is {@code count - 1}). */
  int itemCount(int feed) {
    return itemCount(feed, Instant.now());
  }

  /** As {@link #itemCount(int)} at {@code now}; a live feed's count grows by one per gap. */
  synchronized int itemCount(int feed, Instant now) {
    if (gap != null) {
      long since = now.toEpochMilli() - epoch.toEpochMilli() - phaseMillis(feed);
      return items + (since < 0 ? 0 : (int) (since / gap.toMillis()) + 1);
    }
    return items + (added[feed] == null ? 0 : added[feed].size());
  }

  /**
   * A live feed's offset within the gap, so that the feeds publish one after another, not together.
   */
  private long phaseMillis(int feed) {
    return gap.toMillis() * feed / feeds;
  }

  synchronized Instant published(int feed, int item) {
    if (gap != null) {
      // Live: item `items` is published at epoch + phase, each later one a gap after; the starting
      // items lie before, a gap apart.
      return epoch.plusMillis(phaseMillis(feed)).plus(gap.multipliedBy((long) item - items));
    }
    if (item < items) {
      // The newest starting item an hour before the server started, the others 3 h apart; a few
      // seconds per feed so that feeds do not all share one timestamp.
      return epoch
          .minus(Duration.ofHours(1))
          .minus(ITEM_GAP.multipliedBy(items - 1 - item))
          .minusSeconds(feed % 3600);
    }
    return added[feed].get(item - items);
  }

  /** An ETag that changes whenever the feed's item list does (RFC 9110 §8.8.3). */
  String etag(int feed) {
    return etag(feed, itemCount(feed));
  }

  /** The ETag of the feed while it has {@code count} items. */
  static String etag(int feed, int count) {
    return "\"f" + feed + "-" + count + "\"";
  }

  String lastModified(int feed) {
    return lastModified(feed, itemCount(feed));
  }

  String lastModified(int feed, int count) {
    return RFC_1123.format(published(feed, count - 1));
  }

  byte[] feed(int feed) {
    return feed(feed, itemCount(feed));
  }

  /** The feed document listing the newest {@code items} of its first {@code count} items. */
  byte[] feed(int feed, int count) {
    String base = "http://" + host(siteOf(feed)) + ":" + port;
    StringBuilder b = new StringBuilder(512 + items * 400);
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n")
        .append("<title>Bench site ")
        .append(siteOf(feed))
        .append(" — section ")
        .append(feed)
        .append("</title>\n")
        .append("<link>")
        .append(base)
        .append("/</link>\n<description>Generated news for the feed-polling bench</description>\n")
        .append("<language>en</language>\n");
    for (int item = count - 1; item >= Math.max(0, count - items); item--) {
      Story random = story(feed, item);
      b.append("<item><title>")
          .append(headline(random))
          .append("</title>")
          .append("<link>")
          .append(base)
          .append(pagePath(feed, item))
          .append("</link>")
          .append("<guid isPermaLink=\"false\">bench-")
          .append(feed)
          .append('-')
          .append(item)
          .append("</guid>")
          .append("<pubDate>")
          .append(RFC_1123.format(published(feed, item)))
          .append("</pubDate>")
          .append("<description>")
          .append(sentence(random, 24))
          .append("</description></item>\n");
    }
    b.append("</channel></rss>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String pagePath(int feed, int item) {
    return "/news/" + feed + "/" + item + ".html";
  }

  /** An article page of about 350 words in a typical template: navigation, the story, a footer. */
  byte[] page(int feed, int item) {
    Story random = story(feed, item);
    String title = headline(random);
    StringBuilder b = new StringBuilder(4096);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(title)
        .append(" | Bench site ")
        .append(siteOf(feed))
        .append("</title>")
        .append("<meta property=\"article:published_time\" content=\"")
        .append(published(feed, item))
        .append("\">")
        .append(
            "</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/politics\">Politics</a></nav>\n")
        .append("<article><h1>")
        .append(title)
        .append("</h1><p class=\"byline\">By Bench Reporter</p>\n");
    for (int p = 0; p < 6; p++) {
      b.append("<p>")
          .append(sentence(random, 20))
          .append(' ')
          .append(sentence(random, 18))
          .append(' ')
          .append(sentence(random, 20))
          .append("</p>\n");
    }
    b.append("</article><footer>© Bench site. All rights reserved.</footer></body></html>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Words drawn per story: its names and places, repeated through it as a real story repeats them.
   */
  private static final int STORY_WORDS = 8;

  /**
   * The story words' ranks lie past the shared vocabulary, in the rest of {@link #word}'s 80³
   * words.
   */
  private static final int STORY_RANKS = SYLLABLES_CV * SYLLABLES_CV * SYLLABLES_CV;

  /** One generated story: its random stream and its own words. */
  private record Story(SplittableRandom random, String[] words) {}

  /**
   * The story of an item, the same every time. Without words of its own, every page would be the
   * same Zipf-distributed mix, and the ingest-service's near-duplicate detection (SimHash) would
   * rightly call most pages one story: alerts, once per story, would then be few.
   */
  private static Story story(int feed, int item) {
    SplittableRandom random = new SplittableRandom(feed * 1_000_003L + item);
    String[] words = new String[STORY_WORDS];
    for (int i = 0; i < words.length; i++) {
      words[i] = word(random.nextInt(VOCABULARY, STORY_RANKS));
    }
    return new Story(random, words);
  }

  private static String headline(Story random) {
    String s = sentence(random, 8);
    return s.substring(0, s.length() - 1); // no full stop in a headline
  }

  /**
   * A sentence of pseudo-words: a third common English words, a third the story's own words, a
   * third drawn from a Zipf-like shared vocabulary, so pages differ as real stories do and
   * near-duplicate detection does not join unrelated ones.
   */
  private static String sentence(Story story, int words) {
    SplittableRandom random = story.random();
    StringBuilder b = new StringBuilder(words * 7);
    for (int i = 0; i < words; i++) {
      int kind =
          random.nextInt(
              6); // 2 in 6 common words, 2 in 6 the story's own, 2 in 6 the shared vocabulary
      String w =
          kind < 2
              ? COMMON[random.nextInt(COMMON.length)]
              : kind < 4 ? story.words()[random.nextInt(STORY_WORDS)] : word(zipf(random));
      b.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
    }
    return b.append('.').toString();
  }

  /**
   * A rank in [0, VOCABULARY) with probability about proportional to 1/(rank + {@value
   * #ZIPF_SHIFT}): Zipf-like with a flattened head, as content words are once function words are
   * set aside (with a shift of 1 the top word alone would be a tenth of the text, shared by every
   * page, and pages would look alike to near-duplicate detection).
   */
  private static int zipf(SplittableRandom random) {
    double x =
        ZIPF_SHIFT
                * Math.exp(random.nextDouble() * Math.log((VOCABULARY + ZIPF_SHIFT) / ZIPF_SHIFT))
            - ZIPF_SHIFT;
    return (int) Math.min(VOCABULARY - 1, Math.floor(x));
  }

  private static final double ZIPF_SHIFT = 20;

  /**
   * The pseudo-word of a rank (0 the most frequent), e.g. {@code kabedo}: three consonant-vowel
   * syllables spelling a scrambled rank {@code y = rank × 7919 + 12345 mod 80³} (a bijection, so
   * words stay distinct). The first five letters spell {@code y mod 102,400} and the last vowel the
   * rest, so ranks below 102,400 (the whole shared vocabulary) differ within their first five
   * letters: the ingest-service's near-duplicate detection compares words cut to five letters, and
   * words differing only at the end would make every page look like one story. The load test's
   * subscriptions use these words too.
   */
  static String word(int rank) {
    long y = (rank * 7919L + 12_345L) % (SYLLABLES_CV * SYLLABLES_CV * SYLLABLES_CV);
    long p = y % PREFIXES;
    StringBuilder b = new StringBuilder(6);
    for (int i = 0; i < 2; i++) {
      b.append(CONSONANTS.charAt((int) (p % CONSONANTS.length())));
      p /= CONSONANTS.length();
      b.append(VOWELS.charAt((int) (p % VOWELS.length())));
      p /= VOWELS.length();
    }
    return b.append(CONSONANTS.charAt((int) p))
        .append(VOWELS.charAt((int) (y / PREFIXES)))
        .toString();
  }

  /** Distinct five-letter beginnings: consonant, vowel, consonant, vowel, consonant. */
  private static final long PREFIXES = 16L * 5 * 16 * 5 * 16;
}
