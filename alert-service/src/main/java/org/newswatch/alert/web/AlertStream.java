package org.newswatch.alert.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.Json;
import org.newswatch.common.model.Alert;
import org.newswatch.common.web.ConcurrentCalls;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code GET /api/alerts/stream}: server-sent events (WHATWG HTML §9.2), one {@code alert} event
 * per new alert the caller may see, event id = alert id, for the analysts' live page.
 *
 * <p>Each client has its own bounded buffer ({@link #BUFFER} events) and is written by its own
 * request thread, so a slow client holds up no one. A client whose buffer fills has fallen behind:
 * it is dropped (its connection closed, even mid-write) and, told by the {@code retry:} field at
 * the start of every stream, reconnects with {@code Last-Event-ID}; the alerts after that id that
 * it may see are replayed from the alert store, oldest first, then the live ones follow, none
 * twice. More than {@link #REPLAY} missed: the oldest {@code REPLAY} are sent and the stream ends
 * with the {@code retry:} hint, so the client's next reconnect continues from there. A revoked
 * analyst's streams are ended ({@link #endStreamsOf}).
 */
public final class AlertStream implements AutoCloseable {
  /**
   * Events waiting for one client: about a minute of a heavy burst; about 1 MB at ~1 KB an alert.
   */
  static final int BUFFER = 1_000;

  /**
   * Alerts replayed to a client that resumes; one that missed more reads the rest from /api/alerts.
   */
  static final int REPLAY = 1_000;

  /** The reconnect hint, in the stream's {@code retry:} field. */
  static final Duration RETRY = Duration.ofSeconds(3);

  /** A comment this often keeps proxies from closing a quiet stream and finds clients that left. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

  private final AlertStore store;
  private final ConcurrentCalls perAnalyst;
  private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  public AlertStream(AlertStore store, AnalystLimits limits) {
    this.store = store;
    // Retry-After about the reconnect delay: a stream frees its place when its client leaves.
    this.perAnalyst =
        new ConcurrentCalls(
            "live streams", AnalystLimits.STREAMS, limits.streams(), Duration.ofSeconds(30));
    store.onAdd(this::publish);
  }

  public void register(RoutesConfig r) {
    r.get("/api/alerts/stream", this::stream);
  }

  /** Runs on the request's thread for as long as the client stays: this thread is its writer. */
  private void stream(Context ctx) throws java.io.IOException, InterruptedException {
    Principal p = ServiceHttp.principal(ctx);
    try (ConcurrentCalls.Permit permit = perAnalyst.acquire(p)) {
      ctx.status(200)
          .contentType("text/event-stream; charset=utf-8")
          .header("Cache-Control", "no-cache")
          .header("X-Accel-Buffering", "no");
      StreamClient client =
          new StreamClient(p, BUFFER, StreamClient.hangUp(ctx), dropped::incrementAndGet);
      // Registered before the replay is read: an alert added meanwhile is in both, and sent once.
      clients.add(client);
      try {
        if (closed) {
          return;
        }
        OutputStream out = ctx.res().getOutputStream();
        // A first comment tells the client the stream is open (and flushes proxies' buffers).
        if (!client.write(out, "retry: " + RETRY.toMillis() + "\n: connected\n\n")) {
          return;
        }
        Replay missed = missed(p, ctx.header("Last-Event-ID"));
        Set<String> replayed = new HashSet<>();
        for (Alert a : missed.alerts()) {
          if (!client.write(out, StreamClient.event(a.id(), Json.toString(a)))) {
            return;
          }
          replayed.add(a.id());
        }
        if (missed.more()) {
          client.write(
              out,
              "retry: "
                  + RETRY.toMillis()
                  + "\n: more missed alerts; reconnect with Last-Event-ID\n\n");
          return;
        }
        client.run(out, replayed, KEEP_ALIVE);
      } finally {
        clients.remove(client);
      }
    }
  }

  /** Alerts to replay, oldest first, and whether more were missed than these. */
  private record Replay(List<Alert> alerts, boolean more) {
    static final Replay NONE = new Replay(List.of(), false);
  }

  /**
   * The caller's alerts after {@code lastId}, oldest first, at most {@link #REPLAY}; none when
   * there is no id or the store does not have it (another deployment's, or gone from the store).
   */
  private Replay missed(Principal p, String lastId) {
    if (lastId == null || lastId.isBlank()) {
      return Replay.NONE;
    }
    String last = lastId.strip();
    // The store pages newest first: walk back to the last id, keeping the oldest REPLAY seen.
    ArrayDeque<Alert> oldest = new ArrayDeque<>();
    boolean more = false;
    String cursor = null;
    do {
      AlertStore.Page page =
          store.page(a -> visible(p, a) || a.id().equals(last), null, cursor, 500);
      for (Alert a : page.items()) {
        if (a.id().equals(last)) {
          return new Replay(new ArrayList<>(oldest.reversed()), more);
        }
        oldest.addLast(a);
        if (oldest.size() > REPLAY) {
          oldest.removeFirst();
          more = true;
        }
      }
      cursor = page.cursor();
    } while (cursor != null);
    return Replay.NONE;
  }

  private static boolean visible(Principal p, Alert a) {
    return p.admin() || p.id().equals(a.owner());
  }

  private void publish(Alert alert) {
    if (clients.isEmpty()) {
      return;
    }
    StreamClient.Event e = null;
    for (StreamClient c : clients) {
      if (visible(c.principal(), alert)) {
        if (e == null) {
          e =
              new StreamClient.Event(
                  alert.id(), StreamClient.event(alert.id(), Json.toString(alert)));
        }
        c.offer(e);
      }
    }
  }

  /** Ends every open stream of {@code analystId} (their key was revoked), on this instance. */
  public void endStreamsOf(String analystId) {
    for (StreamClient c : clients) {
      if (!c.principal().admin() && c.principal().id().equals(analystId)) {
        c.end(": the key was revoked\n\n");
      }
    }
  }

  /** Streams open now. */
  public int clients() {
    return clients.size();
  }

  /** Clients dropped since start for falling behind. */
  public long dropped() {
    return dropped.get();
  }

  /** Ends every stream; the HTTP server's stop then finds no request still running. */
  @Override
  public void close() {
    closed = true;
    for (StreamClient c : clients) {
      c.end(": the service is stopping\n\n");
    }
  }
}
