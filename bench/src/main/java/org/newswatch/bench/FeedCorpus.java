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
 * The simulated web of the feed-polling bench: {@code feeds} RSS 2.0 feeds spread round-robin
 * over {@code sites} publishers, each publisher on a loopback address of its own (127.0.1.1,
 * 127.0.1.2, …; Linux routes all of 127.0.0.0/8 to the loopback interface), so that the
 * ingest-service's per-host politeness sees as many hosts as a real deployment would. Each feed
 * lists its newest {@code items} items, every one linking to an article page on the feed's own
 * host. Documents are generated from (feed, item) on demand, deterministically, so the server
 * holds almost nothing and every run serves the same bytes.
 *
 * <p>{@link #advance} gives a share of the feeds one new item each (the oldest drops off), which
 * changes their ETag: the next conditional GET of those feeds answers 200, of the others 304.
 */
final class FeedCorpus {
  /** Loopback addresses per third octet: 127.0.N.1 … 127.0.N.250. */
  private static final int PER_OCTET = 250;
  static final int MAX_SITES = PER_OCTET * 250;
  /** Items of the starting feeds are this far apart: the poller learns a 3 h rhythm and does not re-poll during a run. */
  private static final Duration ITEM_GAP = Duration.ofHours(3);
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final String[] COMMON = {
    "the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "by", "at", "from", "officials",
    "government", "minister", "police", "province", "city", "people", "week", "report", "after", "more", "than", "two"
  };
  private static final String[] SYLLABLES = {"ka", "ra", "mi", "to", "sun", "ba", "lo", "chi", "ne", "da", "ur", "fa", "zan", "pe", "es", "vo"};
  private static final int VOCABULARY = 8_000;

  private final int feeds;
  private final int sites;
  private final int items;
  private final int port;
  private final Instant epoch;
  /** Per feed, the dates of the items {@link #advance} added, oldest first (null: none yet). */
  private final List<Instant>[] added;
  private int advances;

  @SuppressWarnings("unchecked")
  FeedCorpus(int feeds, int sites, int items, int port, Instant epoch) {
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

  /** Round-robin: neighbouring feeds (which the scheduler starts close together) are on different hosts. */
  int siteOf(int feed) {
    return feed % sites;
  }

  String feedUrl(int feed) {
    return "http://" + host(siteOf(feed)) + ":" + port + "/feeds/" + feed + ".xml";
  }

  static String feedId(int feed) {
    return String.format(Locale.ROOT, "bench-%05d", feed);
  }

  /** Gives every {@code 1/share}-th feed (at least one) a new item; returns how many feeds changed. */
  synchronized int advance(double share) {
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
  private synchronized int itemCount(int feed) {
    return items + (added[feed] == null ? 0 : added[feed].size());
  }

  private synchronized Instant published(int feed, int item) {
    if (item < items) {
      // The newest starting item an hour before the server started, the others 3 h apart; a few
      // seconds per feed so that feeds do not all share one timestamp.
      return epoch.minus(Duration.ofHours(1)).minus(ITEM_GAP.multipliedBy(items - 1 - item)).minusSeconds(feed % 3600);
    }
    return added[feed].get(item - items);
  }

  /** An ETag that changes whenever the feed's item list does (RFC 9110 §8.8.3). */
  String etag(int feed) {
    return "\"f" + feed + "-" + itemCount(feed) + "\"";
  }

  String lastModified(int feed) {
    return RFC_1123.format(published(feed, itemCount(feed) - 1));
  }

  byte[] feed(int feed) {
    int count = itemCount(feed);
    String base = "http://" + host(siteOf(feed)) + ":" + port;
    StringBuilder b = new StringBuilder(512 + items * 400);
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n")
        .append("<title>Bench site ").append(siteOf(feed)).append(" — section ").append(feed).append("</title>\n")
        .append("<link>").append(base).append("/</link>\n<description>Generated news for the feed-polling bench</description>\n")
        .append("<language>en</language>\n");
    for (int item = count - 1; item >= Math.max(0, count - items); item--) {
      SplittableRandom random = random(feed, item);
      b.append("<item><title>").append(headline(random)).append("</title>")
          .append("<link>").append(base).append(pagePath(feed, item)).append("</link>")
          .append("<guid isPermaLink=\"false\">bench-").append(feed).append('-').append(item).append("</guid>")
          .append("<pubDate>").append(RFC_1123.format(published(feed, item))).append("</pubDate>")
          .append("<description>").append(sentence(random, 24)).append("</description></item>\n");
    }
    b.append("</channel></rss>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String pagePath(int feed, int item) {
    return "/news/" + feed + "/" + item + ".html";
  }

  /** An article page of about 350 words in a typical template: navigation, the story, a footer. */
  byte[] page(int feed, int item) {
    SplittableRandom random = random(feed, item);
    String title = headline(random);
    StringBuilder b = new StringBuilder(4096);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
        .append(" | Bench site ").append(siteOf(feed)).append("</title>")
        .append("<meta property=\"article:published_time\" content=\"").append(published(feed, item)).append("\">")
        .append("</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/politics\">Politics</a></nav>\n")
        .append("<article><h1>").append(title).append("</h1><p class=\"byline\">By Bench Reporter</p>\n");
    for (int p = 0; p < 6; p++) {
      b.append("<p>").append(sentence(random, 20)).append(' ').append(sentence(random, 18)).append(' ')
          .append(sentence(random, 20)).append("</p>\n");
    }
    b.append("</article><footer>© Bench site. All rights reserved.</footer></body></html>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static SplittableRandom random(int feed, int item) {
    return new SplittableRandom(feed * 1_000_003L + item);
  }

  private static String headline(SplittableRandom random) {
    String s = sentence(random, 8);
    return s.substring(0, s.length() - 1); // no full stop in a headline
  }

  /**
   * A sentence of pseudo-words: one in three a common English word, the rest drawn from a
   * Zipf-like vocabulary, so pages differ as real stories do and near-duplicate detection does not
   * join unrelated ones.
   */
  private static String sentence(SplittableRandom random, int words) {
    StringBuilder b = new StringBuilder(words * 7);
    for (int i = 0; i < words; i++) {
      String w = random.nextInt(3) == 0 ? COMMON[random.nextInt(COMMON.length)] : word(zipf(random));
      b.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
    }
    return b.append('.').toString();
  }

  /** A rank in [0, VOCABULARY) with probability about proportional to 1/(rank+1). */
  private static int zipf(SplittableRandom random) {
    return (int) Math.min(VOCABULARY - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(VOCABULARY + 1.0)) - 1));
  }

  private static String word(int rank) {
    StringBuilder b = new StringBuilder();
    int n = rank;
    do {
      b.append(SYLLABLES[n % SYLLABLES.length]);
      n /= SYLLABLES.length;
    } while (n > 0);
    return b.toString();
  }
}
