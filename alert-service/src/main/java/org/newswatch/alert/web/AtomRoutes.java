package org.newswatch.alert.web;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code GET /api/subscriptions/{id}/alerts.atom}: a subscription's latest alerts as an Atom 1.0
 * feed (RFC 4287), for feed readers. Readers cannot send headers, so the key may come as a {@code
 * token} query parameter (the scaffold accepts it on {@code .atom} paths only).
 */
public final class AtomRoutes {
  /** Feed readers poll; the latest 50 alerts cover any sensible polling interval. */
  static final int ENTRIES = 50;

  private final AlertStore store;
  private final TopicTable<Subscription> subscriptions;

  public AtomRoutes(AlertStore store, TopicTable<Subscription> subscriptions) {
    this.store = store;
    this.subscriptions = subscriptions;
  }

  public void register(RoutesConfig r) {
    r.get("/api/subscriptions/{id}/alerts.atom", this::feed);
  }

  private void feed(Context ctx) throws FeedException {
    Principal p = ServiceHttp.principal(ctx);
    String id = ctx.pathParam("id");
    Subscription s = subscriptions.get(id).filter(x -> p.mayAccess(x.owner())).orElseThrow(() -> ProblemException.notFound("no subscription " + id));
    List<Alert> alerts = store.page(a -> a.subscriptionId().equals(id), null, null, ENTRIES).items();

    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType("atom_1.0");
    // RFC 4287 §4.2.6: a permanent, universally unique id; URNs of our own ids are that.
    feed.setUri("urn:newswatch:subscription:" + s.id());
    feed.setTitle("Newswatch alerts: " + s.name());
    feed.setDescription("Articles matching " + s.query().substring(0, Math.min(200, s.query().length())));
    feed.setLink(ctx.fullUrl().replaceAll("[?&]token=[^&]*", ""));
    // §4.2.15: the feed's updated time is its newest entry's, or the subscription's creation.
    Instant updated = alerts.isEmpty() ? s.createdAt() : alerts.get(0).createdAt();
    feed.setPublishedDate(updated == null ? null : Date.from(updated));
    List<SyndEntry> entries = new ArrayList<>();
    for (Alert a : alerts) {
      entries.add(entry(a));
    }
    feed.setEntries(entries);
    ctx.contentType("application/atom+xml; charset=utf-8").result(new SyndFeedOutput().outputString(feed));
  }

  private static SyndEntry entry(Alert a) {
    SyndEntry e = new SyndEntryImpl();
    e.setUri("urn:newswatch:alert:" + a.id());
    e.setTitle(a.title() == null || a.title().isBlank() ? a.url() : a.title());
    SyndLink link = new SyndLinkImpl();
    link.setHref(a.url());
    link.setRel("alternate");
    e.setLinks(List.of(link));
    e.setLink(a.url());
    if (a.createdAt() != null) {
      e.setUpdatedDate(Date.from(a.createdAt()));
    }
    if (a.publishedAt() != null) {
      e.setPublishedDate(Date.from(a.publishedAt()));
    }
    SyndContent summary = new SyndContentImpl();
    summary.setType("text");
    summary.setValue(a.snippet() + (a.matched().isEmpty() ? "" : "\nMatched: " + String.join(", ", a.matched()))
        + (a.explanation() == null || a.explanation().summary().isEmpty() ? "" : "\nWhy: " + a.explanation().summary()) + (a.source().isBlank() ? "" : "\nSource: " + a.source()));
    e.setDescription(summary);
    return e;
  }
}
