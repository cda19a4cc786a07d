package org.newswatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.newswatch.ingest.feed.PollBounds;
import org.newswatch.ingest.fetch.FetchLimits;
import org.newswatch.ingest.story.CrossLanguageMatcher;
import org.newswatch.ingest.story.StoryMatcher;

/**
 * Tuning of the ingest-service that is not in the environment (DESIGN.md keeps that list short):
 * the all-in-one and standalone use {@link #defaults()}; tests shorten the first-poll spread.
 *
 * @param workers polls in flight at once
 * @param initialSpread first polls after start are spread over up to this long
 * @param bounds adaptive polling stays within these (1 minute to 1 hour by default)
 * @param publicUrl the URL at which WebSub hubs reach this service, or null: WebSub is then off
 * @param matchers a new, empty story matcher each time the story linker (re)builds its memory
 */
public record IngestOptions(
    int workers,
    Duration initialSpread,
    PollBounds bounds,
    FetchLimits fetchLimits,
    Clock clock,
    String publicUrl,
    Supplier<StoryMatcher> matchers) {
  public IngestOptions {
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("workers must be 1-256, was " + workers);
    }
    matchers = matchers == null ? IngestOptions::defaultMatcher : matchers;
  }

  /** With the default story matcher. */
  public IngestOptions(
      int workers,
      Duration initialSpread,
      PollBounds bounds,
      FetchLimits fetchLimits,
      Clock clock,
      String publicUrl) {
    this(workers, initialSpread, bounds, fetchLimits, clock, publicUrl, null);
  }

  /**
   * The story rule of a deployment, the one place that names it: near-duplicates in one language,
   * and one event's reports across English, Urdu and Persian.
   */
  public static StoryMatcher defaultMatcher() {
    return new CrossLanguageMatcher();
  }

  public static IngestOptions defaults() {
    // Polls mostly wait (on the network, and on each host's politeness gap), so workers are cheap;
    // with 8, a first cycle of 5,000 feeds took about 9 minutes (bench), with 64 under 2.
    return new IngestOptions(
        64,
        Duration.ofSeconds(60),
        PollBounds.DEFAULT,
        FetchLimits.DEFAULT,
        Clock.systemUTC(),
        null,
        null);
  }

  public IngestOptions withInitialSpread(Duration spread) {
    return new IngestOptions(workers, spread, bounds, fetchLimits, clock, publicUrl, matchers);
  }

  public IngestOptions withFetchLimits(FetchLimits limits) {
    return new IngestOptions(workers, initialSpread, bounds, limits, clock, publicUrl, matchers);
  }

  public IngestOptions withBounds(PollBounds newBounds) {
    return new IngestOptions(
        workers, initialSpread, newBounds, fetchLimits, clock, publicUrl, matchers);
  }

  /** Another story rule (tests, or a matcher under evaluation). */
  public IngestOptions withMatchers(Supplier<StoryMatcher> newMatchers) {
    return new IngestOptions(
        workers, initialSpread, bounds, fetchLimits, clock, publicUrl, newMatchers);
  }

  /** Turns WebSub on, with hubs calling back at this base URL. */
  public IngestOptions withPublicUrl(String url) {
    return new IngestOptions(workers, initialSpread, bounds, fetchLimits, clock, url, matchers);
  }
}
