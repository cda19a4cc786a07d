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
import java.util.Optional;
import java.util.function.Predicate;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.web.KeyChecker;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code GET /api/subscriptions/{id}/alerts.atom}: a subscription's latest alerts as an Atom 1.0
 * feed (RFC 4287), for feed readers. Readers cannot send headers, so they read it with the
 * subscription's feed token as a {@code token} query parameter ({@link FeedTokens}); an API key
 * there is refused, since URLs end up in logs and shared links. With {@code Authorization: Bearer}
 * the feed is read like any other route.
 */
public final class AtomRoutes {
  /** Feed readers poll; the latest 50 alerts cover any sensible polling interval. */
  static final int ENTRIES = 50;

  private final AlertStore store;
  private final TopicTable<Subscription> subscriptions;
  private final KeyChecker keys;
  private final Predicate<String> pausedOwner;

  /**
   * @param keys to recognise an API key put where a feed token belongs
   * @param pausedOwner true for an owner whose key was revoked: their feeds are closed too
   */
  public AtomRoutes(
      AlertStore store,
      TopicTable<Subscription> subscriptions,
      KeyChecker keys,
      Predicate<String> pausedOwner) {
    this.store = store;
    this.subscriptions = subscriptions;
    this.keys = keys;
    this.pausedOwner = pausedOwner;
  }

  /** For the scaffold: requests the feed route authenticates itself (a feed token, no header). */
  public static boolean readWithFeedToken(Context ctx) {
    return ctx.path().endsWith(".atom") && ctx.header("Authorization") == null;
  }

  public void register(RoutesConfig r) {
    r.get("/api/subscriptions/{id}/alerts.atom", this::feed);
  }

  private void feed(Context ctx) throws FeedException {
    String id = ctx.pathParam("id");
    // A revoked analyst's feed tokens stop with their key; the admin can still read those feeds.
    Optional<Subscription> found =
        readWithFeedToken(ctx)
            ? byFeedToken(ctx, id).filter(x -> !pausedOwner.test(x.owner()))
            : byKey(ctx, id);
    Subscription s =
        found.orElseThrow(
            () ->
                ProblemException.notFound(
                    "no subscription " + id + " that this key or feed token opens"));
    List<Alert> alerts = store.page(new AlertStore.Query(id, null, null), null, ENTRIES).items();

    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType("atom_1.0");
    // RFC 4287 §4.2.6: a permanent, universally unique id; URNs of our own ids are that.
    feed.setUri("urn:newswatch:subscription:" + s.id());
    feed.setTitle("Newswatch alerts: " + s.name());
    feed.setDescription(
        "Articles matching " + s.query().substring(0, Math.min(200, s.query().length())));
    // Without the query, whatever it holds or however its names are spelt (%74oken is token): the
    // feed's XML is what readers show and share, and must never carry a credential.
    feed.setLink(ctx.url());
    // §4.2.15: the feed's updated time is its newest entry's, or the subscription's creation.
    Instant updated = alerts.isEmpty() ? s.createdAt() : alerts.get(0).createdAt();
    feed.setPublishedDate(updated == null ? null : Date.from(updated));
    List<SyndEntry> entries = new ArrayList<>();
    for (Alert a : alerts) {
      entries.add(entry(a));
    }
    feed.setEntries(entries);
    ctx.contentType("application/atom+xml; charset=utf-8")
        .result(new SyndFeedOutput().outputString(feed));
  }

  private Optional<Subscription> byKey(Context ctx, String id) {
    Principal p = ServiceHttp.principal(ctx);
    return subscriptions.get(id).filter(x -> p.mayAccess(x.owner()));
  }

  /**
   * Names are decoded before they are compared, so {@code ?%74oken=} is read (and checked) as
   * {@code token}.
   */
  private Optional<Subscription> byFeedToken(Context ctx, String id) {
    List<String> tokens = ctx.queryParams("token");
    for (String t : tokens) {
      if (t.startsWith("nwk_") || t.startsWith("nwa_") || keys.check(t).isPresent()) {
        throw new ProblemException(
            401,
            "Unauthorized",
            "API keys are not accepted in URLs (they end up in logs and shared links): read the feed with the subscription's feed token, feedToken in GET /api/subscriptions/"
                + id
                + " (POST /api/subscriptions/"
                + id
                + "/feed-token issues a new one); a key that was put in a URL should be replaced");
      }
    }
    if (tokens.isEmpty()) {
      throw new ProblemException(
          401,
          "Unauthorized",
          "this feed needs its feed token (?token=, see feedToken in GET /api/subscriptions/"
              + id
              + ") or Authorization: Bearer <key>");
    }
    if (tokens.size() > 1) {
      throw ProblemException.badRequest("give the feed token once");
    }
    return subscriptions.get(id).filter(x -> FeedTokens.opens(x, tokens.get(0)));
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
    summary.setValue(
        a.snippet()
            + (a.matched().isEmpty() ? "" : "\nMatched: " + String.join(", ", a.matched()))
            + (a.explanation() == null || a.explanation().summary().isEmpty()
                ? ""
                : "\nWhy: " + a.explanation().summary())
            + (a.source().isBlank() ? "" : "\nSource: " + a.source()));
    e.setDescription(summary);
    return e;
  }
}
