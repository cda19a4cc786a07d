package org.newswatch.alert.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.newswatch.common.web.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live-stream client: its bounded buffer of events and the loop that writes them out. Only the
 * request's thread writes; {@link #offer} and {@link #end} come from others.
 */
final class StreamClient {
  private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);

  /** An event, already in wire form; {@code id} null for the last words before the end. */
  record Event(String id, String text) {}

  private final Principal principal;
  private final BlockingQueue<Event> buffer;
  private final Runnable hangUp;
  private final Runnable onDrop;
  private volatile boolean ended;
  private volatile boolean writing;

  /**
   * @param hangUp closes the connection, for a writer stuck on a client that does not read
   * @param onDrop counts a drop for falling behind
   */
  StreamClient(Principal principal, int capacity, Runnable hangUp, Runnable onDrop) {
    this.principal = principal;
    this.buffer = new ArrayBlockingQueue<>(capacity);
    this.hangUp = hangUp;
    this.onDrop = onDrop;
  }

  Principal principal() {
    return principal;
  }

  /** Queues an event; a client whose buffer is full has fallen behind and is dropped. */
  void offer(Event e) {
    if (ended) {
      return;
    }
    if (!buffer.offer(e)) {
      LOG.info(
          "live stream of {} dropped: {} alerts unsent; it may resume with Last-Event-ID",
          principal.id(),
          buffer.size());
      onDrop.run();
      end(
          "retry: "
              + AlertStream.RETRY.toMillis()
              + "\n: dropped for falling behind; reconnect with Last-Event-ID\n\n");
    }
  }

  /**
   * Ends the stream: what is queued is forgotten, {@code lastWords} are sent if the client still
   * reads, and a writer stuck on a client that does not read is cut off by closing the connection.
   */
  void end(String lastWords) {
    ended = true;
    buffer.clear();
    buffer.offer(new Event(null, lastWords));
    if (writing) {
      hangUp.run();
    }
  }

  /** Writes events until the stream ends, the client leaves or the thread is interrupted. */
  void run(OutputStream out, Set<String> alreadySent, Duration keepAlive)
      throws InterruptedException {
    while (true) {
      Event e = buffer.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        if (ended || !write(out, ": keep-alive\n\n")) {
          return;
        }
      } else if (e.id() == null) {
        write(out, e.text());
        return;
      } else if (!alreadySent.contains(e.id()) && !write(out, e.text())) {
        return;
      }
    }
  }

  /** Writes and flushes; false when the client is gone (or was cut off). */
  boolean write(OutputStream out, String text) {
    writing = true;
    try {
      if (ended && text.startsWith("event:")) {
        return false;
      }
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return true;
    } catch (IOException e) {
      ended = true;
      return false;
    } finally {
      writing = false;
    }
  }

  /**
   * An {@code alert} event; the JSON has no line breaks (Jackson writes none), so one data line.
   */
  static String event(String id, String json) {
    return "event: alert\nid: " + id + "\ndata: " + json + "\n\n";
  }

  /** Closes the request's connection at once, which makes a write blocked on it fail. */
  static Runnable hangUp(Context ctx) {
    return () -> {
      try {
        ServletContextRequest.getServletContextRequest(ctx.req())
            .getConnectionMetaData()
            .getConnection()
            .getEndPoint()
            .close();
      } catch (RuntimeException e) {
        LOG.debug("could not close a live stream's connection", e);
      }
    };
  }
}
