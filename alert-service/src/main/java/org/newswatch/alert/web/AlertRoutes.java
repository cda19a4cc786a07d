package org.newswatch.alert.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.ServiceHttp;

/** {@code GET /api/alerts?subscription=&since=&limit=&cursor=}: alerts newest first, the caller's own only. */
public final class AlertRoutes {
  private final AlertStore store;
  private final TopicTable<Subscription> subscriptions;

  public AlertRoutes(AlertStore store, TopicTable<Subscription> subscriptions) {
    this.store = store;
    this.subscriptions = subscriptions;
  }

  public void register(RoutesConfig r) {
    r.get("/api/alerts", this::list);
  }

  private void list(Context ctx) {
    Principal p = ServiceHttp.principal(ctx);
    AlertStore.Query query = visibleTo(p, ctx.queryParam("subscription"), Requests.instant(ctx, "since"));
    AlertStore.Page page = store.page(query, ctx.queryParam("cursor"), Requests.limit(ctx));
    ctx.json(new ListPage<>(page.items(), page.cursor()));
  }

  /**
   * What {@code p} may see, narrowed to one subscription if asked, as a query the store answers
   * from its per-subscription or per-owner index. Another analyst's subscription answers 404, like
   * one that does not exist; a deleted subscription of one's own still lists the alerts it raised.
   */
  AlertStore.Query visibleTo(Principal p, String subscriptionId, Instant since) {
    String owner = p.admin() ? null : p.id();
    if (subscriptionId == null || subscriptionId.isBlank()) {
      return new AlertStore.Query(null, owner, since);
    }
    Optional<Subscription> s = subscriptions.get(subscriptionId);
    if (s.isPresent() && !p.mayAccess(s.get().owner())) {
      throw ProblemException.notFound("no subscription " + subscriptionId);
    }
    return new AlertStore.Query(subscriptionId, owner, since);
  }
}
