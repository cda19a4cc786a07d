package org.newswatch.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.newswatch.common.testing.LongArticles;

class NewsAnalyzerTest {
  private final Analyzer analyzer = new NewsAnalyzer();

  @ParameterizedTest(name = "{0} and {1} analyse alike")
  @CsvSource({
    "Balochistan, Baluchistan",
    "Balochistan, بلوچستان",
    "Beluchistan, BALOCHISTAN",
    "Baluchestān, Balochistan",
    // Urdu heh goal and Persian heh.
    "زاہدان, زاهدان",
    "زاهدان, Zahedan",
    // Arabic kaf and yeh against Persian keheh and yeh.
    "كيچ, کیچ",
    // Zero-width non-joiner and tatweel are invisible.
    "می\u200Cخواهد, میخواهد",
    "بلـوچستان, بلوچستان",
    "attacks, attack",
    "Gwadar, گوادر",
    // Names holding Persian yeh or keheh, which ICU folding turns Arabic before the variant step.
    "Kech, کیچ",
    "Quetta, کوئٹہ",
    "Sistan, سیستان",
    "Pakistan, پاکستان",
    "Iran, ایران",
    "Mirjaveh, میرجاوه",
  })
  void spellingVariantsAnalyseToTheSameTokens(String a, String b) throws IOException {
    assertEquals(tokens(a), tokens(b));
  }

  @ParameterizedTest(name = "{0} and {1} stay apart")
  @CsvSource({"Quetta, Gwadar", "Iran, Iraq", "بلوچ, بلوچستان"})
  void distinctNamesStayDistinct(String a, String b) throws IOException {
    org.junit.jupiter.api.Assertions.assertNotEquals(tokens(a), tokens(b));
  }

  /**
   * Hostile input: long texts in three scripts whose analysis deletes characters (soft hyphens,
   * zero-width non-joiners, tatweel, harakat) and whose paragraphs are separated by blank lines of
   * several shapes. Every token's offsets must cut out of the text a word that analyses to that
   * very token: search snippets and alerts cut words at these offsets.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("longTexts")
  void everyTokenIsTheTextAtItsOffsets(String language, LongArticles.Text text) throws IOException {
    List<Token> tokens = analyse(text.body());
    assertTrue(tokens.size() > 300, "a long text: " + tokens.size() + " tokens");
    for (Token t : tokens) {
      String cut = text.body().substring(t.start(), t.end());
      assertEquals(List.of(t.term()), tokens(cut), "token " + t + " cut as '" + cut + "'");
    }
    List<String> places = new ArrayList<>();
    for (String place : text.places()) {
      String term = tokens(place).get(0);
      tokens.stream()
          .filter(t -> t.term().equals(term))
          .findFirst()
          .ifPresent(t -> places.add(text.body().substring(t.start(), t.end())));
    }
    assertEquals(text.places(), places);
  }

  static Stream<Arguments> longTexts() {
    return LongArticles.ALL.stream().map(t -> Arguments.of(t.language(), t));
  }

  /**
   * A body is analysed as one value (so that offsets are the body's own); a blank line still puts
   * the paragraph gap between two words, as separate values did, so that no phrase reaches across.
   */
  @Test
  void aBlankLineInsideOneValueIsAParagraphGap() throws IOException {
    List<Token> tokens =
        analyse("quetta balochistan\n \nborder   crossings\r\n\r\nتفتان\nreopened");
    assertEquals(
        List.of("quetta", "balochistan", "border", "cross", "taftan", "reopen"),
        tokens.stream().map(Token::term).toList());
    assertEquals(
        List.of(
            0,
            1,
            1 + 1 + NewsAnalyzer.PARAGRAPH_GAP,
            3 + NewsAnalyzer.PARAGRAPH_GAP,
            4 + 2 * NewsAnalyzer.PARAGRAPH_GAP,
            5 + 2 * NewsAnalyzer.PARAGRAPH_GAP),
        tokens.stream().map(Token::position).toList(),
        "a single line break is not a paragraph");
  }

  record Token(String term, int position, int start, int end) {}

  private List<Token> analyse(String text) throws IOException {
    List<Token> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("body", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += increment.getPositionIncrement();
        out.add(new Token(term.toString(), position, offset.startOffset(), offset.endOffset()));
      }
      ts.end();
    }
    return out;
  }

  private List<String> tokens(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("body", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }
}
