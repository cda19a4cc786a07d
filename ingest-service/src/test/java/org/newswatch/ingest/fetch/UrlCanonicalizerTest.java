package org.newswatch.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCanonicalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      https://www.voanews.com/a/story.html                               | https://www.voanews.com/a/story.html
      HTTPS://WWW.VoaNews.COM/a/Story.html                               | https://www.voanews.com/a/Story.html
      https://www.voanews.com/a/story.html#comments                      | https://www.voanews.com/a/story.html
      https://www.voanews.com/a/story.html?utm_source=rss&utm_medium=x   | https://www.voanews.com/a/story.html
      https://dunyanews.tv/en/Pakistan/1?fbclid=abc&id=7&gclid=zz#top     | https://dunyanews.tv/en/Pakistan/1?id=7
      https://example.org/a?UTM_Campaign=x&page=2                        | https://example.org/a?page=2
      https://example.org:443/a                                          | https://example.org/a
      http://example.org:80/a                                            | http://example.org/a
      http://example.org:8080/a                                          | http://example.org:8080/a
      https://example.org                                                | https://example.org/
      https://example.org./a                                             | https://example.org/a
      https://example.org/a?b=1&&c=2                                     | https://example.org/a?b=1&c=2
      https://example.org/a%20b?q=%D8%A8                                 | https://example.org/a%20b?q=%D8%A8
      https://example.org/a b                                            | https://example.org/a%20b
      https://example.org/a?msclkid=1&mc_cid=2&mc_eid=3&_ga=4            | https://example.org/a
      """)
  void canonicalizes(String in, String expected) {
    assertEquals(expected, UrlCanonicalizer.canonicalize(in));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "/relative/path",
        "ftp://example.org/x",
        "mailto:a@example.org",
        "https://",
        "http://exa mple.org:x/"
      })
  void refusesWhatIsNotAnAbsoluteHttpUrl(String in) {
    assertThrows(IllegalArgumentException.class, () -> UrlCanonicalizer.canonicalize(in));
    assertFalse(UrlCanonicalizer.isHttpUrl(in));
  }
}
