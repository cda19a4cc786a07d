package org.newswatch.ingest.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newswatch.common.config.Env;
import org.newswatch.common.model.Feed;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.RequestBodies;
import org.newswatch.common.web.ServiceHttp;
import org.newswatch.ingest.feed.FeedRegistry;
import org.newswatch.ingest.feed.FeedScheduler;
import org.newswatch.ingest.feed.FeedStatus;
import org.newswatch.ingest.feed.FeedStatusBoard;

/**
 * {@code /api/feeds}: list, add, show and remove feeds, each with its polling status. Any valid key
 * may read; only the admin may change feeds.
 */
public final class FeedsApi {
  /** A feed as posted: the interval written like the feeds file's ({@code 30s}, {@code 5m}). */
  record FeedRequest(String id, String url, String source, String language, String interval) {}

  private final FeedRegistry registry;
  private final FeedScheduler scheduler;
  private final FeedStatusBoard board;
  private final AddressGuard guard;

  public FeedsApi(
      FeedRegistry registry, FeedScheduler scheduler, FeedStatusBoard board, boolean allowPrivate) {
    this.registry = registry;
    this.scheduler = scheduler;
    this.board = board;
    this.guard = new AddressGuard(allowPrivate);
  }

  public void routes(RoutesConfig r) {
    r.get("/", this::page);
    r.get("/api/feeds", this::list);
    r.post("/api/feeds", this::add);
    r.get("/api/feeds/{id}", this::show);
    r.delete("/api/feeds/{id}", this::remove);
    r.post("/api/feeds/{id}/poll", this::pollNow);
  }

  /** The feeds page: static, it asks for a key and reads {@code /api/feeds} itself. */
  private void page(Context ctx) throws java.io.IOException {
    try (java.io.InputStream in =
        FeedsApi.class.getResourceAsStream("/org/newswatch/ingest/feeds.html")) {
      if (in == null) {
        throw ProblemException.notFound("the feeds page is missing from the build");
      }
      ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
    }
  }

  private void list(Context ctx) {
    ServiceHttp.principal(ctx);
    List<Map<String, Object>> items =
        registry.all().values().stream()
            .sorted(Comparator.comparing(Feed::id))
            .map(this::view)
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("cursor", null);
    ctx.json(body);
  }

  private void show(Context ctx) {
    ServiceHttp.principal(ctx);
    Feed feed =
        registry
            .get(ctx.pathParam("id"))
            .orElseThrow(() -> ProblemException.notFound("no feed " + ctx.pathParam("id")));
    ctx.json(view(feed));
  }

  private void add(Context ctx) {
    ServiceHttp.requireAdmin(ctx);
    FeedRequest req = RequestBodies.read(ctx.body(), FeedRequest.class);
    if (req == null) {
      throw ProblemException.badRequest(
          "the body must be a JSON object {id, url, source, language, interval}");
    }
    Duration interval = req.interval() == null ? null : parseInterval(req.interval());
    Feed feed = new Feed(req.id(), req.url(), req.source(), req.language(), interval);
    refuseInternal(URI.create(feed.url()));
    boolean existed = registry.get(feed.id()).isPresent();
    registry.put(feed);
    ctx.status(existed ? 200 : 201).header("Location", "/api/feeds/" + feed.id()).json(view(feed));
  }

  private void remove(Context ctx) {
    ServiceHttp.requireAdmin(ctx);
    String id = ctx.pathParam("id");
    if (registry.get(id).isEmpty()) {
      throw ProblemException.notFound("no feed " + id);
    }
    registry.remove(id);
    ctx.status(204);
  }

  private void pollNow(Context ctx) {
    ServiceHttp.requireAdmin(ctx);
    String id = ctx.pathParam("id");
    if (registry.get(id).isEmpty()) {
      throw ProblemException.notFound("no feed " + id);
    }
    if (!scheduler.pollNow(id)) {
      throw new ProblemException(
          409, "Conflict", "feed " + id + " is polled by another ingest instance");
    }
    ctx.status(202).json(Map.of("id", id, "status", "poll scheduled"));
  }

  private static Duration parseInterval(String text) {
    try {
      return Env.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("interval: " + e.getMessage());
    }
  }

  /**
   * Refuses a feed on an internal address at once, so the operator sees it in the answer and not
   * only in the feed's status. A name that does not resolve (yet) is accepted: the poller checks
   * again before every request.
   */
  private void refuseInternal(URI uri) {
    if (guard.allowsPrivate()) {
      return;
    }
    try {
      guard.check(uri);
    } catch (AddressGuard.RefusedException e) {
      throw ProblemException.badRequest("feed refused: " + e.getMessage());
    } catch (UnknownHostException e) {
      // Accepted; shown in the feed's status if it stays unresolvable.
    }
  }

  private Map<String, Object> view(Feed feed) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", feed.id());
    v.put("url", feed.url());
    v.put("source", feed.source());
    v.put("language", feed.language());
    v.put("interval", Env.formatDuration(feed.interval()));
    FeedStatus status = board.get(feed.id()).orElse(null);
    v.put("polledHere", status != null);
    v.put("status", status);
    return v;
  }
}
