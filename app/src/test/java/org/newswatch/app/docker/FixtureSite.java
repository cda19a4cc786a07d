package org.newswatch.app.docker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The compose test's fixture container, on loopback: {@code GET} serves the files of a folder (the
 * news site: feeds and article pages, which the test writes), {@code POST /hook} records a webhook
 * delivery and {@code GET /hook} lists them as a JSON array. It runs in the test's Java runtime
 * image with only this class on its class path, so it uses the JDK alone.
 */
public final class FixtureSite {
  private final Path root;
  private final List<String> deliveries = new CopyOnWriteArrayList<>();

  private FixtureSite(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public static void main(String[] args) throws IOException {
    FixtureSite site = new FixtureSite(Path.of(args[1]));
    HttpServer server =
        HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 50);
    server.createContext("/", site::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/hook") && exchange.getRequestMethod().equals("POST")) {
        deliveries.add(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        send(exchange, 204, "", null);
      } else if (path.equals("/hook")) {
        send(exchange, 200, "[" + String.join(",", deliveries) + "]", "application/json");
      } else {
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
          send(exchange, 404, "not found\n", "text/plain");
        } else {
          String type =
              file.toString().endsWith(".rss")
                  ? "application/rss+xml; charset=utf-8"
                  : "text/html; charset=utf-8";
          send(exchange, 200, Files.readString(file, StandardCharsets.UTF_8), type);
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
