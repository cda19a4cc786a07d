package org.newswatch.alert.deliver;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.newswatch.common.Json;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;

/**
 * Delivers one alert to one webhook: a signed JSON POST ({@link WebhookSignature}), retried with
 * exponential backoff on network errors, 408, 429 and 5xx; any other 4xx is final (the receiver
 * refuses it, asking again will not help). Redirects are not followed.
 */
public final class WebhookSender {
  private final HttpClient client;
  private final AddressGuard guard;
  private final Clock clock;
  private final Backoff backoff;
  private final String userAgent;

  /** Attempts and the waits between them: {@code first}, doubled each time, capped at {@code max}. */
  public record Backoff(int attempts, Duration first, Duration max) {
    public Backoff {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
    }

    Duration before(int attempt) {
      long ms = first.toMillis() << Math.min(20, attempt - 2);
      return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
  }

  /** The outcome of a delivery: every attempt's result, and whether one succeeded. */
  public record Result(boolean delivered, List<String> attempts) {
    public String lastError() {
      return attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1);
    }
  }

  public WebhookSender(AddressGuard guard, Clock clock, Backoff backoff, String contactUrl) {
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    this.guard = guard;
    this.clock = clock;
    this.backoff = backoff;
    this.userAgent = "Newswatch-alert/0.1 (+" + contactUrl + ")";
  }

  public Result send(Alert alert, Subscription.Channel channel) throws InterruptedException {
    return send(alert.id(), Json.toBytes(alert), channel);
  }

  /**
   * Posts {@code body} (JSON) with {@code deliveryId} as its idempotency key, the same on every
   * attempt.
   */
  public Result send(String deliveryId, byte[] body, Subscription.Channel channel) throws InterruptedException {
    List<String> attempts = new ArrayList<>();
    URI uri;
    try {
      uri = URI.create(channel.url());
      guard.check(uri);
    } catch (IllegalArgumentException e) {
      attempts.add("refused: " + e.getMessage());
      return new Result(false, attempts);
    } catch (UnknownHostException e) {
      attempts.add("refused: webhook host does not resolve: " + e.getMessage());
      return new Result(false, attempts);
    } catch (AddressGuard.RefusedException e) {
      attempts.add("refused: webhook " + e.getMessage());
      return new Result(false, attempts);
    }
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        Thread.sleep(backoff.before(attempt).toMillis());
      }
      long timestamp = clock.instant().getEpochSecond();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("User-Agent", userAgent)
              .header(WebhookSignature.DELIVERY_HEADER, deliveryId)
              .header(WebhookSignature.IDEMPOTENCY_HEADER, deliveryId)
              .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (channel.secret() != null && !channel.secret().isEmpty()) {
        request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(channel.secret(), timestamp, body));
      }
      // Each attempt is checked again and sent while its addresses are pinned (DNS rebinding).
      try (AddressGuard.Pin pinned = guard.pin(uri)) {
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        attempts.add("HTTP " + status);
        if (status >= 200 && status < 300) {
          return new Result(true, attempts);
        }
        if (status < 500 && status != 408 && status != 429) {
          return new Result(false, attempts);
        }
      } catch (AddressGuard.RefusedException e) {
        attempts.add("refused: webhook " + e.getMessage());
        return new Result(false, attempts);
      } catch (IOException e) {
        attempts.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    return new Result(false, attempts);
  }
}
