package org.newswatch.ingest.extract;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What an element's {@code class}, {@code id}, {@code role} and {@code itemprop} say about it.
 * Site-independent words that publishers' templates use everywhere (the same idea as readability's
 * "unlikely candidates" and trafilatura's discard lists), not per-site rules.
 */
final class Hints {
  /** Boilerplate no matter what else the name says ("related-articles" is still related). */
  private static final Pattern BOILERPLATE =
      Pattern.compile(
          "cookie|consent|gdpr|share|sharing|social|related|recommend|comment(?!ary)|disqus|"
              + "newsletter|subscribe|signup|sign-up|promo|advert|sponsor|outbrain|taboola|"
              + "breadcrumb|byline|caption|credit|popup|modal|trending|most-?read|most-?popular|"
              + "read-?more|more-?stories|also-?read|paywall|donate|jump-?link|skip-?link|"
              + "sr-only|visually-?hidden|screen-?reader|author-?bio|about-?the-?author|tag-?list|"
              + "post-?tags|article-?tags|entry-?meta|post-?meta|article-?meta|dateline|timestamp|"
              + "print-?only|toolbar|pagination|pager|(^|[^a-z])rating|poll(?!ing)|subscription|app-?download|disclaimer|"
              + "twitter-tweet|instagram-media|tiktok-embed|fb-post|social-embed");

  /** Words for page furniture that a real body container may still carry ("main-sidebar-less"). */
  private static final Pattern FURNITURE =
      Pattern.compile(
          "(^|[^a-z])(ads?|ad-?slot|ad-?unit|dfp|nav|navbar|navigation|menu|sidebar|side-?bar|"
              + "footer|masthead|header|widget|banner|tags|meta|hidden|aside|links|login|search|"
              + "topbar|top-?bar|drawer|overlay|alert)([^a-z]|$)");

  /** Words for the article's own container. */
  private static final Pattern CONTENT =
      Pattern.compile(
          "article|body|content|entry|main|post|story|text|blog|column|detail|news-?item|"
              + "articlebody|storybody|matn|khabar");

  private Hints() {}

  /**
   * CSS frameworks' component names ("media-body", "card-text", "text-muted") say nothing about the
   * article and would otherwise read as content words.
   */
  private static final Pattern FRAMEWORK_NAMES =
      Pattern.compile(
          "\\b(media|panel|card|modal|widget|list-group|accordion|tab|dropdown|popover|tooltip|toast|"
              + "offcanvas|navbar|carousel)-(body|content|text|main|header|title|item)\\b|\\btext-[a-z0-9-]+");

  /**
   * The element's class, id and itemprop as written (flags() lower-cases and cleans them once per
   * distinct value).
   */
  static String names(Element e) {
    if (e.attributesSize() == 0) {
      return "";
    }
    String s = e.attr("class") + " " + e.id() + " " + e.attr("itemprop");
    return s.isBlank() ? "" : s;
  }

  private static String cleaned(String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    return lower.contains("-") ? FRAMEWORK_NAMES.matcher(lower).replaceAll(" ") : lower;
  }

  private static final int BOILERPLATE_NAME = 1;
  private static final int FURNITURE_NAME = 2;
  private static final int CONTENT_NAME = 4;
  private static final int ARTICLE_BODY_NAME = 8;

  /**
   * What each distinct class/id string says, worked out once: templates repeat the same names
   * thousands of times, and the patterns above cost more than the parse otherwise. Bounded by
   * clearing, since names are few per site but unbounded over the web.
   */
  private static final Map<String, Integer> FLAGS = new ConcurrentHashMap<>();

  private static final int MAX_CACHED_NAMES = 50_000;

  private static int flags(String names) {
    Integer cached = FLAGS.get(names);
    if (cached != null) {
      return cached;
    }
    String n = cleaned(names);
    int f = 0;
    if (n.contains("articlebody")) {
      f |= ARTICLE_BODY_NAME;
    }
    if (BOILERPLATE.matcher(n).find()) {
      f |= BOILERPLATE_NAME;
    }
    if (FURNITURE.matcher(n).find()) {
      f |= FURNITURE_NAME;
    }
    if (CONTENT.matcher(n).find()) {
      f |= CONTENT_NAME;
    }
    if (FLAGS.size() >= MAX_CACHED_NAMES) {
      FLAGS.clear();
    }
    FLAGS.put(names, f);
    return f;
  }

  private static boolean isArticleBody(Element e, String names) {
    return (flags(names) & ARTICLE_BODY_NAME) != 0;
  }

  /** Strongly boilerplate: removed wherever it is, unless it holds most of the page's text. */
  static boolean isBoilerplate(Element e) {
    String n = names(e);
    if (n.isBlank() || isArticleBody(e, n)) {
      return false;
    }
    return (flags(n) & BOILERPLATE_NAME) != 0;
  }

  /** Page furniture by name, with no word of content in the name. */
  static boolean isFurniture(Element e) {
    String n = names(e);
    if (n.isBlank()) {
      return false;
    }
    int f = flags(n);
    return (f & FURNITURE_NAME) != 0 && (f & CONTENT_NAME) == 0;
  }

  /** Named for the article's own container, and for nothing that is furniture or boilerplate. */
  static boolean isContentNamed(Element e) {
    String n = names(e);
    return !n.isBlank()
        && (flags(n) & (CONTENT_NAME | BOILERPLATE_NAME | FURNITURE_NAME)) == CONTENT_NAME;
  }

  /** A comment thread's widget ("fb-comments", "comments", "disqus_thread"). */
  static boolean isCommentWidget(Element e) {
    String n = names(e).toLowerCase(Locale.ROOT);
    return n.contains("disqus") || n.matches(".*comment(?!ary).*");
  }

  /** The class weight, as in readability: +25 for content names, -25 for boilerplate names. */
  static int weight(Element e) {
    String n = names(e);
    if (n.isBlank()) {
      return 0;
    }
    int f = flags(n);
    int w = 0;
    if ((f & CONTENT_NAME) != 0) {
      w += 25;
    }
    if ((f & (BOILERPLATE_NAME | FURNITURE_NAME)) != 0) {
      w -= 25;
    }
    if (isArticleBody(e, n)) {
      w += 25;
    }
    return w;
  }

  /** ARIA landmark roles that are never the article. */
  static boolean hasFurnitureRole(Element e) {
    String role = e.attr("role").toLowerCase(Locale.ROOT);
    return switch (role) {
      case "navigation",
          "banner",
          "contentinfo",
          "complementary",
          "menu",
          "menubar",
          "search",
          "dialog",
          "alertdialog",
          "toolbar",
          "tablist" ->
          true;
      default -> false;
    };
  }
}
