package org.newswatch.alert.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.search.Query;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Explanation;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.text.NewsAnalyzer;
import org.newswatch.common.text.Paragraphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches articles against every subscription with Lucene's {@link Monitor}: the subscriptions are
 * indexed, and for each article a presearcher picks the few whose terms occur in it before any
 * query is run, so that tens of thousands of subscriptions cost little per article.
 *
 * <p>One pass per article: the monitor indexes the article once in memory, and {@link ArticleHits}
 * runs only the candidates the presearcher picked (after their language and source filters), checks
 * weighted thresholds, and finds the matched words (Lucene's Matches API) only for the ones that
 * match. (A second in-memory index for the words, as before, analysed every matching article twice;
 * asking the monitor for highlights of every candidate runs the Matches API on all of them.)
 *
 * <p>Thread-safe: subscriptions change on the subscription table's thread while articles are
 * matched on the consumer's. A subscription whose query fails on an article is logged and skipped;
 * the other matches of that article stand.
 */
public final class AlertMatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertMatcher.class);

  /** Characters of text around the first matched word in a snippet. */
  static final int SNIPPET_CHARS = 240;

  private final Monitor monitor;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, Query> queries = new ConcurrentHashMap<>();

  /**
   * Weighted subscriptions' queries and thresholds: a monitor match is only a candidate for them.
   */
  private final Map<String, WeightedQuery> weighted = new ConcurrentHashMap<>();

  private final Map<String, Optional<Subscription>> pending = new ConcurrentHashMap<>();

  /** The query parts each subscription's alerts are explained with, made at its first match. */
  private final Map<String, List<QueryPart>> parts = new ConcurrentHashMap<>();

  /**
   * True for an owner whose subscriptions are paused (their key was revoked); asked per candidate,
   * so a change counts at once.
   */
  private final Predicate<String> pausedOwner;

  public AlertMatcher() {
    this(owner -> false);
  }

  public AlertMatcher(Predicate<String> pausedOwner) {
    this(new MultipassTermFilteredPresearcher(2), pausedOwner);
  }

  public AlertMatcher(Presearcher presearcher) {
    this(presearcher, owner -> false);
  }

  public AlertMatcher(Presearcher presearcher, Predicate<String> pausedOwner) {
    this.pausedOwner = pausedOwner;
    try {
      // In memory: subscriptions are rebuilt from the compacted topic at every start.
      this.monitor = new Monitor(new NewsAnalyzer(), presearcher, new MonitorConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Lucene monitor", e);
    }
  }

  /** Adds or replaces a subscription at once; its query must parse (it was checked when saved). */
  public void put(Subscription subscription) {
    putAll(List.of(subscription));
  }

  /**
   * Adds or replaces subscriptions in one batch: the monitor indexes its queries, and one batch of
   * 10,000 costs about what one query costs, so loading many one at a time would take minutes.
   *
   * @throws IllegalArgumentException if a query does not parse (nothing is added then)
   */
  public void putAll(Collection<Subscription> batch) {
    List<MonitorQuery> queries = new ArrayList<>(batch.size());
    Map<String, Query> parsed = new java.util.HashMap<>();
    Map<String, WeightedQuery> weights = new java.util.HashMap<>();
    for (Subscription s : batch) {
      Query query = SubscriptionQuery.parse(s.query());
      parsed.put(s.id(), query);
      if (WeightedQuery.isWeighted(s.query())) {
        weights.put(s.id(), WeightedQuery.parse(s.query()));
      }
      queries.add(new MonitorQuery(s.id(), query, s.query(), Map.of()));
    }
    synchronized (this) {
      try {
        monitor.register(queries);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot register " + queries.size() + " subscriptions", e);
      }
      for (Subscription s : batch) {
        subscriptions.put(s.id(), s);
        parts.remove(s.id());
        this.queries.put(s.id(), parsed.get(s.id()));
        if (weights.containsKey(s.id())) {
          weighted.put(s.id(), weights.get(s.id()));
        } else {
          weighted.remove(s.id());
        }
      }
    }
  }

  public synchronized void remove(String subscriptionId) {
    try {
      subscriptions.remove(subscriptionId);
      weighted.remove(subscriptionId);
      queries.remove(subscriptionId);
      parts.remove(subscriptionId);
      monitor.deleteById(subscriptionId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove subscription " + subscriptionId, e);
    }
  }

  /**
   * Takes a change from the subscription table (null removes) without waiting for the monitor: the
   * changes gather and are applied in one batch before the next article is matched (or on {@link
   * #flush()}). A query that does not parse is logged and the subscription left out.
   */
  public void apply(String id, Subscription subscription) {
    pending.put(id, Optional.ofNullable(subscription));
  }

  /** Applies the gathered changes of {@link #apply}. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    synchronized (this) {
      List<Subscription> adds = new ArrayList<>();
      List<String> removals = new ArrayList<>();
      for (Map.Entry<String, Optional<Subscription>> e : pending.entrySet()) {
        // Removed only if unchanged since read: a newer change stays pending for the next flush.
        if (pending.remove(e.getKey(), e.getValue())) {
          if (e.getValue().isEmpty()) {
            removals.add(e.getKey());
            continue;
          }
          try {
            SubscriptionQuery.parse(e.getValue().get().query());
            adds.add(e.getValue().get());
          } catch (IllegalArgumentException bad) {
            LOG.warn("subscription {} not matched: {}", e.getKey(), bad.getMessage());
            removals.add(e.getKey());
          }
        }
      }
      removals.forEach(this::remove);
      if (!adds.isEmpty()) {
        putAll(adds);
      }
    }
  }

  public int size() {
    return subscriptions.size()
        + (int)
            pending.values().stream()
                .filter(v -> v.isPresent() && !subscriptions.containsKey(v.get().id()))
                .count();
  }

  /** The subscriptions that fire on {@code article}, after their language and source filters. */
  public List<Match> match(Article article) {
    flush();
    // One pass: the monitor indexes the article once in memory (with offsets), its presearcher
    // picks the candidates, and ArticleHits runs each candidate there and, only for those that
    // match, finds the matched words. No second analysis of the article, no second index.
    MatchingQueries<ArticleHits.Hit> result;
    try {
      result =
          monitor.match(
              MonitorDocument.toDocument(article),
              searcher ->
                  new ArticleHits(
                      searcher, id -> accepts(id, article), weighted::get, this::partsOf));
    } catch (IOException e) {
      throw new UncheckedIOException("matching article " + article.id() + " failed", e);
    }
    result
        .getErrors()
        .forEach(
            (id, e) ->
                LOG.warn(
                    "subscription {} failed on article {}: {}", id, article.id(), e.toString()));
    if (result.getMatchCount() == 0) {
      return List.of();
    }
    List<ArticleHits.Hit> hits = new ArrayList<>(result.getMatches());
    hits.sort(Comparator.comparing(ArticleHits.Hit::getQueryId));
    List<Match> matches = new ArrayList<>(hits.size());
    for (ArticleHits.Hit hit : hits) {
      Subscription s = subscriptions.get(hit.getQueryId());
      if (s != null) {
        matches.add(describe(s, hit, article));
      }
    }
    return matches;
  }

  /**
   * Whether subscription {@code id} is still held, not paused, and its language and source filters
   * take the article.
   */
  private boolean accepts(String id, Article article) {
    Subscription s = subscriptions.get(id);
    return s != null
        && queries.containsKey(id)
        && !pausedOwner.test(s.owner())
        && accepts(s, article);
  }

  static boolean accepts(Subscription s, Article article) {
    if (!s.languages().isEmpty()
        && !s.languages().contains(article.language().toLowerCase(Locale.ROOT))) {
      return false;
    }
    return s.sources().isEmpty()
        || s.sources().stream().anyMatch(source -> source.equalsIgnoreCase(article.source()));
  }

  /**
   * The parts of a subscription's query that an explanation lists: weighted and required lines, or
   * top-level clauses.
   */
  private List<QueryPart> partsOf(String id) {
    Subscription s = subscriptions.get(id);
    if (s == null) {
      return List.of();
    }
    return parts.computeIfAbsent(
        id,
        k -> {
          WeightedQuery w = weighted.get(k);
          return w != null ? w.lines() : QueryClauses.of(s.query());
        });
  }

  private Match describe(Subscription s, ArticleHits.Hit hit, Article article) {
    Map<String, List<int[]>> hits = hit.spans();
    List<int[]> bodyHits = hits.getOrDefault(MonitorDocument.BODY, List.of());
    int leadEnd = Paragraphs.leadEnd(article.body());
    // Each distinct word once, at its first place: the title, then the body in text order.
    Map<String, Explanation.Word> words = new LinkedHashMap<>();
    for (int[] h : hits.getOrDefault(MonitorDocument.TITLE, List.of())) {
      addWord(words, article.title(), h, Explanation.TITLE);
    }
    for (int[] h : bodyHits) {
      addWord(words, article.body(), h, h[0] < leadEnd ? Explanation.LEAD : Explanation.BODY);
    }
    List<Explanation.Clause> clauses =
        hit.fired().stream()
            .map(
                p ->
                    new Explanation.Clause(
                        p.text(), p.weight() == null ? null : p.weight().doubleValue()))
            .toList();
    WeightedQuery w = weighted.get(s.id());
    Explanation why =
        new Explanation(
            new ArrayList<>(words.values()),
            clauses,
            hit.score(),
            w == null ? null : (double) w.threshold());
    String snippet =
        bodyHits.isEmpty()
            ? Snippets.lead(article.body(), SNIPPET_CHARS)
            : Snippets.around(article.body(), bodyHits.get(0)[0], SNIPPET_CHARS);
    return new Match(s, new ArrayList<>(words.keySet()), snippet, why);
  }

  private static void addWord(
      Map<String, Explanation.Word> words, String text, int[] h, String where) {
    String word = word(text, h);
    if (!word.isEmpty() && !words.containsKey(word)) {
      int start = text.indexOf(word, Math.max(0, Math.min(h[0], text.length())));
      words.put(word, new Explanation.Word(word, where, start, start + word.length()));
    }
  }

  private static String word(String text, int[] h) {
    int start = Math.max(0, Math.min(h[0], text.length()));
    int end = Math.max(start, Math.min(h[1], text.length()));
    return text.substring(start, end).strip();
  }

  @Override
  public void close() {
    try {
      monitor.close();
    } catch (IOException e) {
      LOG.warn("closing the monitor failed", e);
    }
  }
}
