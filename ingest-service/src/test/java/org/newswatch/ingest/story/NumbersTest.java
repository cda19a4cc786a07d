package org.newswatch.ingest.story;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Counts in every digit system and as words, in each language.
        "Seven soldiers and 3 civilians were killed             | en | 3 7",
        "در این حمله ۷ نظامی کشته و ۳ نفر زخمی شدند           | fa | 3 7",
        "قتل ٧ جنود وإصابة ٣ آخرين                               | ar | 3 7",
        "حملے میں سات اہلکار ہلاک اور تین زخمی ہو گئے           | ur | 3 7",
        "حملے میں ۷ اہلکار ہلاک اور ۳ زخمی ہو گئے               | ur | 3 7",
        "هفت نظامی کشته و سه نفر زخمی شدند                       | fa | 3 7",
        "at least 26 killed and more than 60 injured            | en | 26 60",
        // Not counts: years, clock times, dates, decimals, percentages, one, thousands, 'not' and
        // 'village' in Persian.
        "In 2024 at 10:30 on 12 March a 5.2 quake hit           | en | ''",
        "95 percent voted; 95% turnout; ۹۵ درصد                 | en | ''",
        "a soldier and one officer; 1 policeman                 | en | ''",
        "200,000 litres and 12,500 tonnes; 1,200 arrested      | en | 1200",
        "نه تنها در ده روستا                                     | fa | ''",
        "۱۵ اسفند                                                | fa | ''",
        // Distances: every report of a place may give them, whatever the event.
        "about 30 kilometres from Jiwani; 80 km north           | en | ''",
        "جیونی سے ۳۰ کلومیٹر دور                                 | ur | ''",
        "در ۸۰ کیلومتری جنوب شرقی زاهدان                         | fa | ''",
      })
  void findsCountsAndSkipsWhatIsNotOne(String text, String language, String expected) {
    int[] want =
        expected.isBlank()
            ? new int[0]
            : java.util.Arrays.stream(expected.split(" ")).mapToInt(Integer::parseInt).toArray();
    assertArrayEquals(want, Numbers.in(text, language), text);
  }
}
