package org.newswatch.alert.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.newswatch.alert.TopicWriter;
import org.newswatch.alert.deliver.DeliveryLog;
import org.newswatch.alert.deliver.EmailSender;
import org.newswatch.alert.deliver.SmtpSettings;
import org.newswatch.alert.feedback.FeedbackLedger;
import org.newswatch.alert.match.BuiltInTopics;
import org.newswatch.alert.match.SubscriptionQuery;
import org.newswatch.alert.match.TopicFile;
import org.newswatch.alert.match.WeightedQuery;
import org.newswatch.common.Hashes;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.QueryParameters;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code /api/subscriptions}: an analyst lists, creates, reads, changes and deletes their own
 * subscriptions; the admin all of them. Another analyst's subscription answers 404, as if it did
 * not exist. A query is parsed before it is saved, and a bad one answers 400 saying why.
 */
public final class SubscriptionRoutes {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final TopicTable<Subscription> table;
  private final TopicWriter<Subscription> writer;
  private final AddressGuard guard;
  private final boolean emailEnabled;
  private final DeliveryLog deliveries;
  private final AnalystLimits limits;
  private final FeedbackLedger ledger;
  private final Clock clock;

  /** The body of POST and PUT; owner, id and createdAt are the service's to set. */
  record SubscriptionRequest(
      String id,
      String name,
      String query,
      List<String> languages,
      List<String> sources,
      Subscription.Schedule schedule,
      List<Subscription.Channel> channels,
      Boolean alertEachMember) {}

