package org.newswatch.index.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.newswatch.common.model.Article;
import org.newswatch.common.web.ProblemException;
import org.newswatch.index.index.ArticleIndexer;
import org.newswatch.index.search.ArticleSearcher;

/** The index-service's API routes, each a small handler named in {@link #register}. */
public final class SearchRoutes {
  private final ArticleSearcher searcher;
  private final ArticleIndexer indexer;

  public SearchRoutes(ArticleSearcher searcher, ArticleIndexer indexer) {
    this.searcher = searcher;
    this.indexer = indexer;
  }

  public void register(RoutesConfig r) {
    r.get("/api/search", this::search);
    r.get("/api/articles/{id}", this::article);
  }

  void search(Context ctx) {
    ctx.json(searcher.search(RequestParams.search(ctx)));
  }

  void article(Context ctx) {
    String id = ctx.pathParam("id");
    Article article = indexer.find(id).orElseThrow(() -> ProblemException.notFound("no article with id " + id));
    ctx.json(article);
  }
}
