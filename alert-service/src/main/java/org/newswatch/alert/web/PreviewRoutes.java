package org.newswatch.alert.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.newswatch.alert.match.SubscriptionQuery;
import org.newswatch.alert.preview.RecentArticles;
import org.newswatch.alert.preview.SubscriptionPreview;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.web.ConcurrentCalls;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code POST /api/subscriptions/preview}: a subscription body, not saved, run over the last {@link
 * #WINDOW} of articles from index-service (at most {@link #MAX_ARTICLES}, newest first); answers
 * which would have fired. A bad query is a 400 before index-service is asked; an unreachable
 * index-service is a 503.
 */
public final class PreviewRoutes {
  static final Duration WINDOW = Duration.ofDays(7);

  /**
   * Enough for a week of a few hundred feeds' worth of matches to show; matching 2,000 takes well
   * under a second.
   */
  static final int MAX_ARTICLES = 2_000;

  private final RecentArticles recent;
  private final ConcurrentCalls perAnalyst;
  private final Clock clock;

  /**
   * The answer: the articles that fired, how many were examined, since when, and whether older ones
   * were left out.
   */
  record PreviewPage(
      List<SubscriptionPreview.Item> items, int examined, Instant from, boolean truncated) {}

  /** With the default limits. */
  public PreviewRoutes(RecentArticles recent, Clock clock) {
    this(recent, AnalystLimits.DEFAULTS, clock);
  }

  public PreviewRoutes(RecentArticles recent, AnalystLimits limits, Clock clock) {
    this.recent = recent;
    // A preview takes a second or two: that is when to try again.
    this.perAnalyst =
        new ConcurrentCalls(
            "subscription previews",
            AnalystLimits.PREVIEWS,
            limits.previews(),
            Duration.ofSeconds(2));
    this.clock = clock;
  }

  public void register(RoutesConfig r) {
    r.post("/api/subscriptions/preview", this::preview);
  }

  private void preview(Context ctx) throws InterruptedException {
    Principal p = ServiceHttp.principal(ctx);
    SubscriptionRoutes.SubscriptionRequest req =
        Requests.body(ctx, SubscriptionRoutes.SubscriptionRequest.class);
    if (req.query() == null || req.query().isBlank()) {
      throw ProblemException.badRequest("query is required");
    }
    // Parsed first: a bad query is the caller's to fix, whatever index-service's state.
    SubscriptionQuery.parse(req.query());
    Subscription s =
        new Subscription(
            Subscription.SCHEMA,
            "preview",
            p.id(),
            req.name(),
            req.query(),
            req.languages(),
            req.sources(),
            null,
            null,
            clock.instant());
    Instant from = clock.instant().minus(WINDOW);
    try (ConcurrentCalls.Permit permit = perAnalyst.acquire(p)) {
      RecentArticles.Batch batch;
      try {
        batch =
            recent.read(
                from, s.languages(), s.sources(), MAX_ARTICLES, ctx.header("Authorization"));
      } catch (RecentArticles.IndexUnavailable e) {
        throw new ProblemException(
            503, "Service Unavailable", "preview needs index-service: " + e.getMessage());
      }
      ctx.json(
          new PreviewPage(
              SubscriptionPreview.run(s, batch.articles()),
              batch.articles().size(),
              from,
              batch.truncated()));
    }
  }
}
