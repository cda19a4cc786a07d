package org.newswatch.alert;

import java.time.Instant;
import java.util.List;
import org.newswatch.common.model.Article;

/** Articles written for the tests. */
public final class TestArticles {
  private TestArticles() {}

  public static Article article(String id, String language, String title, String body) {
    return article(id, null, "test-outlet", language, title, body);
  }

  public static Article article(
      String id, String storyId, String source, String language, String title, String body) {
    return new Article(
        Article.SCHEMA,
        id,
        "https://news.example/" + id,
        null,
        "test-feed",
        source,
        title,
        body,
        List.of(),
        language,
        Instant.parse("2026-11-28T10:00:00Z"),
        Instant.parse("2026-11-28T10:05:00Z"),
        storyId,
        null,
        null);
  }

  public static final Article BORDER_ATTACK_EN =
      article(
          "en-border-attack",
          "en",
          "Militants attack border post in Panjgur",
          "Gunmen attacked a Frontier Corps post near the Pakistan-Iran border in Panjgur district of Balochistan"
              + " on Friday night, killing four soldiers, officials said. Security forces launched an operation"
              + " to track the attackers, who escaped towards the border.");

  public static final Article BORDER_ATTACK_UR =
      article(
          "ur-border-attack",
          "ur",
          "کیچ میں سیکیورٹی فورسز پر حملہ",
          "بلوچستان کے ضلع کیچ میں پاک ایران سرحد کے قریب دہشت گردوں نے سیکیورٹی فورسز کی چوکی پر حملہ کیا، جس میں"
              + " تین اہلکار شہید ہو گئے۔ حکام کے مطابق حملہ آور سرحد پار فرار ہو گئے۔");

  public static final Article BORDER_ATTACK_FA =
      article(
          "fa-border-attack",
          "fa",
          "حمله به مرزبانان در سراوان",
          "افراد مسلح به پاسگاه مرزبانی در شهرستان سراوان در استان سیستان و بلوچستان حمله کردند و دو مرزبان"
              + " کشته شدند. گروهک تروریستی جیش الظلم مسئولیت این حمله را پذیرفت.");

  public static final Article CRICKET_QUETTA =
      article(
          "en-cricket-quetta",
          "en",
          "Quetta Gladiators win thriller at Bugti Stadium",
          "Quetta Gladiators beat Peshawar Zalmi by five wickets in a PSL match in Quetta on Saturday. Their pace"
              + " attack took early wickets and the crowd in Balochistan's capital celebrated late into the night.");
}
