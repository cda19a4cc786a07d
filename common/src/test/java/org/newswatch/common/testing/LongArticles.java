package org.newswatch.common.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Long article texts in English, Urdu and Persian for offset tests: fourteen paragraphs, each
 * naming a place the paragraphs before it did not, so that the place names of a query are found
 * deep into the text. The filler around them holds what changes the text's length under analysis
 * (soft hyphens, zero-width non-joiners, tatweel, harakat), and the paragraphs are separated by
 * blank lines of several shapes ({@code \n\n}, {@code \n \n}, {@code \n\n\n}, {@code \r\n\r\n}), so
 * that an offset that drifts by a character per paragraph or per deleted letter shows as a cut
 * word.
 */
public final class LongArticles {
  /** One long text and the place names it contains, in order, exactly as written in it. */
  public record Text(String language, String title, String body, List<String> places) {}

  /**
   * A subscription naming every place of every text (Latin spellings; the analyzer maps the
   * others).
   */
  public static final String PLACES_QUERY =
      "panjgur OR kech OR turbat OR gwadar OR taftan OR mashkel OR quetta OR zahedan OR saravan "
          + "OR mirjaveh OR chabahar OR khash OR sarbaz OR konarak";

  private static final String[] SEPARATORS = {"\n\n", "\n \n", "\n\n\n", "\r\n\r\n", "  \n\n  "};

  public static final Text ENGLISH =
      text(
          "en",
          "A long report from the border districts",
          List.of(
              "Panjgur",
              "Kech",
              "Turbat",
              "Gwadar",
              "Taftan",
              "Mash\u00ADkel",
              "Quetta",
              "Zahedan",
              "Saravan",
              "Mirjaveh",
              "Chabahar",
              "Khash",
              "Sarbaz",
              "Konarak"),
          i ->
              "Officials speaking to an inter\u00ADnational agency on the ground said the situation was calm. "
                      .repeat(1 + i % 3)
                  + "Pakistan\u2019s security forces, “on alert” since Monday, reported no new incidents near ",
          " after the night\u2019s patrols.");

  public static final Text URDU =
      text(
          "ur",
          "سرحدی اضلاع سے ایک طویل رپورٹ",
          List.of(
              "پنجگور", "کیچ", "تربـت", "گوادر", "تفتان", "ماشکیل", "کوئٹہ", "زاہدان", "سراوان",
              "میرجاوہ", "چابہار", "خاش", "سرباز", "کنارک"),
          i ->
              "حکام نے بتایا کہ صورتِ حال قابو میں ہے اور سکیورٹی فورسز چوکـس ہیں۔ "
                      .repeat(1 + i % 3)
                  + "سرکاری ذرائع کے مطابق ",
          " میں رات بھر گشت جاری رہا۔");

  public static final Text PERSIAN =
      text(
          "fa",
          "گزارشی بلند از شهرستان‌های مرزی",
          List.of(
              "پنجگور", "كيچ", "تربت", "گواتر", "تفتان", "ماشکیل", "کویته", "زاهِدان", "سراوان",
              "میرجاوه", "چابهار", "خاش", "سرباز", "کنارک"),
          i ->
              "مقام‌ها می‌گویند اوضاعِ منطقه آرام است و نیروهای مرزبانی در حالِ گشت‌زنی هستند. "
                      .repeat(1 + i % 3)
                  + "به گفته‌ی منابع محلی در ",
          " شب گذشته رخدادی گزارش نشد.");

  public static final List<Text> ALL = List.of(ENGLISH, URDU, PERSIAN);

  private LongArticles() {}

  private static Text text(
      String language,
      String title,
      List<String> places,
      java.util.function.IntFunction<String> before,
      String after) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < places.size(); i++) {
      if (i > 0) {
        body.append(SEPARATORS[i % SEPARATORS.length]);
      }
      body.append(before.apply(i)).append(places.get(i)).append(after);
    }
    return new Text(language, title, body.toString(), new ArrayList<>(places));
  }
}
