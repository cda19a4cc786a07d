package org.newswatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswatch.common.Json;

/**
 * Follows the alert-service's live stream ({@code GET /api/alerts/stream}, server-sent events) as
 * the admin, who sees every alert, and notes when each alert arrived here: the moment an alert is
 * visible to an analyst's open page. One thread reads; {@link #close()} disconnects.
 */
final class AlertStreamReader implements AutoCloseable {
  /** The load corpus's article pages: {@code /news/<feed>/<item>.html}. */
  private static final Pattern PAGE = Pattern.compile("/news/(\\d+)/(\\d+)\\.html");

  /**
   * An alert as it arrived: its article's feed and item (-1 when the URL is not a corpus page),
   * epoch millis.
   */
  record Arrival(String alertId, int feed, int item, long receivedMillis) {}

  private final HttpURLConnection connection;
  private final Thread reader;
  private final List<Arrival> arrivals = new ArrayList<>();
  private final CountDownLatch open = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile IOException failure;

  private AlertStreamReader(HttpURLConnection connection) {
    this.connection = connection;
    this.reader = Thread.ofPlatform().daemon().name("load-alert-stream").unstarted(this::read);
  }

  /** Connects and returns once the service said the stream is open. */
  static AlertStreamReader connect(URI stream, String key)
      throws IOException, InterruptedException {
    HttpURLConnection c = (HttpURLConnection) stream.toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(0); // an idle stream is not an error: alerts may be minutes apart
    c.setRequestProperty("Authorization", "Bearer " + key);
    c.setRequestProperty("Accept", "text/event-stream");
    if (c.getResponseCode() != 200) {
      int code = c.getResponseCode();
      c.disconnect();
      throw new IOException("the alert stream answered " + code);
    }
    AlertStreamReader r = new AlertStreamReader(c);
    r.reader.start();
    if (!r.open.await(30, TimeUnit.SECONDS)) {
      r.close();
      throw new IOException("the alert stream sent nothing in 30 s");
    }
    return r;
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line; (line = in.readLine()) != null; ) {
        open.countDown(); // the first line (the service's "connected" comment) says the stream is
        // open
        if (line.isEmpty()) {
          // A blank line ends an event (HTML Living Standard, server-sent events, "dispatch the
          // event").
          if ("alert".equals(event) && !data.isEmpty()) {
            Arrival a = arrival(data.toString(), System.currentTimeMillis());
            synchronized (arrivals) {
              arrivals.add(a);
            }
          }
          event = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
        }
      }
    } catch (IOException e) {
      if (!closing) {
        failure = e;
      }
    } finally {
      open.countDown();
    }
  }

  /** An alert event's JSON (an {@code Alert}) read for its id and its article's URL. */
  static Arrival arrival(String json, long receivedMillis) {
    try {
      JsonNode alert = Json.MAPPER.readTree(json);
      Matcher m = PAGE.matcher(alert.path("url").asText(""));
      boolean page = m.find();
      return new Arrival(
          alert.path("id").asText(""),
          page ? Integer.parseInt(m.group(1)) : -1,
          page ? Integer.parseInt(m.group(2)) : -1,
          receivedMillis);
    } catch (IOException e) {
      throw new IllegalArgumentException("an alert event that is not JSON: " + json, e);
    }
  }

  /** The alerts received so far, in order of arrival. */
  List<Arrival> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  /** Whether the stream is still being read (false after the service closed it or it failed). */
  boolean reading() {
    return reader.isAlive();
  }

  /** The error that ended the stream early, or null. */
  IOException failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    connection.disconnect();
    reader.join(5_000);
  }
}
