package org.newswatch.index.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.newswatch.index.indexing.ArticleAnalyzer;
import org.newswatch.index.indexing.ArticleFields;

/**
 * Answers searches from the index's current near-real-time view: query, filters, sort, cursor,
 * highlighted snippets and facet counts. Every search has a time limit; one that runs out answers
 * what it found so far and says so ({@link SearchResult#partial()}).
 */
public final class ArticleSearcher {
  /** Facets counted on every search: the filters a researcher narrows by. */
  static final List<String> FACETS =
      List.of(ArticleFields.SOURCE, ArticleFields.LANGUAGE, ArticleFields.PLACE);

  private static final int FACET_VALUES = 20;

  /** Places: every one the gazetteer has (a few dozen), so the map shows them all. */
  private static final int PLACE_FACET_VALUES = 100;

  /** How many of each facet's most frequent values a search returns, in {@link #FACETS}' order. */
  private static final Map<String, Integer> FACET_TOP = facetTop();

  private static final long DAY_MILLIS = 86_400_000L;

  private final ReferenceManager<IndexSearcher> searchers;
  private final Analyzer analyzer;

  /** Scores as if the text fields held words only (see {@link WordOnlyStatistics}). */
  private final WordOnlyStatistics statistics;

  private final Duration timeLimit;
  private final NewsRelevance relevance;

  /** Runs a search's segment slices in parallel; null = on the calling thread. */
  private final Executor executor;

  /** Per-segment facet values, kept across searches and refreshes (see {@link FacetOrdinals}). */
  private final FacetOrdinals facetOrdinals = new FacetOrdinals();

  public ArticleSearcher(
      ReferenceManager<IndexSearcher> searchers, Analyzer analyzer, Duration timeLimit) {
    this(searchers, analyzer, timeLimit, (Executor) null);
  }

  /**
   * As above, each search's slices of segments run on {@code executor} (concurrent segment search).
   */
  public ArticleSearcher(
      ReferenceManager<IndexSearcher> searchers,
      Analyzer analyzer,
      Duration timeLimit,
      Executor executor) {
    this(searchers, analyzer, timeLimit, executor, new NewsRelevance(java.time.Clock.systemUTC()));
  }

  public ArticleSearcher(
      ReferenceManager<IndexSearcher> searchers,
      Analyzer analyzer,
      Duration timeLimit,
      NewsRelevance relevance) {
    this(searchers, analyzer, timeLimit, null, relevance);
  }

  public ArticleSearcher(
      ReferenceManager<IndexSearcher> searchers,
      Analyzer analyzer,
      Duration timeLimit,
      Executor executor,
      NewsRelevance relevance) {
    this.searchers = searchers;
    this.analyzer = analyzer;
    this.statistics = new WordOnlyStatistics(analyzer);
    this.timeLimit = timeLimit;
    this.executor = executor;
    this.relevance = relevance;
  }

  public SearchResult search(SearchRequest request) {
    Query query = query(request);
    // Relevance scores are ranked for news (NewsRelevance); newest-first needs no score.
    RankFactors factors = relevance.factors();
    Query ranked =
        request.sort() == SortOrder.RELEVANCE ? NewsRelevance.rank(query, factors) : query;
    FieldDoc after =
        request.cursor() == null ? null : SearchCursor.decode(request.sort(), request.cursor());
    return withSearcher(
        searcher -> {
          SearchResult page = page(searcher, ranked, request.sort(), request.size(), after);
          return request.explain()
              ? relevance.explain(searcher, query, factors, request.sort(), page)
              : page;
        });
  }

