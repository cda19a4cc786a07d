package org.newswatch.index.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.index.testing.TestArticles;

class DeskTest {
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Balochistan win thrilling cricket final in Quetta | Thousands watched.                                    | SPORT",
        "Final in Quetta                                   | Balochistan lost two wickets early.                   | SPORT",
        "کوئٹہ میں کرکٹ کا فائنل                           | ہزاروں شائقین نے میچ دیکھا۔                            | SPORT",
        "پیروزی تیم فوتبال زاهدان                           | هواداران در ورزشگاه جشن گرفتند.                        | SPORT",
        "Militants attack Frontier Corps post in Panjgur   | Gunmen attacked a post near the border.               | NEWS",
        // A sport word deep in the body does not make a news story sport.
        "Border crossing reopens                           | Trucks crossed.\\n\\nDrivers watched cricket while waiting. | NEWS",
        // 'innings' stems to 'in' in English; it is not in the list, so no article with 'in' is
        // sport.
        "Patrols in Kech                                   | Patrols went out in the night.                        | NEWS",
        "بازگشایی بازارچه مرزی                              | بازارچه دوباره باز شد.                                  | NEWS",
      })
  void filesAnArticleByWordsInItsTitleOrLead(String title, String body, Desk expected) {
    var article =
        TestArticles.article(
            "d1", title.strip(), body.strip().replace("\\n", "\n"), "VOA", "en", TestArticles.T0);
    assertEquals(expected, Desk.of(article));
  }
}
