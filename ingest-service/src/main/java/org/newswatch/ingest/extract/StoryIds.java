package org.newswatch.ingest.extract;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.newswatch.common.text.FunctionWords;

/**
 * SimHash fingerprints of article text (Charikar 2002; Manku, Jain and Das Sarma, "Detecting
 * near-duplicates for web crawling", WWW 2007): 64 bits in which texts that share most of their
 * words share most of their bits, so the same story syndicated or lightly rewritten lands within a
 * few bits, and a different story on the same topic lands far away.
 *
 * <p>Features are content words (function words of English, Urdu, Persian and Arabic dropped), cut
 * to five characters, each weighted by 1 + log(count). Word pairs and 3-word shingles were tried
 * and dropped: a light rewrite changes most of them, which put rewrites 16–20 bits apart, too near
 * different stories (23–33). Text is normalised first: NFKC, lower case, the Arabic-script letters
 * that vary between keyboards and code pages folded (ي/ی, ك/ک, ة/ه), diacritics and tatweel
 * removed, Persian and Arabic-Indic digits made ASCII.
 *
 * <p>A fingerprint alone cannot give near-duplicates one id (their bits differ a little); {@link
 * StoryClusterer} keeps recent fingerprints and hands out the id of the nearest earlier story.
 */
public final class StoryIds {
  /**
   * Texts within this many differing bits are the same story. Measured on the pairs in
   * StoryIdsTest: syndicated and lightly rewritten copies 4–13 bits apart, different stories on the
   * same topic 24–32, unrelated texts about 32. Short texts make SimHash noisy (a few bits either
   * way), hence the threshold sits nearer the near-duplicates.
   */
  public static final int SAME_STORY_BITS = 14;

  /** The function words, folded as text is (so that Arabic and Persian spellings both match). */
  private static final Set<String> STOPWORDS = new java.util.HashSet<>();

  static {
    for (String w : FunctionWords.WORDS) {
      STOPWORDS.add(fold(w));
    }
  }

  /**
   * Words are cut to their first five characters: a cheap stemmer for every language at once
   * ("closure"/"closed", Persian plurals in -ها), which is what a light rewrite changes most.
   */
  private static final int PREFIX = 5;

  private StoryIds() {}

  /**
   * A 128-bit SimHash of an article: two 64-bit halves from independent hashes of the same
   * features. The first names the story ({@link #format}); both decide whether two texts are one
   * story, since 64 bits alone let unrelated articles collide too often once a week of articles is
   * remembered (two random 64-bit values fall within 14 bits about once in 400,000 pairs).
   */
  public record Fingerprint(long first, long second) {
    /** Differing bits over all 128. */
    public int distance(Fingerprint other) {
      return Long.bitCount(first ^ other.first) + Long.bitCount(second ^ other.second);
    }
  }

  /**
   * Texts within this many of the 128 bits are one story: twice {@link #SAME_STORY_BITS}, the
   * 64-bit threshold measured on the pairs in StoryIdsTest. Unrelated texts are about 64 apart; two
   * random fingerprints fall within 28 bits about once in 10^11 pairs.
   */
  public static final int SAME_STORY_BITS_128 = 2 * SAME_STORY_BITS;

  /** The SimHash of the title and body; the language is not hashed (ids carry it instead). */
  public static long fingerprint(String title, String body) {
    return fingerprint128(title, body).first();
  }

  /** Both halves of the SimHash of the title and body. */
  public static Fingerprint fingerprint128(String title, String body) {
    List<String> words = words((title == null ? "" : title) + "\n" + (body == null ? "" : body));
    Map<String, Integer> features = new HashMap<>();
    for (String word : words) {
      features.merge(word.length() > PREFIX ? word.substring(0, PREFIX) : word, 1, Integer::sum);
    }
    double[] first = new double[64];
    double[] second = new double[64];
    for (Map.Entry<String, Integer> f : features.entrySet()) {
      long h = hash64(f.getKey());
      double weight = 1 + Math.log(f.getValue());
      add(first, h, weight);
      add(second, mix(h), weight);
    }
    return new Fingerprint(bits(first), bits(second));
  }

  private static void add(double[] v, long hash, double weight) {
    for (int bit = 0; bit < 64; bit++) {
      v[bit] += ((hash >>> bit) & 1) == 1 ? weight : -weight;
    }
  }

  private static long bits(double[] v) {
    long fp = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (v[bit] > 0) {
        fp |= 1L << bit;
      }
    }
    return fp;
  }

  /**
   * A second hash of a feature from its first (SplitMix64's finaliser): bits unrelated to the
   * first's.
   */
  static long mix(long h) {
    long z = h + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Differing bits between two fingerprints. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** The id string for a story: language, a dash, the fingerprint in hex ({@code ur-3f09…}). */
  public static String format(String language, long fingerprint) {
    return languageKey(language) + "-" + HexFormat.of().toHexDigits(fingerprint);
  }

  /** The language as ids spell it: lower case, "und" when unknown. */
  static String languageKey(String language) {
    return language == null || language.isBlank()
        ? "und"
        : language.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * A story id from this text alone: exact and normalised duplicates share it, near-duplicates do
   * not; use {@link StoryClusterer#assign} for those.
   */
  public static String storyId(String title, String body, String language) {
    return format(language, fingerprint(title, body));
  }

  /** Normalised content words, in order. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : fold(text).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty() && !STOPWORDS.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  static String fold(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder folded = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u064B' && c <= '\u065F' || c == '\u0670' || c == '\u0640') {
        continue; // harakat, superscript alef, tatweel
      }
      folded.append(
          switch (c) {
            case 'ي', 'ى' -> 'ی';
            case 'ك' -> 'ک';
            case 'ة', 'ۀ', 'ہ' -> 'ه';
            case 'أ', 'إ', 'آ', 'ٱ' -> 'ا';
            case 'ؤ' -> 'و';
            case '\u200c', '\u200d' -> ' ';
            default -> {
              if (c >= '\u06F0' && c <= '\u06F9') {
                yield (char) ('0' + (c - '\u06F0'));
              }
              if (c >= '\u0660' && c <= '\u0669') {
                yield (char) ('0' + (c - '\u0660'));
              }
              yield c;
            }
          });
    }
    return folded.toString();
  }

  /** 64-bit FNV-1a, then a murmur3 finaliser so that similar strings spread over all bits. */
  public static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
