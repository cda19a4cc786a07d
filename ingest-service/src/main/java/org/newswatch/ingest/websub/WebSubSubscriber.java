package org.newswatch.ingest.websub;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.newswatch.common.config.AdminKey;
import org.newswatch.common.model.Feed;
import org.newswatch.ingest.fetch.FetchResult;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber side of W3C WebSub (Recommendation, 2018): when a polled feed names a hub, this
 * asks the hub to push the feed's updates to {@code <callback base>/websub/<feed id>/<token>}
 * (§5.1), answers the hub's verification of intent (§5.3), and takes pushed content (§8) only when
 * its {@code X-Hub-Signature} is the HMAC of the body under the secret given at subscription
 * (§8.1). Subscriptions are renewed at a poll once less than a tenth of their lease is left; a feed
 * with a live subscription is still polled, slowly, in case the hub drops updates.
 *
 * <p>Proof: the topic of a feed is its public URL, so matching it proves nothing. Each subscription
 * gets a random callback token (256 bits) and a random secret, both sent only to the hub. A
 * verification or denial (§5.2, §5.3) counts only at the callback with the token and the topic
 * asked for; a {@code subscribe} verification only while a request of ours is pending; an {@code
 * unsubscribe} never (this service does not unsubscribe). Anything else answers 404 and changes
 * nothing. A lease is capped at {@link #MAX_LEASE}, so a forged or careless years-long lease cannot
 * keep a feed at the slow safety-net rate; a lease that is not a positive whole number of seconds
 * that fits in 64 bits answers 400.
 *
 * <p>Subscriptions live in memory: after a restart the next poll subscribes again, which hubs treat
 * as a renewal.
 */
public final class WebSubSubscriber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSubSubscriber.class);

  /** Asked for; the hub may grant another lease. */
  static final Duration LEASE = Duration.ofDays(1);

  /** A pending subscription that the hub never verified is asked again after this. */
  static final Duration PENDING_RETRY = Duration.ofMinutes(30);

  /**
   * The longest lease taken from a hub, whatever it grants; past it the feed is polled normally
   * until renewed.
   */
  static final Duration MAX_LEASE = Duration.ofDays(7);

  /** Takes a pushed feed document for a feed. */
  @FunctionalInterface
  public interface PushHandler {
    void pushed(Feed feed, byte[] body, String contentType);
  }

  /**
   * One feed's subscription. {@code token} (in the callback URL) and {@code secret} stay the same
   * through renewals; {@code pending} while a request of ours awaits the hub's verification; {@code
   * expiresAt} is null until the hub first verified it.
   */
  record Subscription(
      Feed feed,
      URI hub,
      String topic,
      String token,
      String secret,
      Instant requestedAt,
      boolean pending,
      Instant expiresAt) {
    Subscription requested(Instant at) {
      return new Subscription(feed, hub, topic, token, secret, at, true, expiresAt);
    }

    Subscription verified(Instant at, Instant until) {
      return new Subscription(feed, hub, topic, token, secret, at, false, until);
    }
  }

  private final HttpFetcher fetcher;
  private final java.util.function.Supplier<String> callbackBase;
  private final Clock clock;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final ExecutorService pushes = Executors.newVirtualThreadPerTaskExecutor();
  private volatile PushHandler handler = (feed, body, type) -> {};

  /**
   * @param callbackBase this service's public base URL, e.g. {@code https://ingest.example.org} (a
   *     supplier: the port may be known only once the HTTP side has started)
   */
  public WebSubSubscriber(
      HttpFetcher fetcher, java.util.function.Supplier<String> callbackBase, Clock clock) {
    this.fetcher = fetcher;
    this.callbackBase = callbackBase;
    this.clock = clock;
  }

  private String callback(Subscription s) {
    String base = callbackBase.get();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/websub/"
        + s.feed().id()
        + "/"
        + s.token();
  }

  public void onPush(PushHandler h) {
    this.handler = h;
  }

  public void routes(RoutesConfig r) {
    r.get("/websub/{feedId}/{token}", this::verify);
    r.post("/websub/{feedId}/{token}", this::push);
    // The callback without a token was never given to any hub: only guesses arrive there.
    r.get("/websub/{feedId}", ctx -> ctx.status(404).result("no such subscription"));
    r.post("/websub/{feedId}", ctx -> ctx.status(410).result("not subscribed"));
  }

  /** Whether pushes for this feed are expected now (verified, lease not run out). */
  public boolean active(String feedId) {
    Subscription s = subscriptions.get(feedId);
    return s != null && s.expiresAt() != null && s.expiresAt().isAfter(clock.instant());
  }

  /**
   * Called after each successful poll of a feed that names a hub: subscribes or renews when due.
   */
  public void maybeSubscribe(Feed feed, String hub, String topic) {
    if (hub == null) {
      return;
    }
    Instant now = clock.instant();
    Subscription s = subscriptions.get(feed.id());
    String wantedTopic = topic != null ? topic : feed.url();
    boolean same = s != null && s.hub().toString().equals(hub) && s.topic().equals(wantedTopic);
    if (same) {
      if (s.pending() && s.requestedAt().plus(PENDING_RETRY).isAfter(now)) {
        return; // waiting for the hub's verification
      }
      if (s.expiresAt() != null) {
        Duration lease = Duration.between(s.requestedAt(), s.expiresAt());
        if (Duration.between(now, s.expiresAt()).compareTo(lease.dividedBy(10)) > 0) {
          return; // plenty of lease left
        }
      }
    }
    URI hubUri;
    try {
      hubUri = URI.create(hub);
    } catch (IllegalArgumentException e) {
      LOG.info("feed {} names an invalid hub {}", feed.id(), hub);
      return;
    }
    // A renewal keeps the callback and secret the hub knows; a new hub or topic gets new ones.
    Subscription request =
        same
            ? s.requested(now)
            : new Subscription(
                feed,
                hubUri,
                wantedTopic,
                AdminKey.newKey(""),
                AdminKey.newKey(""),
                now,
                true,
                null);
    subscriptions.put(feed.id(), request);
    FetchResult r =
        fetcher.postForm(
            hubUri,
            Map.of(
                "hub.mode", "subscribe",
                "hub.topic", wantedTopic,
                "hub.callback", callback(request),
                "hub.secret", request.secret(),
                "hub.lease_seconds", Long.toString(LEASE.toSeconds())));
    if (r instanceof FetchResult.Failed f) {
      LOG.info("feed {}: hub {} refused the subscription: {}", feed.id(), hub, f.reason());
    }
  }

  /**
   * §5.2 and §5.3: the hub's denial or verification of intent. Counts only at the callback with
   * this subscription's token and topic; see the class comment for what is refused.
   */
  private void verify(Context ctx) {
    String feedId = ctx.pathParam("feedId");
    String mode = ctx.queryParam("hub.mode");
    String topic = ctx.queryParam("hub.topic");
    Subscription s = subscription(feedId, ctx.pathParam("token")).orElse(null);
    if (s == null || topic == null || !topic.equals(s.topic())) {
      ctx.status(404).result("no such subscription");
      return;
    }
    if ("denied".equals(mode)) {
      LOG.info("feed {}: hub denied the subscription ({})", feedId, ctx.queryParam("hub.reason"));
      subscriptions.remove(feedId, s);
      ctx.status(200);
      return;
    }
    String challenge = ctx.queryParam("hub.challenge");
    if (!"subscribe".equals(mode) || !s.pending() || challenge == null) {
      ctx.status(404).result("no subscription request of that kind is pending");
      return;
    }
    Duration lease;
    try {
      lease = lease(ctx.queryParam("hub.lease_seconds"));
    } catch (IllegalArgumentException e) {
      ctx.status(400).result(e.getMessage());
      return;
    }
    Instant now = clock.instant();
    subscriptions.replace(feedId, s, s.verified(now, now.plus(lease)));
    ctx.status(200).contentType("text/plain").result(challenge);
  }

  /**
   * §8: a push. Answered 2xx even when the signature is wrong (§8.1 asks so, to tell nothing to a
   * forger), but then the content is dropped. Valid content is ingested off the request thread.
   */
  private void push(Context ctx) {
    String feedId = ctx.pathParam("feedId");
    Subscription s = subscription(feedId, ctx.pathParam("token")).orElse(null);
    byte[] body = ctx.bodyAsBytes();
    if (s == null) {
      ctx.status(410).result("not subscribed"); // §7: tells the hub to stop
      return;
    }
    if (!HubSignature.valid(ctx.header("X-Hub-Signature"), s.secret(), body)) {
      LOG.warn("feed {}: dropped a push with a missing or wrong signature", feedId);
      ctx.status(202);
      return;
    }
    String type = ctx.contentType();
    pushes.execute(() -> handler.pushed(s.feed(), body, type));
    ctx.status(202);
  }

  /**
   * The lease a hub granted, capped at {@link #MAX_LEASE}; the one asked for when it names none.
   *
   * @throws IllegalArgumentException when it is not a positive whole number of seconds within 64
   *     bits
   */
  static Duration lease(String text) {
    if (text == null || text.isBlank()) {
      return LEASE;
    }
    long seconds;
    try {
      seconds = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "hub.lease_seconds must be a whole number of seconds, was " + preview(text));
    }
    if (seconds <= 0) {
      throw new IllegalArgumentException("hub.lease_seconds must be positive, was " + seconds);
    }
    return seconds > MAX_LEASE.toSeconds() ? MAX_LEASE : Duration.ofSeconds(seconds);
  }

  private static String preview(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /**
   * The subscription of a feed when {@code token} is its callback token (compared in constant
   * time).
   */
  private Optional<Subscription> subscription(String feedId, String token) {
    Subscription s = subscriptions.get(feedId);
    boolean match =
        s != null
            && token != null
            && MessageDigest.isEqual(
                s.token().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    return match ? Optional.of(s) : Optional.empty();
  }

  Optional<Subscription> subscription(String feedId) {
    return Optional.ofNullable(subscriptions.get(feedId));
  }

  @Override
  public void close() {
    pushes.shutdown();
    try {
      pushes.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
