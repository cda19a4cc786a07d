package org.newswatch.alert.deliver;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;

/**
 * One alert on its way to one channel, through its attempts. Identity matters: a {@link
 * DestinationQueue} holds deliveries by reference.
 */
final class Delivery {
  private final Alert alert;
  private final byte[] record;
  private final RecordOrigin origin;
  private final Subscription subscription;
  private final Subscription.Channel channel;
  private final Instant queuedAt;
  private final Runnable finished;
  private final List<String> attempts = new ArrayList<>();

  /** The e-mail as every attempt sends it; null for a webhook. */
  MimeMessage message;

  /** The queue holding a slot for this delivery; null until admitted. */
  DestinationQueue queue;

  /**
   * @param record the alert record's bytes as read: the webhook's body and the dead letter's
   *     payload
   * @param finished runs once, when this delivery is durably done (delivered, or dead-lettered)
   */
  Delivery(
      Alert alert,
      byte[] record,
      RecordOrigin origin,
      Subscription subscription,
      Subscription.Channel channel,
      Instant queuedAt,
      Runnable finished) {
    this.alert = alert;
    this.record = record;
    this.origin = origin;
    this.subscription = subscription;
    this.channel = channel;
    this.queuedAt = queuedAt;
    this.finished = finished;
  }

  Alert alert() {
    return alert;
  }

  byte[] record() {
    return record;
  }

  RecordOrigin origin() {
    return origin;
  }

  Subscription subscription() {
    return subscription;
  }

  Subscription.Channel channel() {
    return channel;
  }

  Instant queuedAt() {
    return queuedAt;
  }

  boolean isEmail() {
    return "email".equals(channel.type());
  }

  /** Where it goes, as the delivery log and the dead letter's target header show it. */
  String target() {
    return isEmail() ? "mailto:" + channel.to() : channel.url();
  }

  synchronized int attempted(String description) {
    attempts.add(description);
    return attempts.size();
  }

  synchronized List<String> attempts() {
    return List.copyOf(attempts);
  }

  void finished() {
    finished.run();
  }
}
