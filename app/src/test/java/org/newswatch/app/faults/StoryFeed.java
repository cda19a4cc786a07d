package org.newswatch.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.newswatch.app.NewsSite;
import org.newswatch.common.Hashes;
import org.newswatch.ingest.extract.StoryIds;
import org.newswatch.ingest.fetch.UrlCanonicalizer;

/**
 * Publishes distinct stories on a loopback {@link NewsSite} at a steady pace from a thread of its
 * own, as a news site does while a fault happens, and remembers what it published. Every story
 * carries {@link #MARKER} (one search finds them all); every other one also {@link #ALERT_WORD},
 * which the fault tests' subscription asks for.
 *
 * <p>Stories are random sentences over a vocabulary of news words, each checked to be far (in
 * SimHash bits) from every earlier one: the ingest-service gives near-duplicates one story id and
 * the alert-service one alert per story, so look-alike stories would make the expected alerts
 * ambiguous.
 */
public final class StoryFeed implements AutoCloseable {
  /** In every story: {@code q=Faultmarker} counts them all. */
  public static final String MARKER = "Faultmarker";

  /** In every other story: the subscription of the fault tests asks for it. */
  public static final String ALERT_WORD = "Quillhaven";

  private static final List<String> WORDS =
      List.of(
              """
      minister council budget harvest railway river bridge museum festival hospital teachers union
      strike factory exports wheat cotton rainfall drought flood airport pilots engineers court judge
      verdict election candidate parliament senate mayor district village farmers market prices fuel
      electricity shortage solar wind turbine coal mine workers miners school students university exam
      scholarship library archive painting theatre orchestra concert football league stadium coach
      players tournament champion medal swimming athletics marathon cyclist mountain glacier forest
      wildlife tigers elephants birds migration ocean harbour ships cargo container port customs
      tariff currency bank inflation interest loans savings pension insurance company shares investors
      startup software internet mobile network satellite rocket launch telescope planet comet vaccine
      clinic nurses doctors patients surgery research laboratory chemistry physics biology genome
      virus outbreak recovery tourism hotel travellers visa passport embassy ambassador summit treaty
      dialogue trade agreement pipeline refinery gas oil reserves drilling fishermen boats storm
      cyclone rescue volunteers charity donations orphanage housing rent apartments construction
      cement steel highway traffic accident police investigation witness lawyer appeal prison reform
      newspaper editor journalist broadcast radio television film director actor award novel poet
      language heritage mosque temple church pilgrims ceremony wedding population census survey
      statistics economy growth recession unemployment wages salaries taxes revenue deficit debt
      bonds auction gold silver copper textiles garments leather furniture carpets spices tea coffee
      sugar rice fruit vegetables dairy poultry fisheries irrigation canal dam reservoir water supply
      sanitation waste recycling pollution smog emissions climate heatwave monsoon snowfall avalanche
      earthquake tremor aftershock shelter blankets convoy relief aid grant scheme programme budgetary
      committee hearing inquiry report findings audit contract tender bidding licence permit ban
      protest march rally slogans banners crowd speech anniversary memorial veterans parade"""
                  .split("\\s+"))
          .stream()
          .filter(w -> !w.isBlank())
          .toList();

  /**
   * Stories closer than this in SimHash bits are regenerated; the ingest-service's threshold is 14.
   */
  private static final int MIN_DISTANCE = 24;

  private final NewsSite site;
  private final Random random;
  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final List<Long> fingerprints = new ArrayList<>();
  private final ScheduledExecutorService pace =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "story-feed"));

  /**
   * A story as published: its page URL, the article id the ingest-service gives it, and whether it
   * should alert.
   */
  public record Published(String url, String articleId, String title, boolean alerting) {}

  public StoryFeed(NewsSite site, long seed) {
    this.site = site;
    this.random = new Random(seed);
  }

  /**
   * Publishes {@code count} stories, one every {@code every}, from now on; returns at once. A
   * second call while the first runs interleaves the two.
   */
  void publishSteadily(int count, Duration every) {
    AtomicInteger left = new AtomicInteger(count);
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(
        pace.scheduleAtFixedRate(
            () -> {
              if (left.getAndDecrement() > 0) {
                publishOne();
              } else if (task.get() != null) {
                task.get().cancel(false);
              }
            },
            0,
            every.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  /** Publishes one story now. */
  public synchronized Published publishOne() {
    int n = published.size();
    boolean alerting = n % 2 == 0;
    String title;
    String[] paragraphs;
    long fingerprint;
    do {
      title = capitalise(sentence(7)).replace(".", "");
      paragraphs =
          new String[] {
            sentence(14)
                + " "
                + sentence(12)
                + " "
                + (alerting ? ALERT_WORD + " residents were told about it." : ""),
            sentence(16) + " " + sentence(11),
            sentence(13) + " " + MARKER + " " + n + "."
          };
      fingerprint = StoryIds.fingerprint(title, String.join("\n\n", paragraphs));
    } while (tooClose(fingerprint));
    fingerprints.add(fingerprint);
    String path = "/faults/story-" + n + ".html";
    site.publish(new NewsSite.Item(path, title, "en", paragraphs));
    String url = site.url(path);
    Published p =
        new Published(url, Hashes.id(UrlCanonicalizer.canonicalize(url)), title, alerting);
    published.add(p);
    return p;
  }

  private boolean tooClose(long fingerprint) {
    return fingerprints.stream().anyMatch(f -> StoryIds.distance(f, fingerprint) < MIN_DISTANCE);
  }

  private String sentence(int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return capitalise(b.toString()) + ".";
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** What has been published so far, oldest first. */
  public List<Published> published() {
    return List.copyOf(published);
  }

  public int count() {
    return published.size();
  }

  @Override
  public void close() {
    pace.shutdownNow();
  }
}
