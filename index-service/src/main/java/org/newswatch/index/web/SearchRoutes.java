package org.newswatch.index.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import org.apache.lucene.search.Query;
import org.newswatch.common.model.Article;
import org.newswatch.common.web.ConcurrentCalls;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.ServiceHttp;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.search.ArticleExporter;
import org.newswatch.index.search.ArticleSearcher;
import org.newswatch.index.search.SearchRequest;
import org.newswatch.index.search.Timeline;

/** The index-service's API routes, each a small handler named in {@link #register}. */
public final class SearchRoutes {
  /**
   * Exports one analyst may run at once on one instance: each holds a request thread and an index
   * reader for as long as its client reads; a third is refused with 429 (the admin has no limit).
   */
  public static final int EXPORTS_PER_ANALYST = 2;

  private final ArticleSearcher searcher;
  private final ArticleExporter exporter;
  private final ArticleIndexer indexer;
  // Retry-After a minute: about how long an export of many thousand rows runs.
  private final ConcurrentCalls exports =
      new ConcurrentCalls(
          "exports", "EXPORTS_PER_ANALYST", EXPORTS_PER_ANALYST, Duration.ofMinutes(1));

  public SearchRoutes(ArticleSearcher searcher, ArticleIndexer indexer) {
    this.searcher = searcher;
    this.exporter = new ArticleExporter(searcher);
    this.indexer = indexer;
  }

  public void register(RoutesConfig r) {
    r.get("/api/search", this::search);
    r.get("/api/timeline", this::timeline);
    r.get("/api/export", this::export);
    r.get("/api/articles/{id}", this::article);
    r.get("/api/articles/{id}/similar", this::similar);
  }

  void search(Context ctx) {
    ctx.json(searcher.search(RequestParams.search(ctx)));
  }

  void timeline(Context ctx) {
    Timeline.Interval interval = Timeline.Interval.parse(ctx.queryParam("interval"));
    ctx.json(searcher.timeline(RequestParams.search(ctx, "interval"), interval));
  }

  /** Streams every match; the query is checked first, so a bad one is still a 400 problem. */
  void export(Context ctx) throws IOException {
    ArticleExporter.Format format = ArticleExporter.Format.parse(ctx.queryParam("format"));
    SearchRequest request = RequestParams.search(ctx, "format", "bom");
    boolean byteOrderMark = RequestParams.bool(ctx, "bom");
    if (byteOrderMark && format != ArticleExporter.Format.CSV) {
      throw new IllegalArgumentException("bom applies to format=csv only");
    }
    Query query = exporter.prepare(request);
    try (ConcurrentCalls.Permit permit = exports.acquire(ServiceHttp.principal(ctx))) {
      ctx.contentType(format.contentType);
      ctx.header(
          "Content-Disposition",
          "attachment; filename=\"newswatch-export." + format.extension + "\"");
      exporter.export(query, format, byteOrderMark, ctx.outputStream());
    }
  }

  void article(Context ctx) {
    String id = ctx.pathParam("id");
    Article article =
        indexer.find(id).orElseThrow(() -> ProblemException.notFound("no article with id " + id));
    ctx.json(article);
  }

  void similar(Context ctx) {
    String id = ctx.pathParam("id");
    int size = RequestParams.integer(ctx, "size", 10);
    ctx.json(
        searcher
            .similar(id, size)
            .orElseThrow(() -> ProblemException.notFound("no article with id " + id)));
  }
}
