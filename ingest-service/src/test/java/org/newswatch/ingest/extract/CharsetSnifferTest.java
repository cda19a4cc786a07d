package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharsetSnifferTest {
  private static final String URDU =
      "کوئٹہ میں حکام نے بتایا ہے کہ سرحدی گزرگاہیں جمعرات سے دوبارہ کھول دی جائیں گی اور تاجروں کو اجازت ہوگی۔ "
          .replace('ی', 'ي');
  private static final String PERSIAN =
      "ايران و پاکستان روز سه شنبه توافق کردند که گذرگاه هاي مرزي را بازگشايي کنند و تردد کاميون ها از پنجشنبه آغاز مي شود. ";
  private static final String FRENCH =
      "Le ministre a déclaré que la réunion à Genève était « très utile » et qu'une délégation française s'y rendrait bientôt. ";

  static byte[] page(String meta, String text, Charset cs) {
    return ("<html><head>"
            + meta
            + "<title>t</title></head><body><p>"
            + text.repeat(5)
            + "</p></body></html>")
        .getBytes(cs);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      text/html; charset=windows-1256   | windows-1256
      text/html; charset="UTF-8"        | UTF-8
      text/html;charset=ISO-8859-1      | windows-1252
      text/html; charset=latin1         | windows-1252
      text/html; charset=no-such-thing  |
      text/html                         |
      """)
  void readsTheHeader(String header, String expected) {
    Charset c = CharsetSniffer.fromHeader(header);
    assertEquals(expected, c == null ? null : c.name());
  }

  @Test
  void headerBeatsMetaAndBomBeatsBoth() {
    byte[] bytes = page("<meta charset=\"utf-8\">", PERSIAN, Charset.forName("windows-1256"));
    assertEquals(
        "windows-1256",
        CharsetSniffer.sniff(bytes, "text/html; charset=windows-1256").charset().name());
    byte[] bom =
        ("\uFEFF" + new String(page("", "x", StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    assertEquals("bom", CharsetSniffer.sniff(bom, "text/html; charset=windows-1256").source());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      <meta charset="windows-1256">                                                 | windows-1256
      <meta http-equiv="Content-Type" content="text/html; charset=windows-1256">    | windows-1256
      <META HTTP-EQUIV=content-type CONTENT='text/html;charset=cp1256'>             | windows-1256
      """)
  void readsTheMeta(String meta, String expected) {
    assertEquals(
        expected,
        CharsetSniffer.sniff(page(meta, URDU, Charset.forName("windows-1256")), null)
            .charset()
            .name());
  }

  @Test
  void detectsUndeclaredLegacyPages() {
    assertEquals(
        "windows-1256",
        CharsetSniffer.sniff(page("", URDU, Charset.forName("windows-1256")), null)
            .charset()
            .name());
    assertEquals(
        "windows-1256",
        CharsetSniffer.sniff(page("", PERSIAN, Charset.forName("windows-1256")), null)
            .charset()
            .name());
    assertEquals(
        "windows-1252",
        CharsetSniffer.sniff(page("", FRENCH, StandardCharsets.ISO_8859_1), null).charset().name());
    assertEquals(
        "UTF-8",
        CharsetSniffer.sniff(page("", URDU, StandardCharsets.UTF_8), null).charset().name());
  }

  @Test
  void validUtf8OverrulesADeclaredSingleByteCharset() {
    CharsetSniffer.Sniffed s =
        CharsetSniffer.sniff(
            page("<meta charset=\"iso-8859-1\">", FRENCH, StandardCharsets.UTF_8), null);
    assertEquals(StandardCharsets.UTF_8, s.charset());
    assertEquals("utf8-over-meta", s.source());
  }

  @Test
  void declaredUtf8ThatIsNotIsDetected() {
    CharsetSniffer.Sniffed s =
        CharsetSniffer.sniff(
            page("<meta charset=\"utf-8\">", FRENCH, StandardCharsets.ISO_8859_1), null);
    assertEquals("windows-1252", s.charset().name());
    assertEquals("detected", s.source());
  }

  @Test
  void undeclaredLegacyPageBehindALongAsciiHeadIsStillDetected() {
    // 150 KB of styles and scripts before any text: the detector must judge the text, not the head.
    String head =
        "<style>.nav a{color:#333}</style><script>var cfg={a:1};</script>\n".repeat(2_500);
    byte[] bytes =
        ("<html><head>" + head + "</head><body><p>" + URDU.repeat(5) + "</p></body></html>")
            .getBytes(Charset.forName("windows-1256"));
    assertEquals("windows-1256", CharsetSniffer.sniff(bytes, null).charset().name());
  }
}
