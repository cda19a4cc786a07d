package org.newswatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.search.ArticleSearcher;
import org.newswatch.index.search.SearchRequest;
import org.newswatch.index.search.SortOrder;
import org.newswatch.index.search.Timeline;

/**
 * Search latency through the index-service's own {@link ArticleSearcher} (query parsing, filters,
 * exact totals, facets, highlighted snippets: what one API call does), one query at a time, on an
 * index of generated articles.
 */
final class SearchBench {
  /**
   * Wall-clock p50 and p99, and the process's CPU time per call (all threads, GC included): the
   * work, however busy the machine.
   */
  record Latency(
      String kind, double p50Millis, double p99Millis, long queries, double cpuMillisPerQuery) {}

  record Result(
      int documents,
      double buildPerSecond,
      int warmupCalls,
      List<Latency> latencies,
      long heapBytes) {}

  private SearchBench() {}

  /**
   * {@code threads} > 0: searches run their segment slices on that many threads, as the service's
   * do (one per core). {@code warmup} calls of every kind, mixed, come first: the JIT compiles the
   * search path over the first thousand or so calls (one JVM measuring the same 300 boolean queries
   * three times in a row gave p99 27.5, 20.6 and 13.2 ms), and a service that has run a while is
   * past that.
   */
  static Result run(
      ArticleGenerator generator, int documents, int queries, Path dir, int threads, int warmup) {
    java.util.concurrent.ExecutorService pool =
        threads > 0 ? java.util.concurrent.Executors.newFixedThreadPool(threads) : null;
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      double build =
          indexer.count() == documents ? Double.NaN : build(generator, documents, indexer);
      ArticleSearcher searcher =
          new ArticleSearcher(
              indexer.searchers(), indexer.analyzer(), Duration.ofSeconds(30), pool);
      // Queries from their own stream over the same vocabulary: the same queries whether the index
      // was built or reused.
      ArticleGenerator words = generator.sameVocabulary(generator.seed() + 1);
      Map<String, Supplier<String>> kinds = kinds(words);
      warmUp(searcher, kinds(generator.sameVocabulary(generator.seed() + 2)), warmup);
      List<Latency> latencies = new java.util.ArrayList<>();
      for (var kind : kinds.entrySet()) {
        latencies.add(measure(searcher, kind.getKey(), kind.getValue(), queries));
      }
      latencies.add(
          measure(searcher, "term, sort newest", words::searchWord, queries, SortOrder.NEWEST));
      // What the researchers' page asks first: everything, newest first, and the timeline beside
      // it.
      latencies.add(
          measure(searcher, "every article, sort newest", () -> "", queries, SortOrder.NEWEST));
      latencies.add(
          timed(
              "timeline per day, term",
              queries,
              () ->
                  searcher.timeline(SearchRequest.of(words.searchWord()), Timeline.Interval.DAY)));
      latencies.add(
          timed(
              "timeline per day, every article",
              queries,
              () -> searcher.timeline(SearchRequest.of(""), Timeline.Interval.DAY)));
      return new Result(documents, build, warmup, latencies, Memory.heapUsedAfterGc());
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** The relevance-ranked query kinds, their words drawn from {@code words}. */
  private static Map<String, Supplier<String>> kinds(ArticleGenerator words) {
    Map<String, Supplier<String>> kinds = new LinkedHashMap<>();
    kinds.put("term", words::searchWord);
    kinds.put("phrase", () -> "\"" + words.randomWord() + " " + words.searchWord() + "\"");
    kinds.put(
        "boolean",
        () ->
            words.searchWord()
                + " AND ("
                + words.searchWord()
                + " OR "
                + words.searchWord()
                + ") NOT "
                + words.searchWord());
    return kinds;
  }

  /**
   * {@code calls} rounds of every kind the bench measures, with words of their own (not the
   * measured queries).
   */
  private static void warmUp(
      ArticleSearcher searcher, Map<String, Supplier<String>> kinds, int calls) {
    Supplier<String> word = kinds.get("term");
    for (int i = 0; i < calls; i++) {
      for (Supplier<String> query : kinds.values()) {
        searcher.search(SearchRequest.of(query.get()));
      }
      searcher.search(SearchRequest.of(word.get()).withSort(SortOrder.NEWEST));
      searcher.search(SearchRequest.of("").withSort(SortOrder.NEWEST));
      searcher.timeline(SearchRequest.of(word.get()), Timeline.Interval.DAY);
      searcher.timeline(SearchRequest.of(""), Timeline.Interval.DAY);
    }
  }

  /**
   * Indexes {@code documents} generated articles (after any already there), commits; answers
   * articles/s.
   */
  private static double build(ArticleGenerator generator, int documents, ArticleIndexer indexer) {
    long start = System.nanoTime();
    int batch = 5_000;
    for (int i = 0; i < documents; i += batch) {
      List<Article> slice = new java.util.ArrayList<>(batch);
      for (int n = i; n < Math.min(documents, i + batch); n++) {
        slice.add(generator.article(n));
      }
      indexer.apply(ArticleBatch.of(slice));
    }
    indexer.commit();
    indexer.refresh();
    return documents / IndexingBench.seconds(start);
  }

  static Latency measure(
      ArticleSearcher searcher, String kind, Supplier<String> query, int queries) {
    return measure(searcher, kind, query, queries, SortOrder.RELEVANCE);
  }

  static Latency measure(
      ArticleSearcher searcher, String kind, Supplier<String> query, int queries, SortOrder order) {
    return timed(
        kind, queries, () -> searcher.search(SearchRequest.of(query.get()).withSort(order)));
  }

  /**
   * p50 and p99 of {@code queries} runs of {@code call}, after a fifth as many (at least 20) to
   * warm up.
   */
  static Latency timed(String kind, int queries, Runnable call) {
    for (int i = 0; i < Math.max(20, queries / 5); i++) {
      call.run();
    }
    long[] nanos = new long[queries];
    long cpuStart = Memory.processCpuNanos();
    for (int i = 0; i < queries; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    double cpuPerQuery = (Memory.processCpuNanos() - cpuStart) / 1e6 / queries;
    Arrays.sort(nanos);
    return new Latency(
        kind,
        nanos[(int) (queries * 0.50)] / 1e6,
        nanos[Math.min(queries - 1, (int) Math.ceil(queries * 0.99) - 1)] / 1e6,
        queries,
        cpuPerQuery);
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }
}
