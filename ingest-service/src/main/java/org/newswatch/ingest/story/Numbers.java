package org.newswatch.ingest.story;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.newswatch.common.text.ScriptNormalizer;

/**
 * The counts a news text gives (people killed, wounded, abducted), whatever digits or words write
 * them: {@code 7}, Persian {@code ۷}, Arabic-Indic {@code ٧}, {@code seven}, Urdu {@code سات},
 * Persian {@code هفت}. Years, clock times, decimals, percentages and days of the month are left
 * out, since they do not tell one event from another; so are 0 and 1 ("a soldier" in most
 * languages) and anything over {@link #MAX}.
 */
final class Numbers {
  /**
   * The largest count kept: casualty and arrest counts; larger numbers are money, years, distances.
   */
  static final int MAX = 9_999;

  private static final Map<String, Integer> WORDS = new HashMap<>();

  static {
    String[] english = {
      "two",
      "three",
      "four",
      "five",
      "six",
      "seven",
      "eight",
      "nine",
      "ten",
      "eleven",
      "twelve",
      "thirteen",
      "fourteen",
      "fifteen",
      "sixteen",
      "seventeen",
      "eighteen",
      "nineteen",
      "twenty"
    };
    // Urdu 2–20 (نو "nine" is also Persian "new", but an Urdu text means nine).
    String[] urdu = {
      "دو", "تین", "چار", "پانچ", "چھ", "سات", "آٹھ", "نو", "دس", "گیارہ", "بارہ", "تیرہ", "چودہ",
      "پندرہ", "سولہ", "سترہ", "اٹھارہ", "انیس", "بیس"
    };
    // Persian 2–20 without نه (9, also "not") and ده (10, also "village"): too often not a count.
    String[] persian = {
      "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", null, null, "یازده", "دوازده", "سیزده",
      "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده", "بیست"
    };
    for (int i = 0; i < english.length; i++) {
      WORDS.put("en:" + english[i], i + 2);
      WORDS.put("ur:" + key(urdu[i]), i + 2);
      if (persian[i] != null) {
        WORDS.put("fa:" + key(persian[i]), i + 2);
      }
    }
  }

  /** Month names (English, Urdu, Persian solar): a number beside one is a date, not a count. */
  private static final Set<String> MONTHS =
      Set.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "jan",
          "feb",
          "mar",
          "apr",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          key("جنوری"),
          key("فروری"),
          key("مارچ"),
          key("اپریل"),
          key("مئی"),
          key("جون"),
          key("جولائی"),
          key("اگست"),
          key("ستمبر"),
          key("اکتوبر"),
          key("نومبر"),
          key("دسمبر"),
          key("فروردین"),
          key("اردیبهشت"),
          key("خرداد"),
          key("تیر"),
          key("مرداد"),
          key("شهریور"),
          key("مهر"),
          key("آبان"),
          key("آذر"),
          key("دی"),
          key("بهمن"),
          key("اسفند"),
          key("ژانویه"),
          key("فوریه"),
          key("مارس"),
          key("آوریل"),
          key("مه"),
          key("ژوئن"),
          key("ژوئیه"),
          key("اوت"),
          key("سپتامبر"),
          key("اکتبر"),
          key("نوامبر"),
          key("دسامبر"));

  /** Words after a number that make it a share, not a count. */
  private static final Set<String> PERCENT =
      Set.of("%", "percent", "per", key("فیصد"), key("درصد"));

  /**
   * Words after a number that make it a distance, not a count: "30 kilometres from Jiwani", "۸۰
   * کیلومتری زاهدان". A distance to a town is written in every report of a place, whatever the
   * event.
   */
  private static final Set<String> DISTANCE =
      Set.of(
          "km",
          "kms",
          "kilometre",
          "kilometres",
          "kilometer",
          "kilometers",
          "mile",
          "miles",
          key("کلومیٹر"),
          key("کلو میٹر"),
          key("کیلومیٹر"),
          key("کیلومتر"),
          key("کیلومتری"));

  private Numbers() {}

  /** The distinct counts in the text, ascending. */
  static int[] in(String text, String language) {
    String lang = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
    List<String> tokens = tokens(text);
    Set<Integer> out = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      int value;
      if (Character.isDigit(t.charAt(0))) {
        if (t.indexOf(':') >= 0 || t.indexOf('/') >= 0 || t.indexOf('.') >= 0) {
          continue; // a time, a date, a decimal
        }
        String digits = t.replace(",", "");
        if (digits.length() > 4) {
          continue;
        }
        value = Integer.parseInt(digits);
        if (value >= 1900 && value <= 2100) {
          continue; // a year
        }
      } else {
        Integer word = WORDS.get(lang + ":" + t);
        if (word == null) {
          continue;
        }
        value = word;
      }
      String before = i > 0 ? tokens.get(i - 1) : "";
      String after = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      if (value < 2
          || value > MAX
          || MONTHS.contains(before)
          || MONTHS.contains(after)
          || PERCENT.contains(after)
          || DISTANCE.contains(after)) {
        continue;
      }
      out.add(value);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Words (folded as {@link ScriptNormalizer} folds them, lower case), numbers (Eastern digits made
   * ASCII, with the separators {@code . , : /} between digits kept) and {@code %}, in order. One
   * pass over the characters: the normaliser's char filter and a regular expression took twice as
   * long.
   */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean number = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int digit = digit(c);
      if (digit >= 0) {
        if (!number && word.length() > 0) {
          out.add(word.toString());
          word.setLength(0);
        }
        number = true;
        word.append((char) ('0' + digit));
      } else if (number
          && (c == '.' || c == ',' || c == ':' || c == '/')
          && i + 1 < n
          && digit(text.charAt(i + 1)) >= 0) {
        word.append(c);
      } else if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
        if (number) {
          out.add(word.toString());
          word.setLength(0);
          number = false;
        }
        char f = fold(c);
        if (f != 0) {
          word.append(f);
        }
      } else if (c == '\u200C'
          || c == '\u200D'
          || c == '\u200B'
          || c == '\u00AD'
          || c == '\u0640') {
        // Invisible inside a word.
      } else {
        if (word.length() > 0) {
          out.add(word.toString());
          word.setLength(0);
        }
        number = false;
        if (c == '%' || c == '\u066A') {
          out.add("%");
        }
      }
    }
    if (word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= '\u06F0' && c <= '\u06F9') {
      return c - '\u06F0';
    }
    if (c >= '\u0660' && c <= '\u0669') {
      return c - '\u0660';
    }
    return -1;
  }

  /**
   * One letter as ScriptNormalizer and lower-casing leave it; 0 for a diacritic, which is dropped.
   */
  private static char fold(char c) {
    return switch (c) {
      case '\u064A', '\u0649', '\u06D2' -> '\u06CC';
      case '\u0643' -> '\u06A9';
      case '\u06C1', '\u06BE', '\u06C0', '\u0629' -> '\u0647';
      case '\u0623', '\u0625', '\u0622' -> '\u0627';
      default -> (c >= '\u064B' && c <= '\u0652') || c == '\u0670' ? 0 : Character.toLowerCase(c);
    };
  }

  private static String key(String word) {
    return ScriptNormalizer.normalize(word).toLowerCase(Locale.ROOT);
  }
}
