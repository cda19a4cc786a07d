package org.newswatch.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParagraphsTest {
  private static String lead(String body) {
    return body.substring(0, Paragraphs.leadEnd(body));
  }

  @Test
  void theLeadIsTheFirstParagraph() {
    String body = "Gunmen attacked a post in Turbat.\n\nThe FC said three were wounded.";
    assertEquals("Gunmen attacked a post in Turbat.", lead(body));
  }

  @Test
  void blankLinesBeforeAnyTextDoNotEndTheLead() {
    assertEquals("\n\n  First.", lead("\n\n  First.\n\nSecond."));
  }

  @Test
  void aShortBodyOfOneParagraphIsAllLead() {
    String body = "Taftan border closed. Hundreds of trucks stranded.";
    assertEquals(body, lead(body));
  }

  @Test
  void aLongParagraphsLeadIsItsOpeningSentencesWithinTheLimit() {
    // One paragraph of 30 sentences (a feed's summary or a page whose paragraphs were lost).
    String sentence = "Officials in Kech said the road to Turbat was closed again today. ";
    String body = sentence.repeat(30).strip();
    String lead = lead(body);
    assertTrue(lead.length() <= Paragraphs.MAX_LEAD_CHARS, lead.length() + " characters");
    assertTrue(lead.endsWith("today."), "ends with a whole sentence: " + lead);
    assertEquals(Paragraphs.MAX_LEAD_CHARS / sentence.length(), lead.split("today\\.").length);
  }

  @Test
  void urduAndPersianSentenceEndsCutTheLead() {
    String urdu = "تربت میں فائرنگ سے تین اہلکار زخمی ہو گئے۔ ".repeat(20).strip();
    assertTrue(lead(urdu).endsWith("۔"), lead(urdu));
    String persian = "آیا مرز میرجاوه بسته شد؟ ".repeat(30).strip();
    assertTrue(lead(persian).endsWith("؟"), lead(persian));
    assertTrue(lead(persian).length() <= Paragraphs.MAX_LEAD_CHARS);
  }

  @Test
  void aLongParagraphWithoutSentenceEndsIsCutAtASpace() {
    String body = "word ".repeat(200).strip();
    String lead = lead(body);
    assertTrue(lead.length() <= Paragraphs.MAX_LEAD_CHARS);
    assertTrue(lead.endsWith("word"), "a whole word: " + lead.substring(lead.length() - 6));
  }

  @Test
  void aWordLongerThanTheLimitIsCutBetweenCharacters() {
    // Persian letters outside the BMP are rare; an emoji is not: the cut must not split its pair.
    String body = "x".repeat(Paragraphs.MAX_LEAD_CHARS - 1) + "😀" + "y".repeat(100);
    String lead = lead(body);
    assertEquals(Paragraphs.MAX_LEAD_CHARS - 1, lead.length(), "before the surrogate pair");
  }

  @Test
  void aNullBodyHasNoLead() {
    assertEquals(0, Paragraphs.leadEnd(null));
  }
}
