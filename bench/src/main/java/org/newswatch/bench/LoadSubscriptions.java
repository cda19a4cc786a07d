package org.newswatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The load test's subscriptions: queries over the pseudo-words of {@link FeedCorpus}'s Zipf-like
 * vocabulary, in the shapes analysts write, so that each fires on a small, known share of the
 * generated articles (as a real desk's queries fire on a small share of the news):
 *
 * <ul>
 *   <li>one rare word (vocabulary rank 2,000–7,999): about 0.4–1.5 % of articles;
 *   <li>two mid-frequency words, both required ({@code +a +b}, ranks 150–600): about 0.5–2 %;
 *   <li>either of two rare words, minus a common one ({@code (a OR b) -c});
 *   <li>a phrase of two frequent words ({@code "a b"}), rarely adjacent;
 *   <li>one in ten in the weighted form (lines of weights, a threshold, a required part).
 * </ul>
 *
 * Deterministic for a seed: every run subscribes to the same queries.
 */
final class LoadSubscriptions {
  /** One subscription to create: its name and query text. */
  record Query(String name, String query) {}

  private LoadSubscriptions() {}

  static List<Query> generate(int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be at least 0, was " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Query> queries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String q;
      if (i % 10 == 9) {
        q =
            "weighted threshold=5\nrequired: "
                + word(random, 20, 200)
                + " OR "
                + word(random, 20, 200)
                + "\n3: "
                + word(random, 300, 1_500)
                + " OR "
                + word(random, 300, 1_500)
                + "\n2: "
                + word(random, 100, 600)
                + "\n";
      } else {
        q =
            switch (i % 4) {
              case 0 -> word(random, 2_000, FeedCorpus.VOCABULARY);
              case 1 -> "+" + word(random, 150, 600) + " +" + word(random, 150, 600);
              case 2 ->
                  "("
                      + word(random, 3_000, FeedCorpus.VOCABULARY)
                      + " OR "
                      + word(random, 3_000, FeedCorpus.VOCABULARY)
                      + ") -"
                      + word(random, 5, 30);
              default -> "\"" + word(random, 0, 40) + " " + word(random, 0, 40) + "\"";
            };
      }
      queries.add(new Query(String.format(Locale.ROOT, "load test %03d", i), q));
    }
    return queries;
  }

  /** A pseudo-word of a rank drawn uniformly from [from, to). */
  private static String word(SplittableRandom random, int from, int to) {
    return FeedCorpus.word(random.nextInt(from, to));
  }
}
