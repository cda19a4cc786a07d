package org.newswatch.alert.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.Json;
import org.newswatch.common.model.Alert;
import org.newswatch.common.web.Principal;
import org.newswatch.common.web.ServiceHttp;

/**
 * {@code GET /api/alerts/stream}: server-sent events, one {@code alert} event per new alert the
 * caller may see (event id = alert id), for the analysts' live page. Alerts that arrived before
 * the connection are listed by {@code GET /api/alerts}; a client reconnecting asks there for what
 * it missed ({@code since}).
 */
public final class AlertStream implements AutoCloseable {
  private final Map<SseClient, Principal> clients = new ConcurrentHashMap<>();
  /** Writes to clients happen here, so that a slow client never holds up the thread that found the alert. */
  private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("alert-stream").factory());

  public AlertStream(AlertStore store) {
    store.onAdd(this::publish);
  }

  public void register(RoutesConfig r) {
    r.sse("/api/alerts/stream", this::connect);
  }

  private void connect(SseClient client) {
    Principal p = ServiceHttp.principal(client.ctx());
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.put(client, p);
    // A first comment tells the client the stream is open (and flushes proxies' buffers).
    client.sendComment("connected");
  }

  private void publish(Alert alert) {
    if (!clients.isEmpty()) {
      sender.execute(() -> send(alert));
    }
  }

  private void send(Alert alert) {
    String json = Json.toString(alert);
    clients.forEach(
        (client, p) -> {
          if (client.terminated()) {
            clients.remove(client);
          } else if (p.admin() || p.id().equals(alert.owner())) {
            client.sendEvent("alert", json, alert.id());
          }
        });
  }

  public int clients() {
    return clients.size();
  }

  /**
   * Stops sending. The connections themselves end with the HTTP server: closing a client here,
   * outside its request, would make Javalin handle a request that is already gone.
   */
  @Override
  public void close() {
    sender.shutdownNow();
    clients.clear();
  }
}
