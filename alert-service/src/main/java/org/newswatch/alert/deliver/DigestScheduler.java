package org.newswatch.alert.deliver;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.Hashes;
import org.newswatch.common.Json;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the hourly and daily digests of subscriptions with those schedules to their webhooks and
 * e-mail addresses: one signed POST or one e-mail per subscription and period ({@code [start,
 * end)}, whole UTC hours or days) that had alerts, with the digest id as idempotency key. Checked
 * every minute.
 *
 * <p>Which period was last sent is kept per subscription in {@code digests.json} in the data
 * folder, written after the sending, so a restart resends at most the digest in hand (same id:
 * receivers drop the repeat). A subscription seen for the first time starts with the current
 * period: no digest of the past. At most the 24 most recent missed periods are caught up after a
 * long stop.
 */
public final class DigestScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);
  static final int MAX_CATCH_UP = 24;

  /** Alerts in one digest at most (the newest, counting those of the period in progress). */
  private static final int MAX_ALERTS = 10_000;

  private final Supplier<Collection<Subscription>> subscriptions;
  private final AlertStore store;
  private final WebhookSender webhooks;

  /** Null when SMTP is not configured. */
  private final EmailSender email;

  private final DeadLetterWriter deadLetters;
  private final DeliveryLog log;
  private final Clock clock;
  private final Path stateFile;
  private final Map<String, Instant> lastSentEnd;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "alert-digests"));

  /** The body of a digest delivery. */
  public record Digest(
      String id,
      String subscriptionId,
      String name,
      Subscription.Schedule schedule,
      Instant from,
      Instant to,
      List<Alert> alerts) {}

  public DigestScheduler(
      Supplier<Collection<Subscription>> subscriptions,
      AlertStore store,
      WebhookSender webhooks,
      DeadLetterWriter deadLetters,
      DeliveryLog log,
      Clock clock,
      Path dataDir) {
    this(subscriptions, store, webhooks, null, deadLetters, log, clock, dataDir);
  }

  /**
   * @param email the e-mail sender, or null without SMTP
   */
  public DigestScheduler(
      Supplier<Collection<Subscription>> subscriptions,
      AlertStore store,
      WebhookSender webhooks,
      EmailSender email,
      DeadLetterWriter deadLetters,
      DeliveryLog log,
      Clock clock,
      Path dataDir) {
    this.email = email;
    this.subscriptions = subscriptions;
    this.store = store;
    this.webhooks = webhooks;
    this.deadLetters = deadLetters;
    this.log = log;
    this.clock = clock;
    this.stateFile = dataDir.resolve("digests.json");
    this.lastSentEnd = load(stateFile);
  }

  public DigestScheduler start() {
    timer.scheduleWithFixedDelay(this::runSafely, 1, 60, TimeUnit.SECONDS);
    return this;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("digest round failed; next round in a minute", e);
    }
  }

  /** One round: every due digest sent (or dead-lettered), then the state saved. */
  public synchronized void runOnce() throws InterruptedException {
    Instant now = clock.instant();
    boolean changed = false;
    for (Subscription s : subscriptions.get()) {
      Duration period =
          switch (s.schedule()) {
            case hourly -> Duration.ofHours(1);
            case daily -> Duration.ofDays(1);
            case immediate -> null;
          };
      if (period == null
          || s.channels().stream()
              .noneMatch(c -> c.type().equals("webhook") || c.type().equals("email"))) {
        continue;
      }
      Instant currentStart = floor(now, period);
      Instant last = lastSentEnd.get(s.id());
      if (last == null) {
        lastSentEnd.put(s.id(), currentStart);
        changed = true;
        continue;
      }
      Instant start =
          last.isBefore(currentStart.minus(period.multipliedBy(MAX_CATCH_UP)))
              ? currentStart.minus(period.multipliedBy(MAX_CATCH_UP))
              : last;
      for (; start.isBefore(currentStart); start = start.plus(period)) {
        send(s, start, start.plus(period));
      }
      if (!currentStart.equals(last)) {
        lastSentEnd.put(s.id(), currentStart);
        changed = true;
      }
    }
    if (changed) {
      save();
    }
  }

  private void send(Subscription s, Instant from, Instant to) throws InterruptedException {
    // Through the subscription's own index; alerts of the period the store already let go are not
    // in the digest.
    List<Alert> alerts =
        store.page(new AlertStore.Query(s.id(), null, from), null, MAX_ALERTS).items().stream()
            .filter(a -> a.createdAt().isBefore(to))
            .toList();
    if (alerts.isEmpty()) {
      return;
    }
    String id = "digest-" + Hashes.id("digest", s.id(), from.toString());
    Digest digest = new Digest(id, s.id(), s.name(), s.schedule(), from, to, alerts.reversed());
    byte[] body = Json.toBytes(digest);
    for (Subscription.Channel channel : s.channels()) {
      SendResult result;
      String target;
      switch (channel.type()) {
        case "webhook" -> {
          result = webhooks.send(id, body, channel);
          target = channel.url();
        }
        case "email" -> {
          target = "mailto:" + channel.to();
          result =
              email == null
                  ? new SendResult(
                      false, List.of("refused: SMTP is not configured (" + SmtpSettings.HOST + ")"))
                  : email.send(id, AlertMail.of(digest), channel.to());
        }
        default -> {
          continue;
        }
      }
      log.add(
          new DeliveryLog.Delivery(
              id,
              s.id(),
              s.owner(),
              channel.type() + " digest",
              target,
              result.delivered(),
              result.attempts(),
              clock.instant()));
      if (!result.delivered()) {
        deadLetters.write(
            id,
            body,
            "digest "
                + from
                + "/"
                + to
                + " delivery failed after "
                + result.attempts().size()
                + " attempt(s): "
                + result.lastError(),
            null,
            target);
      }
    }
  }

  static Instant floor(Instant t, Duration period) {
    long p = period.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), p) * p);
  }

  private static Map<String, Instant> load(Path file) {
    if (!Files.exists(file)) {
      return new HashMap<>();
    }
    try {
      return new HashMap<>(
          Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Instant>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read digest state " + file + " (delete it to start digests afresh)", e);
    }
  }

  private void save() {
    try {
      Files.createDirectories(stateFile.getParent());
      Path tmp = stateFile.resolveSibling("digests.json.tmp");
      Files.write(tmp, Json.toBytes(lastSentEnd));
      // Atomic: a crash leaves the old state or the new, never half a file.
      Files.move(
          tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write digest state " + stateFile, e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
