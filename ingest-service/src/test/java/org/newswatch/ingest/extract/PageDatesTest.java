package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageDatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      2024-03-05T09:30:00+05:00          | 2024-03-05T04:30:00Z
      2024-03-05T09:30:00Z               | 2024-03-05T09:30:00Z
      2024-03-05T09:30:00.123+05:30      | 2024-03-05T04:00:00.123Z
      2024-03-05T09:30:00+0500           | 2024-03-05T04:30:00Z
      2024-03-05T09:30+03:30             | 2024-03-05T06:00:00Z
      2024-03-05 09:30:00                | 2024-03-05T09:30:00Z
      2024-03-05T09:30:00                | 2024-03-05T09:30:00Z
      2024-03-05T09:30:00 GMT            | 2024-03-05T09:30:00Z
      2024-03-05T09:30:00-04             | 2024-03-05T13:30:00Z
      2024-03-05                         | 2024-03-05T00:00:00Z
      2024-3-5                           | 2024-03-05T00:00:00Z
      2024/03/05 14:10                   | 2024-03-05T14:10:00Z
      'Tue, 05 Mar 2024 09:30:00 GMT'    | 2024-03-05T09:30:00Z
      'Tue, 5 Mar 2024 09:30:00 +0500'   | 2024-03-05T04:30:00Z
      'March 5, 2024'                    | 2024-03-05T00:00:00Z
      'March 5th, 2024 2:15 PM'          | 2024-03-05T14:15:00Z
      'Mar 5, 2024'                      | 2024-03-05T00:00:00Z
      '5 March 2024'                     | 2024-03-05T00:00:00Z
      '5 Mar 2024 14:10'                 | 2024-03-05T14:10:00Z
      'Tuesday, March 5, 2024'           | 2024-03-05T00:00:00Z
      1709631000                         | 2024-03-05T09:30:00Z
      1709631000000                      | 2024-03-05T09:30:00Z
      '  2024-03-05T09:30:00Z  '         | 2024-03-05T09:30:00Z
      'Wed, 05 Feb 2025'                 | 2025-02-05T00:00:00Z
      '2025-01-29 20:34:11+05:00'        | 2025-01-29T15:34:11Z
      """)
  void parsesCommonForms(String raw, String expected) {
    assertEquals(Instant.parse(expected), PageDates.parse(raw));
  }

  /** Dunya News's {@code <time>} text: a label, then the clock time with a zone abbreviation. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      'Published On: Wed, 05 Feb 2025 13:04:31 PKT' | 2025-02-05T08:04:31Z
      'Updated: 5 Mar 2024 14:10'                   | 2024-03-05T14:10:00Z
      """)
  void readsALabelledDateAsShownToReaders(String shown, String expected) {
    assertEquals(Instant.parse(expected), PageDates.parseVisible(shown));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2024-02-30",
        "2024-13-01T00:00:00Z",
        "1850-01-01",
        "12345",
        "Updated 3 hours ago",
        "۱۴۰۲/۱۲/۱۵",
        "2024-03-05T25:00:00Z"
      })
  void refusesWhatIsNotADate(String raw) {
    assertNull(PageDates.parse(raw));
  }
}
