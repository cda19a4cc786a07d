package org.newswatch.common.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A small real HTTP server on loopback that serves documents from memory: the demo's sample feeds
 * and pages, and the fixture servers of tests. Documents can be replaced while it runs (a feed
 * gaining an item); a path can also be given a handler of its own (a server that stalls).
 */
public final class StaticHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Document> documents = new ConcurrentHashMap<>();
  private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();

  /** A document and its media type, e.g. {@code application/rss+xml; charset=utf-8}. */
  public record Document(String contentType, byte[] body) {}

  private StaticHttpServer(HttpServer server) {
    this.server = server;
  }

  /** Starts on 127.0.0.1; port 0 picks a free one. */
  public static StaticHttpServer start(int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      StaticHttpServer s = new StaticHttpServer(server);
      server.createContext("/", s::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a loopback HTTP server on port " + port, e);
    }
  }

  public StaticHttpServer put(String path, String contentType, byte[] body) {
    documents.put(path, new Document(contentType, body));
    return this;
  }

  public StaticHttpServer put(String path, String contentType, String body) {
    return put(path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public StaticHttpServer handle(String path, HttpHandler handler) {
    handlers.put(path, handler);
    return this;
  }

  public StaticHttpServer remove(String path) {
    documents.remove(path);
    handlers.remove(path);
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The absolute URL of a path on this server, e.g. {@code http://127.0.0.1:4711/feeds/voa.xml}.
   */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      HttpHandler handler = handlers.get(path);
      if (handler != null) {
        handler.handle(exchange);
        return;
      }
      Document doc = documents.get(path);
      if (doc == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", doc.contentType());
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(200, head ? -1 : doc.body().length);
      if (!head) {
        exchange.getResponseBody().write(doc.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
