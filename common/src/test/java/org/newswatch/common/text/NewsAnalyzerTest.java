package org.newswatch.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
