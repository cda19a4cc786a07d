package org.newswatch.alert.deliver;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.newswatch.common.Json;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;

/**
 * Delivers one alert to one webhook: a signed JSON POST ({@link WebhookSignature}), retried with
 * exponential backoff on network errors, timeouts, 408, 429 and 5xx; any other 4xx is final (the
 * receiver refuses it, asking again will not help). Redirects are not followed.
 *
 * <p>Each attempt is bounded in total time: the status decides, the response body is never read (a
 * receiver that answers 200 and then streams forever cannot hold a delivery), and the whole
 * exchange is cancelled at {@code attemptTimeout} plus the connect timeout, because the request
 * timeout of JDK 21–25's HttpClient stops counting once headers arrive.
 */
public final class WebhookSender {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final AddressGuard guard;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration attemptTimeout;
  private final String userAgent;

  public WebhookSender(AddressGuard guard, Clock clock, Backoff backoff, String contactUrl) {
    this(guard, clock, backoff, DEFAULT_ATTEMPT_TIMEOUT, contactUrl);
  }

  /**
   * @param attemptTimeout how long one attempt may wait for the receiver's status line and headers
   */
  public WebhookSender(
      AddressGuard guard,
      Clock clock,
      Backoff backoff,
      Duration attemptTimeout,
      String contactUrl) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.guard = guard;
    this.clock = clock;
    this.backoff = backoff;
    this.attemptTimeout = attemptTimeout;
    this.userAgent = "Newswatch-alert/0.1 (+" + contactUrl + ")";
  }

  Backoff backoff() {
    return backoff;
  }

  /**
   * The receiver a channel's deliveries share a queue for: scheme, host and port only (never a path
   * or query, which may carry a token), or empty for a URL that cannot be parsed.
   */
  static Optional<String> destination(Subscription.Channel channel) {
    try {
      URI uri = URI.create(channel.url());
      if (uri.getHost() == null) {
        return Optional.empty();
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return Optional.of(
          scheme
              + "://"
              + uri.getHost().toLowerCase(Locale.ROOT)
              + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public SendResult send(Alert alert, Subscription.Channel channel) throws InterruptedException {
    return send(alert.id(), Json.toBytes(alert), channel);
  }

  /**
   * Posts {@code body} (JSON) with {@code deliveryId} as its idempotency key, the same on every
   * attempt, waiting between attempts on the caller's thread (the digests' own thread; the delivery
   * loop schedules its retries instead, see {@link AlertDispatcher}).
   */
  public SendResult send(String deliveryId, byte[] body, Subscription.Channel channel)
      throws InterruptedException {
    List<String> attempts = new ArrayList<>();
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        Thread.sleep(backoff.before(attempt).toMillis());
      }
      Attempt a;
      try {
        a = attempt(deliveryId, body, channel).get();
      } catch (ExecutionException e) {
        a = Attempt.retry(describe(e.getCause()));
      }
      attempts.add(a.description());
      if (a.outcome() != Attempt.Outcome.RETRY) {
        return new SendResult(a.outcome() == Attempt.Outcome.DELIVERED, attempts);
      }
    }
    return new SendResult(false, attempts);
  }

  /**
   * One attempt, not blocking: checks the address (a DNS lookup, so call it where blocking is
   * allowed), then posts. The future always completes, within about {@code attemptTimeout} plus the
   * connect timeout, and never exceptionally.
   */
  CompletableFuture<Attempt> attempt(String deliveryId, byte[] body, Subscription.Channel channel) {
    URI uri;
    try {
      uri = URI.create(channel.url());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Attempt.refused("refused: " + e.getMessage()));
    }
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(attemptTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", userAgent)
            .header(WebhookSignature.DELIVERY_HEADER, deliveryId)
            .header(WebhookSignature.IDEMPOTENCY_HEADER, deliveryId)
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (channel.secret() != null && !channel.secret().isEmpty()) {
      request.header(
          WebhookSignature.SIGNATURE_HEADER,
          WebhookSignature.sign(channel.secret(), timestamp, body));
    }
    // Each attempt is checked again and sent while its addresses are pinned (DNS rebinding); the
    // pin stays open until the exchange ends, since the client resolves when it connects.
    AddressGuard.Pin pinned;
    try {
      pinned = guard.pin(uri);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Attempt.refused("refused: " + e.getMessage()));
    } catch (AddressGuard.RefusedException e) {
      return CompletableFuture.completedFuture(
          Attempt.refused("refused: webhook " + e.getMessage()));
    } catch (UnknownHostException e) {
      return CompletableFuture.completedFuture(
          Attempt.retry("webhook host does not resolve: " + e.getMessage()));
    }
    // ofPublisher completes at the headers; the body is then refused (see class comment).
    CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> exchange;
    try {
      exchange = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofPublisher());
    } catch (RuntimeException e) {
      pinned.close();
      return CompletableFuture.completedFuture(Attempt.refused("refused: " + e.getMessage()));
    }
    long limitMs = attemptTimeout.plus(CONNECT_TIMEOUT).toMillis();
    // The JDK's futures are cancelable: cancel(true) aborts the exchange and closes its connection.
    CompletableFuture.delayedExecutor(limitMs, TimeUnit.MILLISECONDS)
        .execute(() -> exchange.cancel(true));
    exchange.whenComplete((response, error) -> pinned.close());
    return exchange.handle(
        (response, error) -> {
          if (error != null) {
            return Attempt.retry(describe(error));
          }
          refuseBody(response.body());
          return classify(response.statusCode());
        });
  }

  private static Attempt classify(int status) {
    String d = "HTTP " + status;
    if (status >= 200 && status < 300) {
      return Attempt.delivered(d);
    }
    return status >= 500 || status == 408 || status == 429 ? Attempt.retry(d) : Attempt.refused(d);
  }

  /** Cancels the body at once: the status said all we need, and the body may never end. */
  private static void refuseBody(Flow.Publisher<List<ByteBuffer>> body) {
    body.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.cancel();
          }

          @Override
          public void onNext(List<ByteBuffer> item) {}

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onComplete() {}
        });
  }

  private static String describe(Throwable t) {
    Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (e instanceof java.util.concurrent.CancellationException) {
      return "no answer within the attempt's time limit; cancelled";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
