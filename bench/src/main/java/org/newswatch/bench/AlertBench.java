package org.newswatch.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Subscription;

/**
 * Alert matching rate: the alert-service's matcher (Lucene monitor, two presearchers) beside a
 * naive loop over every subscription, from the alert-service's {@link MatchingBenchmark} workload
 * (Zipf words, entity-like subscription terms).
 */
final class AlertBench {
  private AlertBench() {}

  static List<MatchingBenchmark.Result> run(int subscriptions, int articles) {
    MatchingBenchmark b = new MatchingBenchmark(42);
    List<Subscription> subs = b.subscriptions(subscriptions);
    List<Article> docs = b.articles(articles);
    List<MatchingBenchmark.Result> results = new ArrayList<>();
    results.add(b.monitor(subs, docs, new MultipassTermFilteredPresearcher(2)));
    results.add(b.monitor(subs, docs, new TermFilteredPresearcher()));
    // The naive loop runs every query on every article: fewer articles, so that it finishes.
    results.add(
        b.naive(
            subs, docs.subList(0, Math.max(10, Math.min(docs.size(), 200_000 / subscriptions)))));
    return results;
  }
}