  private SearchResult page(
      IndexSearcher searcher, Query query, SortOrder order, int size, FieldDoc after)
      throws IOException {
    // The exact total that researchers quote and the facets need every match. Newest first takes
    // two passes, each as cheap as Lucene can make it: one sees every match and computes no score;
    // the hits pass, on an index sorted newest first, stops each segment after its newest hits.
    // Relevance takes one pass that does both: the ranked score (text score times recency and desk,
    // a FunctionScoreQuery) has no upper bound to skip by, so its hits pass visits every match
    // anyway, and a second pass only walked the postings twice (profiled at 1M articles).
    FacetCounter counter = new FacetCounter(facetOrdinals, FACET_TOP);
    TopFieldCollectorManager top = new TopFieldCollectorManager(order.sort(), size, after, size);
    FacetCounter.Result counted;
    TopFieldDocs docs;
    if (order == SortOrder.NEWEST) {
      counted = searcher.search(query, counter);
      docs = searcher.search(query, top);
    } else {
      Object[] both = searcher.search(query, new MultiCollectorManager(counter, top));
      counted = (FacetCounter.Result) both[0];
      docs = (TopFieldDocs) both[1];
    }
    // Each hit's stored fields read once: the hit's fields and the body its snippet is cut from.
    StoredFields stored = searcher.storedFields();
    Map<Integer, Document> documents = new HashMap<>();
    for (ScoreDoc hit : docs.scoreDocs) {
      documents.put(hit.doc, stored.document(hit.doc));
    }
    String[] snippets = snippets(searcher, query, docs, documents);
    List<SearchResult.Hit> hits = new ArrayList<>(docs.scoreDocs.length);
    for (int i = 0; i < docs.scoreDocs.length; i++) {
      Document d = documents.get(docs.scoreDocs[i].doc);
      hits.add(
          new SearchResult.Hit(
              d.get(ArticleFields.ID),
              d.get(ArticleFields.URL),
              d.get(ArticleFields.TITLE),
              d.get(ArticleFields.SOURCE),
              d.get(ArticleFields.LANGUAGE),
              Instant.ofEpochMilli(d.getField(ArticleFields.PUBLISHED).numericValue().longValue()),
              snippets[i]));
    }
    String cursor = null;
    if (docs.scoreDocs.length == size) {
      cursor = SearchCursor.encode(order, (FieldDoc) docs.scoreDocs[docs.scoreDocs.length - 1]);
    }
    return new SearchResult(counted.total(), hits, counted.facets(), cursor, searcher.timedOut());
  }

  /**
   * Matches of the request per interval of publication time (the request's sort, size and cursor do
   * not apply).
   */
  public Timeline timeline(SearchRequest request, Timeline.Interval interval) {
    Query query = query(request);
    return withSearcher(
        searcher -> {
          TreeMap<LocalDate, Long> counts = new TreeMap<>();
          long total = 0;
          for (var day : searcher.search(query, new DayCounter()).entrySet()) {
            counts.merge(interval.bucketOf(day.getKey() * DAY_MILLIS), day.getValue(), Long::sum);
            total += day.getValue();
          }
          List<Timeline.Bucket> buckets = new ArrayList<>();
          if (!counts.isEmpty()) {
            LocalDate first = counts.firstKey();
            LocalDate last = counts.lastKey();
            if (interval.between(first, last) > Timeline.MAX_BUCKETS) {
              throw new IllegalArgumentException(
                  "the matches span more than "
                      + Timeline.MAX_BUCKETS
                      + " "
                      + interval.label()
                      + "s; use a coarser interval or narrow from/to");
            }
            for (LocalDate b = first; !b.isAfter(last); b = interval.next(b)) {
              buckets.add(
                  new Timeline.Bucket(
                      b.atStartOfDay(ZoneOffset.UTC).toInstant(), counts.getOrDefault(b, 0L)));
            }
          }
          return new Timeline(interval.label(), total, buckets);
        });
  }

  /**
   * Articles like the one with {@code id}: its most distinctive title and body terms as a query
   * (Lucene's MoreLikeThis), the article itself left out.
   */
  public Optional<SearchResult> similar(String id, int size) {
    if (size < 1 || size > SearchRequest.MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be 1-" + SearchRequest.MAX_SIZE + ", was " + size);
    }
    return withSearcher(
        searcher -> {
          Term idTerm = new Term(ArticleFields.ID, ArticleFields.term(id));
          var found = searcher.search(new TermQuery(idTerm), 1);
          if (found.scoreDocs.length == 0) {
            return Optional.<SearchResult>empty();
          }
          MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
          // Words, not common-word pairs: a pair says little about what an article is about.
          mlt.setAnalyzer(ArticleAnalyzer.wordsOf(analyzer));
          mlt.setFieldNames(ArticleFields.TEXT_FIELDS.keySet().toArray(String[]::new));
          // Small indexes (a new deployment) have few repeats; these keep it useful there too.
          mlt.setMinTermFreq(1);
          mlt.setMinDocFreq(1);
          mlt.setMaxQueryTerms(25);
          Query like = mlt.like(found.scoreDocs[0].doc);
          Query query =
              new BooleanQuery.Builder()
                  .add(like, BooleanClause.Occur.MUST)
                  .add(new TermQuery(idTerm), BooleanClause.Occur.MUST_NOT)
                  .build();
          return Optional.of(page(searcher, query, SortOrder.RELEVANCE, size, null));
        });
  }

