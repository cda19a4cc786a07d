package org.newswatch.alert.deliver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.newswatch.common.web.StaticHttpServer;

/**
 * A hostile loopback webhook receiver: either it answers 200 with its headers and then sends a
 * chunked body that never ends, or it answers only after a long wait. Each request's delivery id is
 * recorded when it arrives. {@link #close()} releases every request still held.
 */
public final class StalledReceiver implements AutoCloseable {
  private final StaticHttpServer server = StaticHttpServer.start(0);
  private final List<String> deliveryIds = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  private StalledReceiver() {}

  /** 200, headers sent, then one chunk every 100 ms for as long as the caller keeps reading. */
  public static StalledReceiver endlessBody() {
    StalledReceiver r = new StalledReceiver();
    r.server.handle("/hook", r::endless);
    return r;
  }

  /**
   * Answers 200 only after {@code wait} (or never, while the receiver is open, if the wait is
   * longer than the test).
   */
  public static StalledReceiver answeringAfter(Duration wait) {
    StalledReceiver r = new StalledReceiver();
    r.server.handle("/hook", exchange -> r.slow(exchange, wait));
    return r;
  }

  private void record(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    deliveryIds.add(exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER));
  }

  private void endless(HttpExchange exchange) throws IOException {
    record(exchange);
    exchange.sendResponseHeaders(200, 0); // 0 = chunked, no length: the body ends when we say so
    try (OutputStream out = exchange.getResponseBody()) {
      while (!closed.await(100, TimeUnit.MILLISECONDS)) {
        out.write("{\"ok\":true}\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The caller hung up: what a bounded sender does.
    }
  }

  private void slow(HttpExchange exchange, Duration wait) throws IOException {
    record(exchange);
    try {
      released.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      exchange.sendResponseHeaders(200, -1);
    } catch (IOException e) {
      // The caller gave up first.
    }
    exchange.close();
  }

  /** From now on the slow receiver answers at once, the requests it holds included. */
  public void release() {
    released.countDown();
  }

  public String url() {
    return server.url("/hook");
  }

  public int port() {
    return server.port();
  }

  /** Delivery ids of the requests received so far, repeats included. */
  public List<String> deliveryIds() {
    return List.copyOf(deliveryIds);
  }

  @Override
  public void close() {
    closed.countDown();
    released.countDown();
    server.close();
  }
}
