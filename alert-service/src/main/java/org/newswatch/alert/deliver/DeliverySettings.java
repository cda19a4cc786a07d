package org.newswatch.alert.deliver;

import java.time.Duration;

/**
 * How the delivery of immediate alerts is bounded, so that one slow or dead receiver delays nobody
 * else's alerts.
 *
 * @param perDestination deliveries in flight at once to one webhook host (or through the SMTP
 *     server)
 * @param destinationBacklog deliveries that may wait for one destination; past it an alert to that
 *     destination is dead-lettered at once ("backlog full") instead of holding the others back
 * @param maxInFlight alert records read but not yet delivered or dead-lettered, over all
 *     destinations; at this many the delivery loop pauses reading (and keeps polling)
 * @param stuckAfter an alert waiting longer than this for its destination makes {@code /health} say
 *     so, naming the destination (a loop that stops polling is its {@code ConsumerLoop}'s problem,
 *     after {@code ConsumerProgress.SILENCE})
 */
public record DeliverySettings(
    int perDestination, int destinationBacklog, int maxInFlight, Duration stuckAfter) {
  public DeliverySettings {
    if (perDestination < 1 || destinationBacklog < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("delivery bounds must be at least 1");
    }
    if (stuckAfter == null || stuckAfter.isNegative() || stuckAfter.isZero()) {
      throw new IllegalArgumentException("stuckAfter must be positive");
    }
  }

  /**
   * Two deliveries at once per host (a receiver's restart costs each waiting alert at most one
   * retry round, about 1 min with five attempts of up to 10 s); 1,000 waiting per host; 5,000 in
   * flight in all (each an alert of about 1 KB: a few MB); stuck after 3 min, longer than one
   * alert's whole retry round.
   */
  public static DeliverySettings defaults() {
    return new DeliverySettings(2, 1_000, 5_000, Duration.ofMinutes(3));
  }
}
