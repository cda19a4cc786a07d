package org.newswatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Extraction;

/**
 * Generated news-like articles: words drawn from a Zipf-distributed vocabulary (a few very common,
 * most rare, as in real text) whose most frequent words are English function words, as real text's
 * are, and the rest pronounceable pseudo-words; a few sources and languages, and times spread over
 * a year. Deterministic for a seed, so runs compare.
 */
final class ArticleGenerator {
  private static final String[] SYLLABLES = {
    "ka", "ra", "mi", "to", "sun", "ba", "lo", "chi", "ne", "da", "ur", "fa", "zan", "pe", "qu",
    "es"
  };

  /**
   * The vocabulary's most frequent ranks, in English's order of frequency: about two words in five
   * of a body, as in English news.
   */
  private static final String[] FUNCTION_WORDS = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "as", "he",
    "by", "at", "be", "this", "from", "his", "are", "have", "has", "an", "were", "said", "or",
    "not", "its", "will", "they", "but", "which", "been", "their", "had"
  };

  private static final String[] SOURCES = {"VOA", "Dunya News", "Dawn", "BBC Urdu", "Radio Farda"};
  private static final String[] LANGUAGES = {"en", "en", "en", "ur", "fa"};
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private final String[] vocabulary;
  private final double[] cumulative;
  private final SplittableRandom random;
  private final int bodyWords;
  private final long seed;

  ArticleGenerator(long seed, int vocabularySize, int bodyWords) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.bodyWords = bodyWords;
    this.vocabulary = new String[vocabularySize];
    this.cumulative = new double[vocabularySize];
    double sum = 0;
    for (int i = 0; i < vocabularySize; i++) {
      vocabulary[i] = word(i);
      sum += 1.0 / (i + 1); // Zipf, exponent 1
      cumulative[i] = sum;
    }
    for (int i = 0; i < vocabularySize; i++) {
      cumulative[i] /= sum;
    }
  }

  long seed() {
    return seed;
  }

  /** A generator of the same vocabulary and body length drawing from another seed. */
  ArticleGenerator sameVocabulary(long otherSeed) {
    return new ArticleGenerator(otherSeed, vocabulary.length, bodyWords);
  }

  /**
   * A function word for the first ranks, then a distinct pseudo-word per rank, e.g. {@code karami}.
   */
  private static String word(int rank) {
    if (rank < FUNCTION_WORDS.length) {
      return FUNCTION_WORDS[rank];
    }
    StringBuilder b = new StringBuilder();
    int n = rank;
    do {
      b.append(SYLLABLES[n % SYLLABLES.length]);
      n /= SYLLABLES.length;
    } while (n > 0);
    return b.toString();
  }

  String randomWord() {
    double u = random.nextDouble();
    int i = java.util.Arrays.binarySearch(cumulative, u);
    return vocabulary[i >= 0 ? i : Math.min(-i - 1, vocabulary.length - 1)];
  }

  /** A word of middling frequency (ranks 100-2,000): what a researcher typically searches for. */
  String searchWord() {
    return vocabulary[100 + random.nextInt(Math.min(1900, vocabulary.length - 100))];
  }

  Article article(int n) {
    StringBuilder body = new StringBuilder(bodyWords * 8);
    for (int i = 0; i < bodyWords; i++) {
      body.append(randomWord()).append(i % 17 == 16 ? ". " : " ");
    }
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      title.append(i == 0 ? "" : " ").append(randomWord());
    }
    String id = String.format(Locale.ROOT, "bench-%08d", n);
    int s = random.nextInt(SOURCES.length);
    Instant published = START.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
    return new Article(
        Article.SCHEMA,
        id,
        "https://bench.example/" + id,
        null,
        "feed-" + s,
        SOURCES[s],
        title.toString(),
        body.toString(),
        List.of(),
        LANGUAGES[s],
        published,
        published.plusSeconds(90),
        null,
        null,
        new Extraction("page", List.of()));
  }

  List<Article> articles(int count) {
    List<Article> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(article(i));
    }
    return list;
  }
}
