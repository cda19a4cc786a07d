package org.newswatch.ingest.websub;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.newswatch.common.config.AdminKey;
import org.newswatch.common.model.Feed;
import org.newswatch.ingest.fetch.FetchResult;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber side of W3C WebSub (Recommendation, 2018): when a polled feed names a hub, this
 * asks the hub to push the feed's updates to {@code <callback base>/websub/<feed id>} (§5.1),
 * answers the hub's verification of intent (§5.3), and takes pushed content (§8) only when its
 * {@code X-Hub-Signature} is the HMAC of the body under the secret given at subscription (§8.1).
 * Subscriptions are renewed at a poll once less than a tenth of their lease is left; a feed with a
 * live subscription is still polled, slowly, in case the hub drops updates.
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

  /** Takes a pushed feed document for a feed. */
  @FunctionalInterface
  public interface PushHandler {
    void pushed(Feed feed, byte[] body, String contentType);
  }

  /** One feed's subscription; {@code expiresAt} is null until the hub verified it. */
  record Subscription(Feed feed, URI hub, String topic, String secret, Instant requestedAt, Instant expiresAt) {}

  private final HttpFetcher fetcher;
  private final java.util.function.Supplier<String> callbackBase;
  private final Clock clock;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final ExecutorService pushes = Executors.newVirtualThreadPerTaskExecutor();
  private volatile PushHandler handler = (feed, body, type) -> {};

  /**
   * @param callbackBase this service's public base URL, e.g. {@code https://ingest.example.org}
   *     (a supplier: the port may be known only once the HTTP side has started)
   */
  public WebSubSubscriber(HttpFetcher fetcher, java.util.function.Supplier<String> callbackBase, Clock clock) {
    this.fetcher = fetcher;
    this.callbackBase = callbackBase;
    this.clock = clock;
  }

  private String callback(String feedId) {
    String base = callbackBase.get();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/websub/" + feedId;
  }

  public void onPush(PushHandler h) {
    this.handler = h;
  }

  public void routes(RoutesConfig r) {
    r.get("/websub/{feedId}", this::verify);
    r.post("/websub/{feedId}", this::push);
  }

  /** Whether pushes for this feed are expected now (verified, lease not run out). */
  public boolean active(String feedId) {
    Subscription s = subscriptions.get(feedId);
    return s != null && s.expiresAt() != null && s.expiresAt().isAfter(clock.instant());
  }

  /** Called after each successful poll of a feed that names a hub: subscribes or renews when due. */
  public void maybeSubscribe(Feed feed, String hub, String topic) {
    if (hub == null) {
      return;
    }
    Instant now = clock.instant();
    Subscription s = subscriptions.get(feed.id());
    String wantedTopic = topic != null ? topic : feed.url();
    if (s != null && s.hub().toString().equals(hub) && s.topic().equals(wantedTopic)) {
      if (s.expiresAt() == null && s.requestedAt().plus(PENDING_RETRY).isAfter(now)) {
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
    String secret = AdminKey.newKey("");
    subscriptions.put(feed.id(), new Subscription(feed, hubUri, wantedTopic, secret, now, null));
    FetchResult r = fetcher.postForm(hubUri, Map.of(
        "hub.mode", "subscribe",
        "hub.topic", wantedTopic,
        "hub.callback", callback(feed.id()),
        "hub.secret", secret,
        "hub.lease_seconds", Long.toString(LEASE.toSeconds())));
    if (r instanceof FetchResult.Failed f) {
      LOG.info("feed {}: hub {} refused the subscription: {}", feed.id(), hub, f.reason());
    }
  }

  /** §5.3: the hub checks that we asked; echo its challenge only for a subscription we requested. */
  private void verify(Context ctx) {
    String feedId = ctx.pathParam("feedId");
    String mode = ctx.queryParam("hub.mode");
    String topic = ctx.queryParam("hub.topic");
    Subscription s = subscriptions.get(feedId);
    if (s == null || topic == null || !topic.equals(s.topic())) {
      ctx.status(404).result("no such subscription");
      return;
    }
    if ("denied".equals(mode)) {
      LOG.info("feed {}: hub denied the subscription ({})", feedId, ctx.queryParam("hub.reason"));
      subscriptions.remove(feedId);
      ctx.status(200);
      return;
    }
    String challenge = ctx.queryParam("hub.challenge");
    if (!"subscribe".equals(mode) || challenge == null) {
      ctx.status(404).result("only subscriptions are verified here");
      return;
    }
    long leaseSeconds = parseLease(ctx.queryParam("hub.lease_seconds"));
    Instant now = clock.instant();
    subscriptions.put(feedId, new Subscription(s.feed(), s.hub(), s.topic(), s.secret(), now, now.plusSeconds(leaseSeconds)));
    ctx.status(200).contentType("text/plain").result(challenge);
  }

  /**
   * §8: a push. Answered 2xx even when the signature is wrong (§8.1 asks so, to tell nothing to a
   * forger), but then the content is dropped. Valid content is ingested off the request thread.
   */
  private void push(Context ctx) {
    String feedId = ctx.pathParam("feedId");
    Subscription s = subscriptions.get(feedId);
    byte[] body = ctx.bodyAsBytes();
    if (s == null) {
      ctx.status(410).result("not subscribed"); // §7: tells the hub to stop
      return;
    }
    if (!signatureValid(ctx.header("X-Hub-Signature"), s.secret(), body)) {
      LOG.warn("feed {}: dropped a push with a missing or wrong signature", feedId);
      ctx.status(202);
      return;
    }
    String type = ctx.contentType();
    pushes.execute(() -> handler.pushed(s.feed(), body, type));
    ctx.status(202);
  }

  static boolean signatureValid(String header, String secret, byte[] body) {
    if (header == null || !header.contains("=")) {
      return false;
    }
    String method = header.substring(0, header.indexOf('=')).toLowerCase(Locale.ROOT);
    String algorithm = switch (method) {
      case "sha1" -> "HmacSHA1";
      case "sha256" -> "HmacSHA256";
      case "sha384" -> "HmacSHA384";
      case "sha512" -> "HmacSHA512";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] expected = hmac(algorithm, secret, body);
      byte[] given = HexFormat.of().parseHex(header.substring(header.indexOf('=') + 1).strip());
      return MessageDigest.isEqual(expected, given);
    } catch (IllegalArgumentException e) {
      return false; // not hex
    }
  }

  static byte[] hmac(String algorithm, String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }

  private static long parseLease(String text) {
    try {
      long s = text == null ? LEASE.toSeconds() : Long.parseLong(text);
      return s > 0 ? s : LEASE.toSeconds();
    } catch (NumberFormatException e) {
      return LEASE.toSeconds();
    }
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
