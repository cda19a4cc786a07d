package org.newswatch.index.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import org.newswatch.common.model.Story;
import org.newswatch.common.stories.StoryShelf;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.QueryParameters;

/**
 * {@code GET /api/stories?limit=&cursor=&lang=}: recent stories, last seen newest first, each with
 * its members (language and outlet), languages, places, first and last seen; {@code GET
 * /api/stories/{id}}: one story, 404 when it is not held. Answered from the {@link StoryShelf} of
 * {@code news.stories} (the most recent stories; older ones stay on the topic).
 */
public final class StoryRoutes {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private final StoryShelf shelf;

  public StoryRoutes(StoryShelf shelf) {
    this.shelf = shelf;
  }

  public void register(RoutesConfig r) {
    r.get("/api/stories", this::list);
    r.get("/api/stories/{id}", this::story);
  }

  void list(Context ctx) {
    QueryParameters.only(ctx, List.of("limit", "cursor", "lang"));
    int limit = RequestParams.integer(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ProblemException.badRequest("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    String lang = RequestParams.blankToNull(ctx.queryParam("lang"));
    StoryShelf.Page page;
    try {
      page = shelf.page(RequestParams.blankToNull(ctx.queryParam("cursor")), limit, lang);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
    // Lists answer {items, cursor} (DESIGN.md); on the last page the cursor is null, left out like
    // every null.
    LinkedHashMap<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("cursor", page.cursor());
    ctx.json(body);
  }

  void story(Context ctx) {
    String id = ctx.pathParam("id");
    Story story =
        shelf.get(id).orElseThrow(() -> ProblemException.notFound("no story with id " + id));
    ctx.json(story);
  }
}
