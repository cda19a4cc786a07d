package org.newswatch.alert.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.newswatch.alert.TopicWriter;
import org.newswatch.common.Hashes;
import org.newswatch.common.config.AdminKey;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.web.AnalystKeys;
import org.newswatch.common.web.ProblemException;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code /api/analysts} (admin only): issuing a key to a new analyst, revoking it, and issuing a
 * new key to the same analyst. A key is shown once, in the answer to the POST; only its SHA-256 is
 * published, on {@code news.analysts}. Revoking ends the analyst's live streams and pauses their
 * subscriptions (not matched, not delivered, feeds closed) on every instance, as each reads the
 * change; a new key resumes them (alerts are not made up for the articles of the pause).
 */
public final class AnalystRoutes {
  private final TopicTable<Analyst> analysts;
  private final TopicWriter<Analyst> writer;
  private final AnalystKeys keys;
  private final Clock clock;

  record NewAnalyst(String name) {}

  record IssuedKey(String id, String name, String apiKey) {}

  record AnalystView(String id, String name, boolean revoked, java.time.Instant createdAt) {
    static AnalystView of(Analyst a) {
      return new AnalystView(a.id(), a.name(), a.revoked(), a.createdAt());
    }
  }

  public AnalystRoutes(
      TopicTable<Analyst> analysts, TopicWriter<Analyst> writer, AnalystKeys keys, Clock clock) {
    this.analysts = analysts;
    this.writer = writer;
    this.keys = keys;
    this.clock = clock;
  }

  public void register(RoutesConfig r) {
    r.post("/api/analysts", this::create);
    r.get("/api/analysts", this::list);
    r.delete("/api/analysts/{id}", this::revoke);
    r.post("/api/analysts/{id}/key", this::reissue);
  }

  private void create(Context ctx) {
    ServiceHttp.requireAdmin(ctx);
    NewAnalyst req = Requests.body(ctx, NewAnalyst.class);
    if (req.name() == null || req.name().isBlank() || req.name().length() > 200) {
      throw ProblemException.badRequest("name is required (1-200 characters)");
    }
    String key = AdminKey.newKey("nwk_");
    String id = "an-" + Hashes.sha256Hex(key).substring(0, 12);
    issue(
        ctx,
        new Analyst(
            Analyst.SCHEMA, id, req.name().strip(), Hashes.sha256Hex(key), false, clock.instant()),
        key);
  }

  /**
   * A new key for an existing analyst (revoked or not): the old key stops working, the
   * subscriptions stay theirs.
   */
  private void reissue(Context ctx) {
    ServiceHttp.requireAdmin(ctx);
    String id = ctx.pathParam("id");
    Analyst a = analysts.get(id).orElseThrow(() -> ProblemException.notFound("no analyst " + id));
    String key = AdminKey.newKey("nwk_");
    issue(
        ctx,
        new Analyst(Analyst.SCHEMA, a.id(), a.name(), Hashes.sha256Hex(key), false, a.createdAt()),
        key);
  }

  private void issue(Context ctx, Analyst analyst, String key) {
    writer.write(analyst.id(), analyst);
    keys.remember(analyst);
    ctx.status(201).json(new IssuedKey(analyst.id(), analyst.name(), key));
  }

  private void list(Context ctx) {
    ServiceHttp.requireAdmin(ctx);
    List<AnalystView> items =
        analysts.snapshot().values().stream()
            .sorted(Comparator.comparing(Analyst::id))
            .map(AnalystView::of)
            .toList();
    ctx.json(new ListPage<>(items, null));
  }

  private void revoke(Context ctx) {
    ServiceHttp.requireAdmin(ctx);
    String id = ctx.pathParam("id");
    Analyst a = analysts.get(id).orElseThrow(() -> ProblemException.notFound("no analyst " + id));
    Analyst revoked =
        new Analyst(Analyst.SCHEMA, a.id(), a.name(), a.keyHash(), true, a.createdAt());
    writer.write(id, revoked);
    keys.remember(revoked);
    ctx.json(Map.of("id", id, "revoked", true));
  }
}
