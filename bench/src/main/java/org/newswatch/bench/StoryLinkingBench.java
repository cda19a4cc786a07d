package org.newswatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Extraction;
import org.newswatch.common.places.PlaceResolver;
import org.newswatch.ingest.extract.StoryClusterer;
import org.newswatch.ingest.story.CrossLanguageMatcher;
import org.newswatch.ingest.story.NearDuplicateMatcher;
import org.newswatch.ingest.story.StoryMatcher;

/**
 * Story linking cost per article with a week of articles remembered: {@code --link-remembered N}
 * (default 200,000, the matchers' capacity) articles are replayed into the matcher ({@code
 * remember}, as the linker does at start), then {@code --link-articles N} (default 20,000) more are
 * assigned one at a time and each call is timed. Generated articles: a share ({@code
 * --link-border-share}, default 0.25; 1.0 for the worst case) report border events in English, Urdu
 * or Persian (a place, a group in two of five, a count in each script's digits, a kind of event;
 * one to three reports per event, hours apart), the rest are general news naming no place; every
 * body has {@code --link-body-words} (default 300) Zipf-distributed pseudo-words after its lead.
 * Places are tagged before timing, as ingest tags them before the linker. The same articles go
 * through {@link NearDuplicateMatcher} (today's same-language SimHash rule) for comparison.
 */
final class StoryLinkingBench {
  private StoryLinkingBench() {}

