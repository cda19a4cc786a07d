package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCleanerTest {
  private static final String STORY =
      "<p>Officials said on Monday that the talks would resume next week in Islamabad, after a delay of several "
          + "months caused by disagreements over the agenda and over who would lead each delegation.</p>";

  static Element cleaned(String bodyHtml) {
    Element body = Jsoup.parse("<html><body>" + bodyHtml + "</body></html>").body();
    PageCleaner.clean(body);
    return body;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<div id=\"cookie-consent\"><p>We use cookies to improve your experience.</p></div>",
        "<div class=\"share-bar\"><a href=#>Facebook</a></div>",
        "<section class=\"related-articles\"><a href=#>Another story entirely</a></section>",
        "<ol class=\"comment-list\"><li><p>Great article, thanks for the reporting.</p></li></ol>",
        "<div class=\"byline\">By Sana Baloch</div>",
        "<div class=\"wp-caption-text\">Trucks at the border.</div>",
        "<div style=\"display: none\"><p>Hidden teaser text.</p></div>",
        "<div aria-hidden=\"true\">Decorative text</div>",
        "<div role=\"navigation\"><a href=/>Home</a></div>",
        "<aside><p>Pull quote text.</p></aside>",
        "<blockquote class=\"twitter-tweet\"><p>Tweet text</p></blockquote>",
        "<div class=\"ad-slot\"><p>Advertisement</p></div>",
        "<amp-ad><div>Loading ad</div></amp-ad>",
      })
  void removesBoilerplate(String junk) {
    Element body = cleaned("<article>" + STORY + "</article>" + junk);
    assertEquals(1, body.select("p").size(), body.html());
    assertTrue(body.text().startsWith("Officials said"));
  }

  @Test
  void keepsAWrapperWhoseNameSoundsLikeFurnitureWhenItHoldsMostOfTheText() {
    Element body =
        cleaned(
            "<div class=\"page-wrap sidebar-left hidden-xs\"><article>"
                + STORY.repeat(4)
                + "</article></div><div class=\"footer\">About us</div>");
    assertEquals(4, body.select("p").size());
    assertFalse(body.text().contains("About us"));
  }

  @Test
  void unwrapsNoscriptWithRealTextAndDropsTrackingPixels() {
    Element body =
        cleaned(
            "<div id=app></div><noscript><div>"
                + STORY
                + STORY
                + "</div></noscript>"
                + "<noscript><img src=\"https://t.example/p.gif\"></noscript>");
    assertTrue(body.select("noscript").isEmpty());
    assertEquals(2, body.select("p").size());
  }

  @Test
  void frameworkComponentNamesAreNotContentWords() {
    Element mediaBody =
        Jsoup.parse("<div class=\"media-body text-muted\"></div>").selectFirst("div");
    Element storyBody = Jsoup.parse("<div class=\"story-body\"></div>").selectFirst("div");
    assertEquals(0, Hints.weight(mediaBody));
    assertEquals(25, Hints.weight(storyBody));
  }

  @Test
  void textBlocksSplitAtBreaksAndCountLinkText() {
    Element div =
        Jsoup.parse(
                "<div>First line of text<br>Second <a href=#>linked</a> line<br><br>Third</div>")
            .selectFirst("div");
    List<TextBlocks.Block> blocks = TextBlocks.collect(div);
    assertEquals(
        List.of("First line of text", "Second linked line", "Third"),
        blocks.stream().map(TextBlocks.Block::text).toList());
    assertEquals(6, blocks.get(1).linkChars());
  }
}
