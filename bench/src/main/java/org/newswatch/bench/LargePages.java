package org.newswatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grows a test page to the size of a real news article page by adding what such pages carry around
 * the story: inline CSS and ad-configuration scripts in the head; a cookie banner, a mega-menu of
 * some 170 links and a breaking-news ticker above the story; grids of related-story cards, a
 * most-read list, a newsletter box, a link-heavy footer and an inline JSON state blob (as
 * single-page-app frameworks embed) after it. The story itself is left as it is.
 *
 * <p>The project's test pages are 1–7 KB, a small fraction of a real article page (typically
 * 100–500 KB of HTML, most of it markup, scripts and styles around a few KB of text), so timing
 * only them would overstate pages per second and understate megabytes per second.
 *
 * <p>The page is edited as ISO-8859-1 text (one character per byte) and the additions are ASCII, so
 * the page's own bytes survive unchanged whatever its charset (UTF-8, windows-1256, …); UTF-16
 * pages are left as they are. Deterministic for a seed.
 */
final class LargePages {
  private static final String[] WORDS = {
    "minister",
    "province",
    "council",
    "report",
    "border",
    "market",
    "water",
    "security",
    "election",
    "court",
    "flood",
    "trade",
    "police",
    "school",
    "budget",
    "health",
    "power",
    "road",
    "farmers",
    "talks",
    "officials",
    "city",
    "river",
    "prices",
    "rain",
    "workers",
    "university",
    "bank",
    "port",
    "district",
    "villages",
    "hospital",
    "wheat",
    "cricket",
    "team",
    "league",
    "energy",
    "gas",
    "fuel",
    "protest",
    "government",
    "opposition",
    "parliament",
    "survey",
    "plan",
    "project",
    "years",
    "new",
    "says",
    "warns",
    "after",
    "before",
    "over",
    "amid",
    "record",
    "first",
    "local",
    "national",
  };
  private static final String[] SECTIONS = {
    "pakistan",
    "world",
    "business",
    "sport",
    "opinion",
    "science",
    "health",
    "culture",
    "weather",
    "video",
    "education",
    "technology",
  };
  private static final Pattern HEAD_CLOSE =
      Pattern.compile("</head\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_OPEN =
      Pattern.compile("<body\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_CLOSE =
      Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

  private final SplittableRandom random;
  private int serial = 10_000;

  LargePages(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * The page grown to about {@code targetBytes}; the page itself if it is UTF-16 or already that
   * large.
   */
  byte[] grow(byte[] page, int targetBytes) {
    if (page.length >= targetBytes || utf16(page)) {
      return page;
    }
    String s = new String(page, StandardCharsets.ISO_8859_1);
    String top = top();
    String bottom = bottom();
    // What is left after the fixed parts: styles 15 %, head scripts 10 %, cards 35 %, JSON state 40
    // %.
    int fill = Math.max(0, targetBytes - page.length - top.length() - bottom.length());
    String head = style(fill * 15 / 100) + adScripts(fill * 10 / 100);
    String before = cards(fill * 35 / 100) + bottom;
    String after = state(fill * 40 / 100);

    int headAt = find(HEAD_CLOSE, s, false);
    int bodyAt = find(BODY_OPEN, s, true);
    int endAt = lastMatchStart(BODY_CLOSE, s);
    if (bodyAt < 0) {
      bodyAt = headAt >= 0 ? headAt : 0;
    }
    if (headAt < 0 || headAt > bodyAt) {
      headAt = bodyAt;
    }
    if (endAt < bodyAt) {
      endAt = s.length();
    }
    String grown =
        s.substring(0, headAt)
            + head
            + s.substring(headAt, bodyAt)
            + top
            + s.substring(bodyAt, endAt)
            + before
            + after
            + s.substring(endAt);
    return grown.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean utf16(byte[] b) {
    return b.length >= 2
        && (((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)
            || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE));
  }

  /** Where the first match starts ({@code end} false) or ends ({@code end} true); -1 if none. */
  private static int find(Pattern p, String s, boolean end) {
    Matcher m = p.matcher(s);
    return m.find() ? (end ? m.end() : m.start()) : -1;
  }

  private static int lastMatchStart(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int at = -1;
    while (m.find()) {
      at = m.start();
    }
    return at;
  }

  /** Cookie banner, site header with the mega-menu, breaking-news ticker, leaderboard ad slot. */
  private String top() {
    StringBuilder b = new StringBuilder();
    b.append(
        "<div class=\"cookie-consent\" role=\"dialog\"><p>We use cookies to improve your experience and to show"
            + " relevant advertising. You can change your choice at any time.</p><button>Accept all</button>"
            + "<button>Manage settings</button></div>\n");
    b.append(
        "<header class=\"site-header\"><div class=\"top-bar\"><a href=\"/\">Home</a> <a href=\"/epaper\">E-paper</a>"
            + " <a href=\"/subscribe\">Subscribe</a> <a href=\"/login\">Sign in</a></div>\n<nav class=\"main-menu\"><ul>\n");
    for (String section : SECTIONS) {
      b.append("<li class=\"menu-item has-children\"><a href=\"/")
          .append(section)
          .append("\">")
          .append(title(section))
          .append("</a><ul class=\"sub-menu\">");
      for (int i = 0; i < 14; i++) {
        String words = words(2 + random.nextInt(2));
        b.append("<li class=\"menu-item\"><a href=\"/")
            .append(section)
            .append('/')
            .append(words.replace(' ', '-'))
            .append("\">")
            .append(title(words))
            .append("</a></li>");
      }
      b.append("</ul></li>\n");
    }
    b.append(
        "</ul></nav>\n<div class=\"breaking-ticker\"><span class=\"label\">Breaking</span><ul>");
    for (int i = 0; i < 6; i++) {
      b.append("<li><a href=\"")
          .append(link())
          .append("\">")
          .append(headline())
          .append("</a></li>");
    }
    b.append(
        "</ul></div>\n<div class=\"ad-slot ad-leaderboard\" data-slot=\"top\" style=\"min-height:90px\"></div></header>\n");
    return b.toString();
  }

  /** Most-read list, newsletter box and footer. */
  private String bottom() {
    StringBuilder b = new StringBuilder("<aside class=\"most-read\"><h2>Most read</h2><ol>");
    for (int i = 0; i < 10; i++) {
      b.append("<li><a href=\"")
          .append(link())
          .append("\">")
          .append(headline())
          .append("</a></li>");
    }
    b.append("</ol></aside>\n<div class=\"newsletter-signup\"><h3>Get the morning briefing</h3><p>")
        .append(sentence(16))
        .append(
            "</p><form action=\"/newsletter\"><input type=\"email\" name=\"email\""
                + " placeholder=\"Your email\"><button>Sign up</button></form></div>\n<footer class=\"site-footer\">");
    for (int c = 0; c < 5; c++) {
      b.append("<div class=\"footer-column\"><h4>").append(title(SECTIONS[c])).append("</h4><ul>");
      for (int i = 0; i < 10; i++) {
        String words = words(2);
        b.append("<li><a href=\"/")
            .append(SECTIONS[c])
            .append('/')
            .append(words.replace(' ', '-'))
            .append("\">")
            .append(title(words))
            .append("</a></li>");
      }
      b.append("</ul></div>");
    }
    b.append(
        "<p class=\"copyright\">&copy; 2026 Bench Daily. All rights reserved. <a href=\"/privacy\">Privacy</a>"
            + " <a href=\"/terms\">Terms</a></p></footer>\n");
    return b.toString();
  }

  private String style(int budget) {
    StringBuilder b = new StringBuilder("<style>");
    while (b.length() < budget) {
      String cls = ".c-" + Integer.toString(random.nextInt(1 << 20), 36);
      if (random.nextInt(8) == 0) {
        b.append("@media (min-width:")
            .append(480 + 120 * random.nextInt(8))
            .append("px){")
            .append(cls)
            .append("{grid-template-columns:repeat(")
            .append(2 + random.nextInt(3))
            .append(",1fr);gap:16px}}");
      } else {
        b.append(cls)
            .append(' ')
            .append(cls)
            .append("__item{display:flex;margin:0 ")
            .append(random.nextInt(24))
            .append("px;padding:4px 12px;color:#")
            .append(Integer.toHexString(0x100000 + random.nextInt(0xEFFFFF)))
            .append(
                ";font:400 15px/1.5 system-ui,sans-serif;border-bottom:1px solid rgba(0,0,0,.08)}");
      }
      b.append('\n');
    }
    return b.append("</style>\n").toString();
  }

  private String adScripts(int budget) {
    StringBuilder b = new StringBuilder();
    while (b.length() < budget) {
      int slot = random.nextInt(100);
      b.append("<script>(function(w){w.adSlots=w.adSlots||[];var s={id:\"slot-")
          .append(slot)
          .append("\",sizes:[[300,250],[728,90],[320,50]],targeting:{section:\"")
          .append(SECTIONS[random.nextInt(SECTIONS.length)])
          .append("\",tags:[\"")
          .append(word())
          .append("\",\"")
          .append(word())
          .append("\"]},lazy:true};")
          .append(
              "for(var i=0;i<s.sizes.length;i++){if(w.innerWidth<s.sizes[i][0]){s.sizes.splice(i,1);i--;}}")
          .append("w.adSlots.push(s);})(window);</script>\n");
    }
    return b.toString();
  }

  private String cards(int budget) {
    StringBuilder b = new StringBuilder();
    while (b.length() < budget) {
      String section = SECTIONS[random.nextInt(SECTIONS.length)];
      b.append("<section class=\"related-stories\"><h2>More from ")
          .append(title(section))
          .append("</h2><div class=\"grid\">");
      for (int i = 0; i < 12; i++) {
        String href = link();
        String headline = headline();
        b.append("<div class=\"story-card\"><a class=\"thumb\" href=\"")
            .append(href)
            .append("\"><img src=\"https://cdn.bench.newswatch.example/img/")
            .append(serial++)
            .append(".jpg\" alt=\"")
            .append(headline)
            .append("\" loading=\"lazy\" width=\"320\" height=\"180\"></a>")
            .append("<div class=\"story-card__body\"><span class=\"kicker\">")
            .append(title(section))
            .append("</span><h3 class=\"story-card__title\"><a href=\"")
            .append(href)
            .append("\">")
            .append(headline)
            .append("</a></h3><p class=\"story-card__teaser\">")
            .append(sentence(14 + random.nextInt(9)))
            .append("</p><time datetime=\"2026-11-")
            .append(10 + random.nextInt(18))
            .append("T0")
            .append(random.nextInt(10))
            .append(":15:00Z\">")
            .append(1 + random.nextInt(23))
            .append(" hours ago</time></div></div>\n");
      }
      b.append("</div></section>\n");
    }
    return b.toString();
  }

  private String state(int budget) {
    StringBuilder b =
        new StringBuilder(
            "<script id=\"__APP_STATE__\" type=\"application/json\">{\"page\":{\"type\":\"article\"},\"items\":[");
    boolean first = true;
    while (b.length() < budget) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append("{\"id\":")
          .append(serial++)
          .append(",\"headline\":\"")
          .append(headline())
          .append("\",\"url\":\"")
          .append(link())
          .append("\",\"summary\":\"")
          .append(sentence(20))
          .append("\",\"tags\":[\"")
          .append(word())
          .append("\",\"")
          .append(word())
          .append("\"],\"published\":\"2026-11-")
          .append(10 + random.nextInt(18))
          .append("T12:00:00Z\",\"image\":{\"width\":1200,\"height\":675}}");
    }
    return b.append("]}</script>\n").toString();
  }

  private String link() {
    return "/"
        + SECTIONS[random.nextInt(SECTIONS.length)]
        + "/"
        + words(4).replace(' ', '-')
        + "-"
        + serial++;
  }

  private String headline() {
    return title(words(6 + random.nextInt(5)));
  }

  private String sentence(int n) {
    return title(words(n)) + ".";
  }

  private String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(word());
    }
    return b.toString();
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private static String title(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
