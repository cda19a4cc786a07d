package org.newswatch.alert.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.newswatch.alert.TopicWriter;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.alert.feedback.FeedbackLedger;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Feedback;
import org.newswatch.common.model.Story;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.stories.StoryShelf;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.QueryParameters;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code GET /api/alerts?subscription=&since=&limit=&cursor=}: alerts newest first, the caller's
 * own only, each with its latest {@code feedback} if judged and the {@code laterMembers} of its
 * story (the event's reports that came after the alerted one, in any language: listed here, not
 * alerted again); {@code POST /api/alerts/{id}/feedback}: the owner's judgement of one alert.
 */
public final class AlertRoutes {
  private final AlertStore store;
  private final TopicTable<Subscription> subscriptions;
  private final FeedbackLedger ledger;
  private final TopicWriter<Feedback> feedbackWriter;
  private final StoryShelf stories;
  private final Clock clock;

  /** The body of a judgement: {@code relevant} or {@code not_relevant}, and an optional note. */
  record FeedbackRequest(String judgement, String note) {}

  /** How a judgement shows on a listed alert. */
  record FeedbackView(Feedback.Judgement judgement, String note, Instant at) {
    static FeedbackView of(Feedback f) {
      return new FeedbackView(f.judgement(), f.note(), f.at());
    }
  }

  public AlertRoutes(
      AlertStore store,
      TopicTable<Subscription> subscriptions,
      FeedbackLedger ledger,
      TopicWriter<Feedback> feedbackWriter,
      StoryShelf stories,
      Clock clock) {
    this.stories = stories;
    this.store = store;
    this.subscriptions = subscriptions;
    this.ledger = ledger;
    this.feedbackWriter = feedbackWriter;
    this.clock = clock;
  }

  public void register(RoutesConfig r) {
    r.get("/api/alerts", this::list);
    r.post("/api/alerts/{id}/feedback", this::judge);
  }

  private void list(Context ctx) {
    QueryParameters.only(ctx, List.of("subscription", "since", "cursor", "limit"));
    Principal p = ServiceHttp.principal(ctx);
    AlertStore.Query query =
        visibleTo(p, ctx.queryParam("subscription"), Requests.instant(ctx, "since"));
    AlertStore.Page page = store.page(query, ctx.queryParam("cursor"), Requests.limit(ctx));
    List<Object> items = page.items().stream().map(this::view).toList();
    ctx.json(new ListPage<>(items, page.cursor()));
  }

  /**
   * The alert as it is, with a {@code feedback} field once judged and {@code laterMembers} once its
   * story has members after the alerted article (fields added, none changed).
   */
  private Object view(Alert a) {
    Optional<Feedback> f = ledger.of(a.id());
    List<Story.Member> later = laterMembers(a);
    if (f.isEmpty() && later.isEmpty()) {
      return a;
    }
    ObjectNode node = Json.MAPPER.valueToTree(a);
    f.ifPresent(
        feedback -> node.set("feedback", Json.MAPPER.valueToTree(FeedbackView.of(feedback))));
    if (!later.isEmpty()) {
      node.set("laterMembers", Json.MAPPER.valueToTree(later));
    }
    return node;
  }

  /**
   * Every other report of the alert's story, in the story's order (oldest first). Not only those
   * after the alerted one: the alert-service reads articles from several partitions, so the report
   * it alerted on may be one the linker took in second, and the first must still be listed, since
   * it raises no alert of its own.
   */
  private List<Story.Member> laterMembers(Alert a) {
    if (a.storyId() == null) {
      return List.of();
    }
    return stories
        .get(a.storyId())
        .map(s -> s.members().stream().filter(m -> !m.articleId().equals(a.articleId())).toList())
        .orElse(List.of());
  }

  /**
   * Records the caller's judgement of their own alert; the latest wins. Only the alert's owner may
   * judge it (the admin: the built-in topics' alerts), so that a subscription's precision is its
   * analyst's own view; anyone else's alert, an unknown one, or one the store has let go answers
   * 404. The same judgement and note again changes nothing.
   */
  private void judge(Context ctx) {
    Principal p = ServiceHttp.principal(ctx);
    String id = ctx.pathParam("id");
    Alert alert =
        store
            .get(id)
            .filter(a -> p.id().equals(ownerOf(a)))
            .orElseThrow(() -> ProblemException.notFound("no alert " + id));
    FeedbackRequest req = Requests.body(ctx, FeedbackRequest.class);
    // A note over Feedback.MAX_NOTE is refused by the record: a 400 naming the bound.
    Feedback feedback =
        new Feedback(
            Feedback.SCHEMA,
            alert.id(),
            alert.subscriptionId(),
            p.id(),
            judgement(req.judgement()),
            req.note(),
            clock.instant());
    Optional<Feedback> current = ledger.of(id);
    if (current.isPresent()
        && current.get().judgement() == feedback.judgement()
        && Objects.equals(current.get().note(), feedback.note())) {
      ctx.json(current.get());
      return;
    }
    feedbackWriter.write(id, feedback);
    ctx.json(feedback);
  }

  private static Feedback.Judgement judgement(String value) {
    for (Feedback.Judgement j : Feedback.Judgement.values()) {
      if (j.name().equals(value)) {
        return j;
      }
    }
    throw ProblemException.badRequest(
        "judgement must be relevant or not_relevant, was "
            + (value == null ? "missing" : "'" + Requests.shortened(value) + "'"));
  }

  /** Alerts written before they carried their owner are their subscription's owner's. */
  private String ownerOf(Alert a) {
    return a.owner() != null
        ? a.owner()
        : subscriptions.get(a.subscriptionId()).map(Subscription::owner).orElse(null);
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