  public SubscriptionRoutes(
      TopicTable<Subscription> table,
      TopicWriter<Subscription> writer,
      AddressGuard guard,
      boolean emailEnabled,
      DeliveryLog deliveries,
      AnalystLimits limits,
      FeedbackLedger ledger,
      Clock clock) {
    this.emailEnabled = emailEnabled;
    this.limits = limits;
    this.ledger = ledger;
    this.table = table;
    this.writer = writer;
    this.guard = guard;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  public void register(RoutesConfig r) {
    r.get("/api/subscriptions", this::list);
    r.post("/api/subscriptions", this::create);
    r.get("/api/subscriptions/{id}", this::get);
    r.put("/api/subscriptions/{id}", this::update);
    r.delete("/api/subscriptions/{id}", this::delete);
    r.post("/api/subscriptions/{id}/feed-token", this::rotateFeedToken);
    r.get("/api/topics", this::topics);
    r.get("/api/deliveries", this::deliveries);
  }

  /**
   * Recent webhook and e-mail deliveries of the caller's subscriptions (the admin: all), newest
   * first.
   */
  private void deliveries(Context ctx) {
    QueryParameters.only(ctx, List.of("subscription", "limit"));
    Principal p = ServiceHttp.principal(ctx);
    String subscription = ctx.queryParam("subscription");
    ctx.json(
        new ListPage<>(
            deliveries.list(
                d ->
                    p.mayAccess(d.owner())
                        && (subscription == null || subscription.equals(d.subscriptionId())),
                Requests.limit(ctx)),
            null));
  }

  private void list(Context ctx) {
    QueryParameters.only(ctx, List.of("cursor", "limit"));
    Principal p = ServiceHttp.principal(ctx);
    int limit = Requests.limit(ctx);
    String after = ctx.queryParam("cursor");
    List<Subscription> visible =
        table.snapshot().values().stream()
            .filter(s -> p.mayAccess(s.owner()))
            .filter(s -> after == null || s.id().compareTo(after) > 0)
            .sorted(Comparator.comparing(Subscription::id))
            .toList();
    List<Subscription> items = visible.stream().limit(limit).toList();
    ctx.json(
        new ListPage<>(
            items.stream().map(this::withPrecision).toList(),
            visible.size() > limit ? items.get(items.size() - 1).id() : null));
  }

  /**
   * The subscription as kept, with its {@code precision} from its analyst's feedback (issue 16):
   * counted over the alerts this instance holds, so it is an answer's field and never written to
   * the topic.
   */
  private ObjectNode withPrecision(Subscription s) {
    ObjectNode node = Json.MAPPER.valueToTree(s);
    node.set("precision", Json.MAPPER.valueToTree(ledger.precision(s.id())));
    return node;
  }

  private void create(Context ctx) {
    Principal p = ServiceHttp.principal(ctx);
    SubscriptionRequest req = Requests.body(ctx, SubscriptionRequest.class);
    String id;
    if (req.id() != null) {
      // Chosen ids are the admin's (built-in style topics); analysts get generated ones, so that
      // an id never tells them that another analyst's subscription exists.
      if (!p.admin()) {
        throw ProblemException.badRequest("id is chosen by the service; leave it out");
      }
      if (!ID.matcher(req.id()).matches()) {
        throw ProblemException.badRequest(
            "id must be 1-100 of a-z, 0-9, '.', '_', '-', was '" + req.id() + "'");
      }
      if (table.get(req.id()).isPresent()) {
        throw new ProblemException(
            409, "Conflict", "subscription " + req.id() + " exists; PUT changes it");
      }
      id = req.id();
    } else {
      id =
          "s-"
              + Hashes.id(
                      p.id(), String.valueOf(clock.instant()), String.valueOf(System.nanoTime()))
                  .substring(0, 12);
    }
    Subscription s = build(id, p.id(), req, clock.instant(), FeedTokens.newToken());
    checkLimits(p, s);
    checkChannels(s);
    if (!p.admin()) {
      // Counted from this instance's table: two instances taking creates at the same moment can
      // let an analyst go one or two over; the limit is against abuse, not an exact quota.
      long held = table.snapshot().values().stream().filter(x -> x.owner().equals(p.id())).count();
      if (held >= limits.subscriptions()) {
        throw new ProblemException(
            409,
            "Conflict",
            "an analyst may hold at most "
                + limits.subscriptions()
                + " subscriptions ("
                + AnalystLimits.SUBSCRIPTIONS
                + "); delete one first");
      }
    }
    writer.write(id, s);
    ctx.status(201).header("Location", "/api/subscriptions/" + id).json(s);
  }

  private void get(Context ctx) {
    ctx.json(withPrecision(visible(ctx)));
  }

  private void update(Context ctx) {
    Subscription old = visible(ctx);
    SubscriptionRequest req = Requests.body(ctx, SubscriptionRequest.class);
    if (req.id() != null && !req.id().equals(old.id())) {
      throw ProblemException.badRequest(
          "id in the body (" + req.id() + ") differs from the path (" + old.id() + ")");
    }
    Subscription s = build(old.id(), old.owner(), req, old.createdAt(), old.feedToken());
    checkLimits(ServiceHttp.principal(ctx), s);
    checkChannels(s);
    writer.write(old.id(), s);
    ctx.json(s);
  }

  /**
   * {@code POST /api/subscriptions/{id}/feed-token}: a new feed token; the old one stops working
   * (on every instance once it has read the change, within about a second).
   */
  private void rotateFeedToken(Context ctx) {
    Subscription old = visible(ctx);
    Subscription s = old.withFeedToken(FeedTokens.newToken());
    writer.write(s.id(), s);
    ctx.json(Map.of("id", s.id(), "feedToken", s.feedToken(), "feedUrl", FeedTokens.feedPath(s)));
  }

  /** The count limits on one subscription; the admin has none. */
  private void checkLimits(Principal p, Subscription s) {
    if (p.admin()) {
      return;
    }
    if (s.channels().size() > limits.channels()) {
      throw ProblemException.badRequest(
          "a subscription may have at most "
              + limits.channels()
              + " channels ("
              + AnalystLimits.CHANNELS
              + "), this one has "
              + s.channels().size());
    }
    if (WeightedQuery.isWeighted(s.query())
        && WeightedQuery.lineCount(s.query()) > limits.weightedLines()) {
      throw ProblemException.badRequest(
          "a weighted query may have at most "
              + limits.weightedLines()
              + " lines ("
              + AnalystLimits.WEIGHTED_LINES
              + "), this one has "
              + WeightedQuery.lineCount(s.query()));
    }
  }

  private void delete(Context ctx) {
    Subscription old = visible(ctx);
    writer.write(old.id(), null);
    ctx.status(204);
  }

  /** The built-in topic definitions, for analysts to copy. */
  private void topics(Context ctx) {
    ServiceHttp.principal(ctx);
    List<Map<String, Object>> items =
        BuiltInTopics.files().stream()
            .map(
                (TopicFile f) ->
                    Map.<String, Object>of(
                        "id",
                        f.id(),
                        "name",
                        f.name(),
                        "languages",
                        f.languages(),
                        "query",
                        f.query()))
            .toList();
    ctx.json(new ListPage<>(items, null));
  }

  /**
   * A webhook must be a URL the service may call (not an internal address): refused at once, not at
   * the first alert.
   */
  private void checkChannels(Subscription s) {
    for (Subscription.Channel c : s.channels()) {
      if (c.type().equals("webhook")) {
        try {
          guard.check(java.net.URI.create(c.url()));
        } catch (IllegalArgumentException e) {
          throw ProblemException.badRequest("channel: " + e.getMessage());
        } catch (java.net.UnknownHostException e) {
          throw ProblemException.badRequest(
              "channel: webhook host does not resolve: " + e.getMessage());
        } catch (AddressGuard.RefusedException e) {
          throw ProblemException.badRequest("channel: webhook " + e.getMessage());
        }
      }
      if (c.type().equals("email")) {
        if (!emailEnabled) {
          throw ProblemException.badRequest(
              "channel: e-mail delivery is not configured on this service ("
                  + SmtpSettings.HOST
                  + " is not set)");
        }
        try {
          EmailSender.checkAddress(c.to());
        } catch (IllegalArgumentException e) {
          throw ProblemException.badRequest("channel: " + e.getMessage());
        }
      }
    }
  }

  private Subscription visible(Context ctx) {
    Principal p = ServiceHttp.principal(ctx);
    String id = ctx.pathParam("id");
    return table
        .get(id)
        .filter(s -> p.mayAccess(s.owner()))
        .orElseThrow(() -> ProblemException.notFound("no subscription " + id));
  }

  private static Subscription build(
      String id,
      String owner,
      SubscriptionRequest req,
      java.time.Instant createdAt,
      String feedToken) {
    if (req.query() == null || req.query().isBlank()) {
      throw ProblemException.badRequest("query is required");
    }
    SubscriptionQuery.parse(req.query());
    if (req.name() != null && req.name().length() > 200) {
      throw ProblemException.badRequest("name is at most 200 characters");
    }
    return new Subscription(
        Subscription.SCHEMA,
        id,
        owner,
        req.name(),
        req.query(),
        req.languages(),
        req.sources(),
        req.schedule(),
        req.channels(),
        createdAt,
        feedToken,
        Boolean.TRUE.equals(req.alertEachMember()));
  }
}