  /** The request's query with its filters, as Lucene runs it. */
  public Query query(SearchRequest request) {
    Query text = relevance.syntax(analyzer).parse(request.q());
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    // Filters do not score: a source filter must not change which of two articles ranks first.
    if (!request.sources().isEmpty()) {
      b.add(anyOf(ArticleFields.SOURCE, request.sources()), BooleanClause.Occur.FILTER);
    }
    if (!request.languages().isEmpty()) {
      b.add(anyOf(ArticleFields.LANGUAGE, request.languages()), BooleanClause.Occur.FILTER);
    }
    if (!request.places().isEmpty()) {
      b.add(PlaceQueries.anyOf(request.places()), BooleanClause.Occur.FILTER);
    }
    if (request.from() != null || request.to() != null) {
      long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
      long to =
          request.to() == null
              ? Long.MAX_VALUE
              : request.to().toEpochMilli() - 1; // 'to' is exclusive
      b.add(LongPoint.newRangeQuery(ArticleFields.PUBLISHED, from, to), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private static Query anyOf(String field, List<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }

  private String[] snippets(
      IndexSearcher searcher, Query query, TopFieldDocs docs, Map<Integer, Document> documents)
      throws IOException {
    UnifiedHighlighter.Builder builder =
        UnifiedHighlighter.builder(searcher, analyzer)
            // Escaped: article text is untrusted and the page renders snippets as HTML.
            .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
            // No match in the body (a title-only match or no query): the body's first sentence
            // instead.
            .withMaxNoHighlightPassages(1);
    UnifiedHighlighter highlighter =
        new UnifiedHighlighter(builder) {
          {
            // The view's field list, merged once per view rather than once per search.
            fieldInfos = fieldInfosOf(searcher.getIndexReader());
          }

          /**
           * The bodies of the hits as read for the page (the highlighter would read each hit's
           * stored fields a second time), cut at the highlighter's maximum length as it cuts them.
           */
          @Override
          protected List<CharSequence[]> loadFieldValues(
              String[] fields, DocIdSetIterator docIds, int cacheCharsThreshold)
              throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docIds.nextDoc();
                doc != DocIdSetIterator.NO_MORE_DOCS;
                doc = docIds.nextDoc()) {
              CharSequence[] byField = new CharSequence[fields.length];
              for (int f = 0; f < fields.length; f++) {
                String value = documents.get(doc).get(fields[f]);
                byField[f] =
                    value == null
                        ? null
                        : value.substring(0, Math.min(getMaxLength(), value.length()));
              }
              values.add(byField);
            }
            return values;
          }
        };
    String[] snippets = highlighter.highlight(ArticleFields.BODY, query, docs, 2);
    for (int i = 0; i < snippets.length; i++) {
      snippets[i] = snippets[i] == null ? "" : shorten(snippets[i]);
    }
    return snippets;
  }

  /** The last view's merged field list (the highlighter asks which fields keep offsets). */
  private volatile ViewFields viewFields;

  private record ViewFields(IndexReader reader, FieldInfos fields) {}

  private FieldInfos fieldInfosOf(IndexReader reader) {
    ViewFields known = viewFields;
    if (known == null || known.reader() != reader) {
      known = new ViewFields(reader, FieldInfos.getMergedFieldInfos(reader));
      viewFields = known;
    }
    return known.fields();
  }

  /**
   * Caps a no-match passage (a whole first sentence can be long); highlighted passages are short
   * already.
   */
  private static String shorten(String s) {
    return s.length() <= 400 || s.contains("<mark>") ? s : s.substring(0, 400) + " …";
  }

  /**
   * Runs {@code work} on the current view with this searcher's time limit. The view is a fresh
   * {@link IndexSearcher} over the shared reader, since the time limit is per searcher (cheap: the
   * per-segment state worth keeping lives in {@link FacetOrdinals}, keyed by segment).
   */
  <T> T withSearcher(SearchWork<T> work) {
    try {
      IndexSearcher shared = searchers.acquire();
      try {
        IndexSearcher searcher = statistics.searcher(shared.getIndexReader(), executor);
        searcher.setTimeout(new QueryTimeoutImpl(timeLimit.toMillis()));
        return work.run(searcher);
      } finally {
        searchers.release(shared);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new BadQueryException("query expands to too many terms; make wildcard terms longer");
    }
  }

  FacetOrdinals facetOrdinals() {
    return facetOrdinals;
  }

  ReferenceManager<IndexSearcher> searchers() {
    return searchers;
  }

  Analyzer analyzer() {
    return analyzer;
  }

  /** Work on one searcher; may throw {@link IOException}. */
  @FunctionalInterface
  interface SearchWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  private static Map<String, Integer> facetTop() {
    Map<String, Integer> top = new LinkedHashMap<>();
    for (String field : FACETS) {
      top.put(field, ArticleFields.PLACE.equals(field) ? PLACE_FACET_VALUES : FACET_VALUES);
    }
    return top;
  }
}
