package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The English headlines with their one-line summaries are Al Jazeera America's, from the real feed
 * in ../shared/realworld (feed items without a page, language undeclared).
 */
class LanguageDetectorTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      en | Officials said on Monday that the border crossings would reopen after talks in Zahedan.
      en | Senate Republicans rule out action on Obama high court pick. No Supreme Court justice nominee confirmation hearing till next year, says majority leader
      en | The rapid DNA revolution. Will speedy DNA tests help convict violent offenders or curb privacy?
      en | Missiles in paradise: Kauai island faces controversial Hawaii defense plan. Amid North Korea provocations, US could activate Pacific batteries at serene tourist locale
      ur | کوئٹہ میں حکام نے بتایا ہے کہ سرحدی گزرگاہیں جمعرات سے دوبارہ کھول دی جائیں گی۔
      ur | وزیراعظم نے کہا کہ حکومت مہنگائی پر قابو پانے کے لیے ہر ممکن اقدام کرے گی
      fa | ایران و پاکستان روز سه‌شنبه توافق کردند که گذرگاه‌های مرزی را بازگشایی کنند.
      fa | ارزش ریال روز دوشنبه در بازار آزاد تهران به پایین‌ترین سطح تاریخی خود رسید
      fa | ارزش ريال روز دوشنبه در بازار آزاد تهران به پايين‌ترين سطح تاريخي خود رسيد و چند روز پیش گزارش شد
      ps | د پاکستان حکومت له خوا د بې اسنادو بهرنیانو لپاره ټاکل شوې نېټه پای ته ورسېده
      ps | مرستندویو ادارو د پولې پر افغان لوري لنډمهاله کمپونه جوړ کړي چې راستانه شویو ته خواړه ورکوي
      ar | ارتفعت أسعار النفط في التعاملات المبكرة يوم الاثنين بعد أن قررت المجموعة تمديد التخفيضات
      ar | وقال محللون إن القرار يعكس قلق المنتجين من ضعف الطلب في الصين وارتفاع الإنتاج
      """)
  void tellsTheLanguagesApart(String expected, String text) {
    assertEquals(expected, LanguageDetector.detect(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      too short         | Iran
      numbers           | 2024 12 34 56 78 90 11 22 33 44 55 66 77 88 99
      german            | Die Regierung hat am Montag beschlossen, die Grenzübergänge wieder zu öffnen.
      german with will  | Die Regierung will die Grenze zu Iran besser schützen, sagte der Minister am Montag
      french            | Le gouvernement a annoncé une nouvelle loi sur la sécurité des frontières avec l'Iran
      spanish           | El gobierno de Pakistán anunció nuevas medidas en la frontera con Irán tras el ataque
      roman Urdu        | Pakistan ki fauj ne kaha hai ke Balochistan mein hamla hua aur teen sipahi shaheed ho gaye
      """)
  void saysNothingWhenTheTextDoesNotTell(String why, String text) {
    assertNull(LanguageDetector.detect(text));
  }

  @ParameterizedTest
  @CsvSource({"en, ur, ur", "ur, , ur", "fa, fa, fa", ", , "})
  void textWinsOverTheDeclaredLanguage(String declared, String detected, String expected) {
    assertEquals(expected, LanguageDetector.choose(declared, detected));
  }
}
