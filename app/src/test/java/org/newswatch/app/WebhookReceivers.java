package org.newswatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.newswatch.common.Json;

/**
 * Webhook receivers on loopback, one well-behaved and two that misbehave the way real receivers do:
 * {@code /good} answers 200 at once and records each alert; {@code /stalled} answers 200 and then
 * sends a chunked body that never ends; {@code /slow} answers 200 only after {@link
 * #SLOW_ANSWER_MS}. The misbehaving ones hold their connections until {@link #close()}.
 */
final class WebhookReceivers implements AutoCloseable {
  static final long SLOW_ANSWER_MS = 15_000;

  /** An alert as the good receiver got it. */
  record Delivery(String alertId, String articleId, String subscriptionId) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Delivery> good = new CopyOnWriteArrayList<>();
  private final AtomicInteger stalledRequests = new AtomicInteger();
  private final AtomicInteger slowRequests = new AtomicInteger();

  private WebhookReceivers(HttpServer server) {
    this.server = server;
    server.createContext("/good", this::good);
    server.createContext("/stalled", this::stalled);
    server.createContext("/slow", this::slow);
    server.setExecutor(threads);
    server.start();
  }

  static WebhookReceivers start() throws IOException {
    return new WebhookReceivers(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Delivery> good() {
    return List.copyOf(good);
  }

  int stalledRequests() {
    return stalledRequests.get();
  }

  int slowRequests() {
    return slowRequests.get();
  }

  private void good(HttpExchange exchange) throws IOException {
    JsonNode alert = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
    good.add(
        new Delivery(
            alert.path("id").asText(),
            alert.path("articleId").asText(),
            alert.path("subscriptionId").asText()));
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private void stalled(HttpExchange exchange) throws IOException {
    stalledRequests.incrementAndGet();
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(200, 0); // chunked: the body goes on until this side ends it
    try (OutputStream out = exchange.getResponseBody()) {
      while (!closing.await(500, TimeUnit.MILLISECONDS)) {
        out.write("still going\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the sender gave up on the body: what a bounded delivery does
    }
  }

  private void slow(HttpExchange exchange) throws IOException {
    slowRequests.incrementAndGet();
    exchange.getRequestBody().readAllBytes();
    try {
      closing.await(SLOW_ANSWER_MS, TimeUnit.MILLISECONDS);
      exchange.sendResponseHeaders(200, -1);
    } catch (InterruptedException | IOException e) {
      // the sender gave up waiting
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
