package org.newswatch.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.Query;
import org.newswatch.alert.match.AlertMatcher;
import org.newswatch.alert.match.SubscriptionQuery;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.text.NewsAnalyzer;

/**
 * Articles per second matched against N generated subscriptions, with the Lucene monitor (the
 * matcher the service uses) and with a naive loop that runs every query against each article in a
 * {@link MemoryIndex}. For the {@code bench} module; {@link #main} prints a table.
 *
 * <p>The workload is shaped like real subscriptions, not uniform random words (the presearcher's
 * worst case): article words follow a Zipf law over a 20,000-word vocabulary; each subscription
 * pairs one or two entity names (drawn, Zipf-like, from 50,000 rarer names and places) with a
 * disjunction of topic words (see {@link Workload} for the two ways they are drawn) and sometimes a
 * phrase or an excluded word, like {@code +(kech OR "kech district") +(attack OR militants)
 * -cricket}.
 */
public final class MatchingBenchmark {
  /** One measured figure. */
  /**
   * @param registerSeconds time to register every subscription (0 for the naive loop, which has
   *     nothing to build)
   */
  public record Result(
      String matcher,
      int subscriptions,
      int articles,
      double articlesPerSecond,
      long matches,
      double registerSeconds) {}

  private static final int VOCABULARY = 20_000;
  private static final int ENTITIES = 50_000;
  private static final int WORDS_PER_ARTICLE = 300;
  private static final int ENTITIES_PER_ARTICLE = 6;

  /**
   * How subscriptions are drawn. Articles are the same in both.
   *
   * <ul>
   *   <li>{@code REALISTIC}: subscriptions pick their entity from a flatter Zipf law (s = 0.7) than
   *       the articles use (s = 1.0), since analysts follow their own districts and groups, not all
   *       the same few headline names; topic words are more specific (ranks 1,000-15,000, like
   *       "infiltration"). About 2.3 of 10,000 subscriptions fire on an article (seed 42), and
   *       about one article in five fires none.
   *   <li>{@code DENSE}: the first version: subscriptions pick entities from the articles' own Zipf
   *       law (s = 1.0, so about 900 of 10,000 watch the single most frequent name, which is in
   *       half the articles) and topic words from ranks 300-8,300; about 27 of 10,000 fire on every
   *       article. Kept to compare with earlier figures.
   * </ul>
   */
  public enum Workload {
    REALISTIC(0.7, 1_000, 15_000),
    DENSE(1.0, 300, 8_300);

    final double entityExponent;
    final int topicLow;
    final int topicHigh;

    Workload(double entityExponent, int topicLow, int topicHigh) {
      this.entityExponent = entityExponent;
      this.topicLow = topicLow;
      this.topicHigh = topicHigh;
    }
  }

  private final SplittableRandom random;
  private final Workload workload;
  private final double[] wordCdf = zipfCdf(VOCABULARY, 1.07);
  private final double[] entityCdf = zipfCdf(ENTITIES, 1.0);
  private final double[] subscribedEntityCdf;

  /** The {@link Workload#REALISTIC} workload. */
  public MatchingBenchmark(long seed) {
    this(seed, Workload.REALISTIC);
  }

  public MatchingBenchmark(long seed, Workload workload) {
    this.random = new SplittableRandom(seed);
    this.workload = workload;
    this.subscribedEntityCdf = zipfCdf(ENTITIES, workload.entityExponent);
  }

  public static void main(String[] args) {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    MatchingBenchmark b = new MatchingBenchmark(42);
    System.out.printf(
        Locale.ROOT,
        "%-22s %14s %10s %14s %10s %12s%n",
        "matcher",
        "subscriptions",
        "articles",
        "articles/s",
        "matches",
        "register s");
    for (int n : new int[] {1_000, 10_000, 100_000}) {
      List<Subscription> subs = b.subscriptions(n);
      List<Article> docs = b.articles(articles);
      for (Result r :
          List.of(
              b.monitor(subs, docs, new MultipassTermFilteredPresearcher(2)),
              b.monitor(subs, docs, new TermFilteredPresearcher()))) {
        print(r);
      }
      // The naive loop is slow: measured on fewer articles so that it finishes.
      print(b.naive(subs, docs.subList(0, Math.max(10, Math.min(docs.size(), 200_000 / n)))));
    }
  }

  private static void print(Result r) {
    System.out.printf(
        Locale.ROOT,
        "%-22s %14d %10d %14.1f %10d %12.1f%n",
        r.matcher(),
        r.subscriptions(),
        r.articles(),
        r.articlesPerSecond(),
        r.matches(),
        r.registerSeconds());
  }

