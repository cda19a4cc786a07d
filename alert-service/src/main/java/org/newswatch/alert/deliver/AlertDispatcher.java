package org.newswatch.alert.deliver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert of an {@code immediate} subscription to its webhooks and e-mail address, each
 * destination through its own {@link DestinationQueue}, and says when a record is durably done:
 * every channel delivered, or failed after its retries and written to {@code news.deadletter}. No
 * Kafka types: {@link DeliveryLoop} reads and commits, this class sends.
 *
 * <p>Nothing here blocks the caller. Webhook attempts are asynchronous and bounded ({@link
 * WebhookSender}); e-mail attempts block on threads of their own; retries are scheduled on a timer,
 * never slept. So a dead receiver costs its own queue time and nobody else's.
 */
final class AlertDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  /** How long to wait before writing a dead letter again when Kafka did not take it. */
  private static final Duration DEAD_LETTER_RETRY = Duration.ofSeconds(5);

  private final Function<String, Optional<Subscription>> subscriptions;
  private final WebhookSender webhooks;

  /** Null when SMTP is not configured (e-mail channels are then refused when saved). */
  private final EmailSender email;

  private final DeadLetterWriter deadLetters;
  private final DeliveryLog log;
  private final Clock clock;
  private final DeliverySettings settings;
  private final Counter delivered;
  private final Counter failed;
  private final Counter failedErrors;
  private final Map<String, DestinationQueue> queues = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("alert-delivery-timer").daemon().factory());

  /** Address checks (DNS), completions and dead-letter writes: blocking, short, many at once. */
  private final ExecutorService work =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-delivery-", 0).factory());

  /**
   * Jakarta Mail blocks inside synchronized methods (which pin virtual threads on JDK 21): platform
   * threads.
   */
  private final ExecutorService mail;

  private volatile boolean closed;

  /**
   * @param email the e-mail sender, or null without SMTP
   */
  public AlertDispatcher(
      Function<String, Optional<Subscription>> subscriptions,
      WebhookSender webhooks,
      EmailSender email,
      DeadLetterWriter deadLetters,
      DeliveryLog log,
      Clock clock,
      MeterRegistry meters,
      DeliverySettings settings) {
    this.subscriptions = subscriptions;
    this.webhooks = webhooks;
    this.email = email;
    this.deadLetters = deadLetters;
    this.log = log;
    this.clock = clock;
    this.settings = settings;
    this.mail =
        Executors.newFixedThreadPool(
            settings.perDestination(),
            Thread.ofPlatform().name("alert-mail-", 0).daemon().factory());
    this.delivered =
        Counter.builder("newswatch.alert.deliveries").tag("outcome", "delivered").register(meters);
    this.failed =
        Counter.builder("newswatch.alert.deliveries").tag("outcome", "failed").register(meters);
    this.failedErrors = ServiceMeters.errors(meters, "delivery-failed");
  }

  /**
   * Takes one alert as read ({@code record}: its bytes, the webhook's body and any dead letter's
   * payload). {@code done} runs once, on some thread, when the alert is durably done; never for one
   * still being delivered when {@link #close()} is called.
   */
  public void dispatch(Alert alert, byte[] record, RecordOrigin origin, Runnable done) {
    if (closed) {
      return;
    }
    Optional<Subscription> s = subscriptions.apply(alert.subscriptionId());
    List<Subscription.Channel> channels =
        s
            .filter(x -> x.schedule() == Subscription.Schedule.immediate)
            .map(Subscription::channels)
            .orElse(List.of())
            .stream()
            .filter(
                c ->
                    c.type().equals("webhook")
                        || c.type()
                            .equals("email")) // atom: read by the feed reader, nothing to send
            .toList();
    if (channels.isEmpty()) {
      done.run();
      return;
    }
    AtomicInteger left = new AtomicInteger(channels.size());
    Runnable oneDone =
        () -> {
          if (left.decrementAndGet() == 0) {
            done.run();
          }
        };
    for (Subscription.Channel c : channels) {
      enqueue(new Delivery(alert, record, origin, s.get(), c, clock.instant(), oneDone));
    }
  }

  private void enqueue(Delivery d) {
    Optional<String> destination;
    if (d.isEmail()) {
      if (email == null) {
        fail(d, "refused: SMTP is not configured (" + SmtpSettings.HOST + ")");
        return;
      }
      try {
        d.message =
            email.message(
                d.alert().id(), AlertMail.of(d.alert(), d.subscription().name()), d.channel().to());
      } catch (MessagingException e) {
        fail(d, "refused: " + e.getMessage());
        return;
      }
      destination = Optional.of("e-mail through " + email.server());
    } else {
      destination = WebhookSender.destination(d.channel()).map(h -> "webhook " + h);
    }
    if (destination.isEmpty()) {
      fail(d, "refused: webhook url cannot be parsed");
      return;
    }
    DestinationQueue queue =
        queues.computeIfAbsent(
            destination.get(),
            name ->
                new DestinationQueue(
                    name, settings.perDestination(), settings.destinationBacklog()));
    switch (queue.admit(d)) {
      case START -> {
        d.queue = queue;
        start(d);
      }
      case QUEUED -> d.queue = queue;
      case FULL ->
          fail(
              d,
              "not sent: "
                  + queue.waiting()
                  + " deliveries already waiting for "
                  + queue.name()
                  + " (the receiver is slow or down)");
    }
  }

  /** Starts the delivery's next attempt without waiting for it. */
  private void start(Delivery d) {
    if (d.isEmail()) {
      execute(mail, () -> attempted(d, guarded(() -> email.attempt(d.message))));
    } else {
      // The address check resolves the host: on a worker, not on the caller's thread.
      execute(
          work,
          () -> {
            CompletableFuture<Attempt> attempt;
            try {
              attempt = webhooks.attempt(d.alert().id(), d.record(), d.channel());
            } catch (RuntimeException e) {
              attempt =
                  CompletableFuture.completedFuture(
                      Attempt.retry(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            attempt.thenAccept(a -> execute(work, () -> attempted(d, a)));
          });
    }
  }

  /** An attempt that throws is one more failed attempt, so a delivery always ends. */
  private static Attempt guarded(Supplier<Attempt> attempt) {
    try {
      return attempt.get();
    } catch (RuntimeException e) {
      return Attempt.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void attempted(Delivery d, Attempt a) {
    int attempts = d.attempted(a.description());
    Backoff backoff = d.isEmail() ? email.backoff() : webhooks.backoff();
    switch (a.outcome()) {
      case DELIVERED -> {
        record(d, true);
        finish(d);
      }
      case RETRY -> {
        if (attempts < backoff.attempts()) {
          schedule(() -> start(d), backoff.before(attempts + 1));
        } else {
          fail(d, null);
        }
      }
      case FINAL -> fail(d, null);
    }
  }

  /**
   * Dead-letters a delivery that failed for good, then finishes it. {@code reason}: why, when no
   * attempt says it.
   */
  private void fail(Delivery d, String reason) {
    if (reason != null) {
      d.attempted(reason);
    }
    record(d, false);
    List<String> attempts = d.attempts();
    String error =
        d.channel().type()
            + " delivery failed after "
            + attempts.size()
            + " attempt(s): "
            + attempts.get(attempts.size() - 1);
    execute(
        work,
        () ->
            deadLetter(d.alert().id(), d.record(), error, d.origin(), d.target(), () -> finish(d)));
  }

  private void record(Delivery d, boolean ok) {
    Alert a = d.alert();
    log.add(
        new DeliveryLog.Delivery(
            a.id(),
            a.subscriptionId(),
            a.owner(),
            d.channel().type(),
            d.target(),
            ok,
            d.attempts(),
            clock.instant()));
    if (ok) {
      delivered.increment();
    } else {
      failed.increment();
      failedErrors.increment();
    }
  }

  private void finish(Delivery d) {
    if (d.queue != null) {
      Delivery next = d.queue.done(d);
      if (next != null) {
        start(next);
      }
    }
    d.finished();
  }

  /**
   * Blocks for Kafka's acknowledgement; if Kafka does not take it, tries again later: the record
   * stays unfinished meanwhile.
   */
  private void deadLetter(
      String key, byte[] payload, String error, RecordOrigin origin, String target, Runnable then) {
    try {
      deadLetters.write(key, payload, error, origin, target);
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn(
            "cannot dead-letter failed delivery {} yet, trying again in {} s: {}",
            key,
            DEAD_LETTER_RETRY.toSeconds(),
            e.getMessage());
        schedule(
            () -> execute(work, () -> deadLetter(key, payload, error, origin, target, then)),
            DEAD_LETTER_RETRY);
      }
      return;
    }
    then.run();
  }

  private void schedule(Runnable task, Duration after) {
    try {
      timers.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: the record was not finished, so it is delivered again at the next start.
    }
  }

  private void execute(ExecutorService executor, Runnable task) {
    if (closed) {
      return;
    }
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: as in schedule().
    }
  }

  /**
   * Destinations whose oldest alert has waited longer than {@code stuckAfter}, each named by kind
   * and host (never a path, query or secret): what {@code /health} reports.
   */
  public List<String> stuck() {
    Instant now = clock.instant();
    List<String> out = new ArrayList<>();
    for (DestinationQueue q : queues.values()) {
      q.oldest()
          .filter(t -> Duration.between(t, now).compareTo(settings.stuckAfter()) > 0)
          .ifPresent(
              t ->
                  out.add(
                      "alert delivery stuck: "
                          + q.name()
                          + " has had an alert waiting "
                          + Duration.between(t, now).toSeconds()
                          + " s ("
                          + q.active()
                          + " sending, "
                          + q.waiting()
                          + " waiting)"));
    }
    return out;
  }

  /**
   * Stops sending. Deliveries in flight are abandoned unfinished: their records are read again at
   * the next start.
   */
  @Override
  public void close() {
    closed = true;
    timers.shutdownNow();
    work.shutdownNow();
    mail.shutdownNow();
    try {
      mail.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
