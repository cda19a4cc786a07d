package org.newswatch.alert.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.Query;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.text.NewsAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches articles against every subscription with Lucene's {@link Monitor}: the subscriptions
 * are indexed, and for each article a presearcher picks the few whose terms occur in it before
 * any query is run, so that tens of thousands of subscriptions cost little per article.
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

  public AlertMatcher() {
    this(new MultipassTermFilteredPresearcher(2));
  }

  public AlertMatcher(Presearcher presearcher) {
    try {
      // In memory: subscriptions are rebuilt from the compacted topic at every start.
      this.monitor = new Monitor(new NewsAnalyzer(), presearcher, new MonitorConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Lucene monitor", e);
    }
  }

  /** Adds or replaces a subscription; its query must parse (it was checked when saved). */
  public void put(Subscription subscription) {
    Query query = SubscriptionQuery.parse(subscription.query());
    try {
      monitor.register(new MonitorQuery(subscription.id(), query, subscription.query(), Map.of()));
      subscriptions.put(subscription.id(), subscription);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot register subscription " + subscription.id(), e);
    }
  }

  public void remove(String subscriptionId) {
    try {
      subscriptions.remove(subscriptionId);
      monitor.deleteById(subscriptionId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove subscription " + subscriptionId, e);
    }
  }

  /** Applies a change from the subscription table: null removes. A bad query is logged, not fatal. */
  public void apply(String id, Subscription subscription) {
    if (subscription == null) {
      remove(id);
      return;
    }
    try {
      put(subscription);
    } catch (IllegalArgumentException e) {
      LOG.warn("subscription {} not matched: {}", id, e.getMessage());
      remove(id);
    }
  }

  public int size() {
    return subscriptions.size();
  }

  /** The subscriptions that fire on {@code article}, after their language and source filters. */
  public List<Match> match(Article article) {
    MatchingQueries<HighlightsMatch> result;
    try {
      result = monitor.match(ArticleFields.toDocument(article), HighlightsMatch.MATCHER);
    } catch (IOException e) {
      throw new UncheckedIOException("matching article " + article.id() + " failed", e);
    }
    result.getErrors().forEach((id, e) -> LOG.warn("subscription {} failed on article {}: {}", id, article.id(), e.toString()));
    List<Match> matches = new ArrayList<>();
    List<HighlightsMatch> sorted = new ArrayList<>(result.getMatches());
    sorted.sort(Comparator.comparing(QueryMatch::getQueryId));
    for (HighlightsMatch hit : sorted) {
      Subscription s = subscriptions.get(hit.getQueryId());
      if (s != null && accepts(s, article)) {
        matches.add(describe(s, hit, article));
      }
    }
    return matches;
  }

  static boolean accepts(Subscription s, Article article) {
    if (!s.languages().isEmpty() && !s.languages().contains(article.language().toLowerCase(Locale.ROOT))) {
      return false;
    }
    return s.sources().isEmpty() || s.sources().stream().anyMatch(source -> source.equalsIgnoreCase(article.source()));
  }

  private static Match describe(Subscription s, HighlightsMatch hit, Article article) {
    Set<String> words = new LinkedHashSet<>();
    List<HighlightsMatch.Hit> bodyHits = sortedHits(hit, ArticleFields.BODY);
    for (HighlightsMatch.Hit h : sortedHits(hit, ArticleFields.TITLE)) {
      words.add(word(article.title(), h));
    }
    for (HighlightsMatch.Hit h : bodyHits) {
      words.add(word(article.body(), h));
    }
    words.remove("");
    String snippet = bodyHits.isEmpty() ? Snippets.lead(article.body(), SNIPPET_CHARS) : Snippets.around(article.body(), bodyHits.get(0).startOffset(), SNIPPET_CHARS);
    return new Match(s, new ArrayList<>(words), snippet);
  }

  private static List<HighlightsMatch.Hit> sortedHits(HighlightsMatch hit, String field) {
    List<HighlightsMatch.Hit> hits = new ArrayList<>(hit.getHits(field));
    hits.sort(Comparator.naturalOrder());
    return hits;
  }

  private static String word(String text, HighlightsMatch.Hit h) {
    int start = Math.max(0, Math.min(h.startOffset(), text.length()));
    int end = Math.max(start, Math.min(h.endOffset(), text.length()));
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
