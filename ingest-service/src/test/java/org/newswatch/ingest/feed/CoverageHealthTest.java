package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoverageHealthTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @ParameterizedTest(name = "gap {0}m, silent {1}m, 304s {2}, thin {3}, failures {4} -> {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      30  | 60   | 0 |      | 0 |
      30  | 119  | 0 |      | 0 |
      30  | 121  | 0 |      | 0 | quiet
      120 | 400  | 0 |      | 0 |
      120 | 500  | 0 |      | 0 | quiet
      30  | 300  | 3 |      | 0 | quiet,stale-304
      30  | 60   | 5 |      | 0 |
      30  | 60   | 0 | 0.7  | 0 | thin-pages
      30  | 60   | 0 | 0.5  | 0 |
      30  | 60   | 0 |      | 3 | failing
          | 9999 | 9 |      | 0 |
      """)
  void flagsWhatLooksLikeABrokenSource(
      Long gapMin, long silentMin, int notModified, Double thin, int failures, String expected) {
    FeedStatus s =
        new FeedStatus(
            "f",
            "https://example.org/f",
            1,
            NOW,
            200,
            "ok",
            null,
            null,
            failures,
            notModified,
            0,
            0,
            0,
            0,
            0,
            null,
            null,
            false,
            gapMin == null ? null : Duration.ofMinutes(gapMin),
            NOW.minus(Duration.ofMinutes(silentMin)),
            thin,
            List.of(),
            List.of());
    List<String> want = expected == null ? List.of() : List.of(expected.split(","));
    assertEquals(want, CoverageHealth.flags(s, NOW));
  }
}