  /** Matches every article with the monitor; the first 10% warm up and are not timed. */
  public Result monitor(
      List<Subscription> subscriptions, List<Article> articles, Presearcher presearcher) {
    try (AlertMatcher matcher = new AlertMatcher(presearcher)) {
      long load = System.nanoTime();
      matcher.putAll(subscriptions);
      double registerSeconds = (System.nanoTime() - load) / 1e9;
      int warm = articles.size() / 10;
      for (Article a : articles.subList(0, warm)) {
        matcher.match(a);
      }
      long matches = 0;
      long start = System.nanoTime();
      for (Article a : articles.subList(warm, articles.size())) {
        matches += matcher.match(a).size();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(
          "monitor " + presearcher.getClass().getSimpleName().replace("Presearcher", ""),
          subscriptions.size(),
          articles.size() - warm,
          (articles.size() - warm) / seconds,
          matches,
          registerSeconds);
    }
  }

  /** Every query against every article, each article in a {@link MemoryIndex}. */
  public Result naive(List<Subscription> subscriptions, List<Article> articles) {
    Analyzer analyzer = new NewsAnalyzer();
    List<Query> queries =
        subscriptions.stream().map(s -> SubscriptionQuery.parse(s.query())).toList();
    long matches = 0;
    long start = System.nanoTime();
    for (Article a : articles) {
      MemoryIndex index = new MemoryIndex();
      index.addField("title", a.title(), analyzer);
      index.addField("body", a.body(), analyzer);
      for (Query q : queries) {
        if (index.search(q) > 0) {
          matches++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        "naive MemoryIndex loop",
        subscriptions.size(),
        articles.size(),
        articles.size() / seconds,
        matches,
        0);
  }

  public List<Subscription> subscriptions(int n) {
    List<Subscription> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder q = new StringBuilder("+(");
      String entity = entity(zipf(subscribedEntityCdf));
      q.append(entity);
      if (random.nextInt(3) == 0) {
        q.append(" OR \"").append(entity).append(' ').append(word(zipf(wordCdf))).append('"');
      }
      if (random.nextInt(4) == 0) {
        q.append(" OR ").append(entity(zipf(subscribedEntityCdf)));
      }
      q.append(") +(");
      int topicWords = 2 + random.nextInt(4);
      for (int t = 0; t < topicWords; t++) {
        // Topic words come from the middle of the vocabulary, like "infiltration" or "ambush":
        // not stop-word common (ranks under 300), not unseen.
        q.append(t == 0 ? "" : " OR ")
            .append(
                word(workload.topicLow + random.nextInt(workload.topicHigh - workload.topicLow)));
      }
      q.append(')');
      if (random.nextInt(3) == 0) {
        q.append(" -").append(word(100 + random.nextInt(5_000)));
      }
      out.add(
          new Subscription(
              Subscription.SCHEMA,
              "s" + i,
              "bench",
              null,
              q.toString(),
              null,
              null,
              null,
              null,
              Instant.EPOCH));
    }
    return out;
  }

  public List<Article> articles(int n) {
    List<Article> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder body = new StringBuilder();
      for (int w = 0; w < WORDS_PER_ARTICLE; w++) {
        body.append(word(zipf(wordCdf))).append(w % 17 == 16 ? ". " : " ");
        if (w % (WORDS_PER_ARTICLE / ENTITIES_PER_ARTICLE) == 0) {
          body.append(entity(zipf(entityCdf))).append(' ');
        }
      }
      String title =
          entity(zipf(entityCdf)) + " " + word(zipf(wordCdf)) + " " + word(zipf(wordCdf));
      out.add(
          new Article(
              Article.SCHEMA,
              "a" + i,
              "https://bench.example/" + i,
              null,
              null,
              "bench",
              title,
              body.toString(),
              null,
              "en",
              null,
              Instant.EPOCH,
              null,
              null,
              null));
    }
    return out;
  }

  private int zipf(double[] cdf) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k, s);
      cdf[k - 1] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }

  /**
   * A pronounceable word for rank {@code r}, stable across runs; letters only, so stemming leaves
   * most alone.
   */
  static String word(int r) {
    return syllables(r, "bdfgklmnprstvz", "aeiou", 'w');
  }

  /** An entity name: a different alphabet from words, so names and words never collide. */
  static String entity(int r) {
    return syllables(r, "chjqxy", "aeiou", 'q');
  }

  private static String syllables(int r, String consonants, String vowels, char prefix) {
    StringBuilder sb = new StringBuilder().append(prefix);
    int x = r + 1;
    do {
      sb.append(consonants.charAt(x % consonants.length()));
      x /= consonants.length();
      sb.append(vowels.charAt(x % vowels.length()));
      x /= vowels.length();
    } while (x > 0);
    return sb.toString();
  }
}
