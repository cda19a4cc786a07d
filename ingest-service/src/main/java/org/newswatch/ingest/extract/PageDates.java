package org.newswatch.ingest.extract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date forms publishers put in metas, JSON-LD and {@code <time datetime>}: ISO-8601 (with
 * or without offset, {@code +0500} as well as {@code +05:00}, a space instead of {@code T}), RFC
 * 1123 ({@code Tue, 05 Mar 2024 09:30:00 GMT}), a bare date, epoch seconds or milliseconds, and
 * English "March 5, 2024" / "5 March 2024". A time without zone is taken as UTC (the only choice
 * that does not guess a site's zone). Years outside 1990–2100 are refused as noise.
 */
final class PageDates {
  private static final Pattern ISO =
      Pattern.compile(
          "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
              + "\\s*(Z|z|UTC|GMT|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})?$");
  private static final Pattern SLASHED =
      Pattern.compile("^(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$");
  private static final Pattern EPOCH = Pattern.compile("^\\d{9,13}$");

  private static final List<DateTimeFormatter> TEXT_FORMS =
      List.of(
          DateTimeFormatter.RFC_1123_DATE_TIME,
          pattern("EEE, d MMM yyyy HH:mm[:ss] zzz"),
          pattern("EEE, d MMM yyyy HH:mm[:ss] Z"),
          pattern("d MMM yyyy HH:mm[:ss] zzz"),
          clock("MMMM d, yyyy h:mm a"),
          clock("MMM d, yyyy h:mm a"),
          pattern("MMMM d, yyyy[ HH:mm]"),
          pattern("MMM d, yyyy[ HH:mm]"),
          pattern("d MMMM yyyy[ HH:mm]"),
          pattern("d MMM yyyy[ HH:mm]"),
          pattern("EEEE, MMMM d, yyyy"),
          // Dunya News: <time datetime="Wed, 05 Feb 2025">, a weekday and a date with no time
          pattern("EEE, d MMM yyyy"),
          pattern("EEEE d MMMM yyyy"));

  private PageDates() {}

  private static DateTimeFormatter pattern(String p) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(p)
        .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
        .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
        .toFormatter(Locale.ENGLISH);
  }

  /** A 12-hour clock form: the hour comes from h and a, so it must not be defaulted. */
  private static DateTimeFormatter clock(String p) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(p)
        .toFormatter(Locale.ENGLISH);
  }

  /** "Published On: …", "Updated:": a label before the date in visible text. */
  private static final Pattern LABEL = Pattern.compile("^\\p{L}[\\p{L} ]{0,30}:\\s+");

  /**
   * A date written for readers, as in a {@code <time>} element's text ("Published On: Wed, 05 Feb
   * 2025 13:04:31 PKT"): its label dropped, then read as {@link #parse}.
   */
  static Instant parseVisible(String text) {
    return text == null
        ? null
        : parse(LABEL.matcher(text.strip().replaceAll("\\s+", " ")).replaceFirst(""));
  }

  /** The instant a date string names, or null when it is not a date this reads. */
  static Instant parse(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip().replaceAll("\\s+", " ");
    if (s.isEmpty() || s.length() > 80) {
      return null;
    }
    Instant i = parseQuietly(s);
    return i != null && plausible(i) ? i : null;
  }

  private static Instant parseQuietly(String s) {
    try {
      Matcher m = ISO.matcher(s);
      if (m.matches()) {
        return fromIso(m);
      }
      m = SLASHED.matcher(s);
      if (m.matches()) {
        LocalDateTime t =
            LocalDateTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        return t.toInstant(ZoneOffset.UTC);
      }
      if (EPOCH.matcher(s).matches()) {
        long n = Long.parseLong(s);
        return s.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null; // 2024-02-30 and the like: not a date
    }
    String cleaned =
        s.replaceAll("(\\d)(st|nd|rd|th)\\b", "$1").replace(" at ", " ").replace(" UTC", " GMT");
    for (DateTimeFormatter f : TEXT_FORMS) {
      try {
        var parsed = f.parse(cleaned);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)
            || parsed.query(java.time.temporal.TemporalQueries.zone()) != null) {
          return ZonedDateTime.from(parsed).toInstant();
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        // try the next form
      }
    }
    return null;
  }

  private static Instant fromIso(Matcher m) {
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (m.group(4) == null) {
      return LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    int nanos = 0;
    if (m.group(7) != null) {
      String frac = (m.group(7) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(frac);
    }
    LocalDateTime t =
        LocalDateTime.of(
            year,
            month,
            day,
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
            nanos);
    String zone = m.group(8);
    ZoneOffset offset = ZoneOffset.UTC;
    if (zone != null && !zone.equalsIgnoreCase("Z") && !zone.equals("UTC") && !zone.equals("GMT")) {
      String z = zone.replace(":", "");
      int sign = z.charAt(0) == '-' ? -1 : 1;
      int hours = Integer.parseInt(z.substring(1, 3));
      int minutes = z.length() >= 5 ? Integer.parseInt(z.substring(3, 5)) : 0;
      offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
    return OffsetDateTime.of(t, offset).toInstant();
  }

  private static boolean plausible(Instant i) {
    int year = i.atOffset(ZoneOffset.UTC).getYear();
    return year >= 1990 && year <= 2100;
  }
}