  record Options(int remembered, int articles, int bodyWords, double borderShare) {
    static Options parse(String[] args) {
      int remembered = CrossLanguageMatcher.DEFAULT_CAPACITY;
      int articles = 20_000;
      int bodyWords = 300;
      double share = 0.25;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--link-remembered" ->
              remembered = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
          case "--link-articles" ->
              articles = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
          case "--link-body-words" -> bodyWords = Integer.parseInt(args[++i]);
          case "--link-border-share" -> share = Double.parseDouble(args[++i]);
          default ->
              throw new IllegalArgumentException(
                  "unknown flag "
                      + args[i]
                      + "; use --link-remembered N --link-articles N --link-body-words N --link-border-share 0..1");
        }
      }
      if (remembered < 1 || articles < 1 || bodyWords < 0 || share < 0 || share > 1) {
        throw new IllegalArgumentException(
            "counts must be positive and the border share between 0 and 1");
      }
      return new Options(remembered, articles, bodyWords, share);
    }
  }

  public static void main(String[] args) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (RuntimeException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("| measure | value | note |\n|---|---|---|");
    for (String[] r : run(o)) {
      System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |");
    }
  }

  static List<String[]> run(Options o) {
    List<String[]> rows = new ArrayList<>();
    rows.addAll(measure("CrossLanguageMatcher", new CrossLanguageMatcher(), o));
    rows.addAll(
        measure(
            "NearDuplicateMatcher (before: same-language SimHash only)",
            new NearDuplicateMatcher(new StoryClusterer()),
            o));
    return rows;
  }

  private static List<String[]> measure(String name, StoryMatcher matcher, Options o) {
    System.err.printf(
        Locale.ROOT, "bench: story linking, %s: replaying %,d articles …%n", name, o.remembered());
    long heapBefore = Memory.heapUsedAfterGc();
    Stream stream = new Stream(o, 11);
    long replayNanos = 0;
    for (int i = 0; i < o.remembered(); i++) {
      Article a = stream.next(true);
      long t0 = System.nanoTime();
      matcher.remember(a);
      replayNanos += System.nanoTime() - t0;
    }
    long heapAfter = Memory.heapUsedAfterGc();
    long comparisonsBefore = matcher instanceof CrossLanguageMatcher c ? c.comparisons() : 0;
    long[] nanos = new long[o.articles()];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = 0;
    for (int i = 0; i < o.articles(); i++) {
      Article a = stream.next(false);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      matcher.assign(a);
      nanos[i] = System.nanoTime() - t0;
      cpu += threads.getCurrentThreadCpuTime() - c0;
    }
    long comparisons =
        matcher instanceof CrossLanguageMatcher c ? c.comparisons() - comparisonsBefore : 0;
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1_000.0;
    String setup =
        String.format(
            Locale.ROOT,
            "%,d remembered, %,d assigned; %.0f %% border reports, %d-word bodies",
            o.remembered(),
            o.articles(),
            o.borderShare() * 100,
            o.bodyWords());
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "story linking per article, " + name + " (" + setup + ")",
          String.format(
              Locale.ROOT,
              "mean %.0f µs, p50 %.0f µs, p99 %.0f µs",
              mean,
              sorted[sorted.length / 2] / 1_000.0,
              sorted[(int) (sorted.length * 0.99)] / 1_000.0),
          String.format(
              Locale.ROOT,
              "one thread; CPU %.0f µs per article%s",
              cpu / 1_000.0 / o.articles(),
              matcher instanceof CrossLanguageMatcher
                  ? String.format(
                      Locale.ROOT,
                      "; %.0f candidate pairs scored per article (of %,d remembered)",
                      (double) comparisons / o.articles(),
                      o.remembered())
                  : "")
        });
    rows.add(
        new String[] {
          "story memory, "
              + name
              + " ("
              + String.format(Locale.ROOT, "%,d", o.remembered())
              + " articles remembered)",
          Memory.mb(Math.max(0, heapAfter - heapBefore)),
          String.format(
              Locale.ROOT,
              "heap after GC, before and after the replay; replay %.0f µs per article (remember, text analysis included)",
              replayNanos / 1_000.0 / o.remembered())
        });
    return rows;
  }

  /** A deterministic stream of articles, a week of them in time order (with jitter). */
  static final class Stream {
    private static final String[][] PLACES = {
      {"Turbat", "تربت", "تربت"},
      {"Panjgur", "پنجگور", "پنجگور"},
      {"Gwadar", "گوادر", "گوادر"},
      {"Quetta", "کوئٹہ", "کویته"},
      {"Zahedan", "زاہدان", "زاهدان"},
      {"Saravan", "سراوان", "سراوان"},
      {"Rask", "راسک", "راسک"},
      {"Chabahar", "چابہار", "چابهار"},
      {"Taftan", "تفتان", "تفتان"},
      {"Mirjaveh", "میرجاوہ", "میرجاوه"},
      {"Khash", "خاش", "خاش"},
      {"Dalbandin", "دالبندین", "دالبندین"},
      {"Nokkundi", "نوکنڈی", "نوکنڈی"},
      {"Mashkel", "ماشکیل", "ماشکیل"},
      {"Jiwani", "جیوانی", "جیوانی"},
      {"Buleda", "بلیدہ", "بلیده"},
      {"Zamuran", "زامران", "زامران"},
      {"Awaran", "آواران", "آواران"},
      {"Washuk", "واشک", "واشک"},
      {"Chagai", "چاغی", "چاغی"},
      {"Iranshahr", "ایرانشہر", "ایرانشهر"},
      {"Nikshahr", "نیکشہر", "نیکشهر"},
      {"Konarak", "کنارک", "کنارک"},
      {"Torkham", "طورخم", "طورخم"},
    };
    private static final String[][] GROUPS = {
      {"Balochistan Liberation Army", "بلوچستان لبریشن آرمی", "ارتش آزادی‌بخش بلوچستان"},
      {"Jaish al-Adl", "جیش العدل", "جیش‌العدل"},
      {"Balochistan Liberation Front", "بلوچستان لبریشن فرنٹ", "جبهه آزادی‌بخش بلوچستان"},
      {"Tehreek-e-Taliban Pakistan", "تحریک طالبان پاکستان", "طالبان پاکستان"},
    };

    /** Lead sentences per kind of event: %1$s place, %2$s count, %3$s group (may be empty). */
    private static final String[][] LEADS = {
      {
        "Attack in %1$s kills %2$s. %3$s claimed the attack on a checkpost.",
        "%1$s میں چوکی پر حملہ، %2$s اہلکار ہلاک۔ %3$s نے ذمہ داری قبول کی۔",
        "حمله به پاسگاهی در %1$s؛ %2$s کشته. %3$s مسئولیت را پذیرفت."
      },
      {
        "Blast in %1$s market kills %2$s people. %3$s",
        "%1$s کے بازار میں دھماکہ، %2$s افراد جاں بحق۔ %3$s",
        "انفجار در بازار %1$s؛ %2$s نفر کشته شدند. %3$s"
      },
      {
        "Floods in %1$s leave %2$s dead after heavy rain.",
        "%1$s میں بارش کے بعد سیلاب، %2$s افراد جاں بحق۔",
        "سیل پس از باران شدید در %1$s؛ %2$s نفر جان باختند."
      },
      {
        "%2$s people kidnapped in %1$s. %3$s",
        "%1$s سے %2$s افراد اغوا۔ %3$s",
        "ربوده شدن %2$s نفر در %1$s. %3$s"
      },
      {
        "Protest in %1$s over border trade.",
        "%1$s میں سرحدی تجارت پر احتجاج۔",
        "تجمع اعتراضی در %1$s درباره تجارت مرزی."
      },
    };

    private static final String[] LANGUAGES = {"en", "ur", "fa"};
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private final Options options;
    private final SplittableRandom random;
    private final ArticleGenerator words;
    private final PlaceResolver places = PlaceResolver.bundled();

    /** Seconds between articles: a week holds the matcher's capacity. */
    private final double step;

    private int n;

    /** The current event's reports still to come, and its facts. */
    private int pending;

    private int place;
    private int group;
    private int count;
    private int kind;
    private int firstLanguage;
    private long eventTime;

    Stream(Options options, long seed) {
      this.options = options;
      this.random = new SplittableRandom(seed);
      this.words = new ArticleGenerator(seed, 20_000, options.bodyWords());
      this.step = Duration.ofDays(7).toSeconds() / (double) CrossLanguageMatcher.DEFAULT_CAPACITY;
    }

    /** The next article; a remembered one carries a story id as a replayed record would. */
    Article next(boolean withStoryId) {
      int i = n++;
      long now = START.getEpochSecond() + (long) (i * step);
      String id = String.format(Locale.ROOT, "link-%08d", i);
      StringBuilder body = new StringBuilder(options.bodyWords() * 8 + 200);
      String title;
      String language;
      List<String> placeIds = List.of();
      if (pending == 0 && random.nextDouble() >= options.borderShare()) {
        language = LANGUAGES[random.nextInt(3)];
        title = words.randomWord() + " " + words.randomWord() + " " + words.randomWord();
      } else {
        if (pending == 0) {
          pending = 1 + random.nextInt(3);
          place =
              (int)
                  Math.min(
                      PLACES.length - 1,
                      Math.floor(Math.pow(random.nextDouble(), 2) * PLACES.length));
          group = random.nextInt(5) < 2 ? random.nextInt(GROUPS.length) : -1;
          count = 2 + random.nextInt(30);
          kind = random.nextInt(LEADS.length);
          firstLanguage = random.nextInt(3);
          eventTime = now;
        }
        int l = (firstLanguage + --pending) % 3;
        language = LANGUAGES[l];
        String lead =
            String.format(
                Locale.ROOT,
                LEADS[kind][l],
                PLACES[place][l],
                digits(count, l),
                group < 0 ? "" : GROUPS[group][l]);
        title = lead.substring(0, lead.indexOf(l == 1 ? '۔' : '.'));
        body.append(lead).append("\n\n");
        placeIds = places.placeIds(title, lead);
        now = eventTime + random.nextInt(6 * 3600);
      }
      for (int w = 0; w < options.bodyWords(); w++) {
        body.append(words.randomWord()).append(w % 17 == 16 ? ". " : " ");
      }
      Instant published = Instant.ofEpochSecond(now);
      Article a =
          new Article(
              Article.SCHEMA,
              id,
              "https://bench.example/" + id,
              null,
              "feed-" + language,
              "bench",
              title,
              body.toString(),
              List.of(),
              language,
              published,
              published.plusSeconds(90),
              withStoryId ? "s-" + id : null,
              null,
              new Extraction("page", List.of()));
      return a.withPlaces(placeIds);
    }

    /**
     * The count as the language writes it: ASCII in English, Persian digits in Urdu and Persian.
     */
    private static String digits(int value, int language) {
      String s = Integer.toString(value);
      if (language == 0) {
        return s;
      }
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        b.append((char) ('\u06F0' + (c - '0')));
      }
      return b.toString();
    }
  }
}
