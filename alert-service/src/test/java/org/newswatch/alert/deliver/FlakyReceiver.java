package org.newswatch.alert.deliver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.newswatch.common.web.StaticHttpServer;

/**
 * A loopback webhook receiver that answers the given statuses in turn (the last one repeats),
 * recording every request.
 */
public final class FlakyReceiver implements AutoCloseable {
  public record Received(
      String deliveryId,
      String idempotencyKey,
      String timestamp,
      String signature,
      String body,
      int answered) {}

  private final StaticHttpServer server = StaticHttpServer.start(0);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  public FlakyReceiver(int... statuses) {
    server.handle("/hook", exchange -> answer(exchange, statuses));
  }

  private void answer(HttpExchange exchange, int[] statuses) throws IOException {
    int n = calls.getAndIncrement();
    int status = statuses[Math.min(n, statuses.length - 1)];
    Map<String, List<String>> h = exchange.getRequestHeaders();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            h.getOrDefault(WebhookSignature.DELIVERY_HEADER, List.of("")).get(0),
            h.getOrDefault(WebhookSignature.IDEMPOTENCY_HEADER, List.of("")).get(0),
            h.getOrDefault(WebhookSignature.TIMESTAMP_HEADER, List.of("")).get(0),
            h.getOrDefault(WebhookSignature.SIGNATURE_HEADER, List.of("")).get(0),
            body,
            status));
    exchange.sendResponseHeaders(status, -1);
  }

  public String url() {
    return server.url("/hook");
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.close();
  }
}
