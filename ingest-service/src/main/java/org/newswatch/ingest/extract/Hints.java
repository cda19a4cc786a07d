package org.newswatch.ingest.extract;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What an element's {@code class}, {@code id}, {@code role} and {@code itemprop} say about it.
 * Site-independent words that publishers' templates use everywhere (the same idea as
 * readability's "unlikely candidates" and trafilatura's discard lists), not per-site rules.
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
              + "print-?only|toolbar|pagination|pager|rating|poll|subscription|app-?download|disclaimer|"
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
   * CSS frameworks' component names ("media-body", "card-text", "text-muted") say nothing about
   * the article and would otherwise read as content words.
   */
  private static final Pattern FRAMEWORK_NAMES =
      Pattern.compile(
          "\\b(media|panel|card|modal|widget|list-group|accordion|tab|dropdown|popover|tooltip|toast|"
              + "offcanvas|navbar|carousel)-(body|content|text|main|header|title|item)\\b|\\btext-[a-z0-9-]+");

  static String names(Element e) {
    String s = e.className() + " " + e.id();
    String itemprop = e.attr("itemprop");
    if (!itemprop.isEmpty()) {
      s += " " + itemprop;
    }
    return FRAMEWORK_NAMES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
  }

  /** Strongly boilerplate: removed wherever it is, unless it holds most of the page's text. */
  static boolean isBoilerplate(Element e) {
    String n = names(e);
    if (n.isBlank()) {
      return false;
    }
    if (n.contains("articlebody") || e.attr("itemprop").equalsIgnoreCase("articleBody")) {
      return false;
    }
    return BOILERPLATE.matcher(n).find();
  }

  /** Page furniture by name, with no word of content in the name. */
  static boolean isFurniture(Element e) {
    String n = names(e);
    if (n.isBlank()) {
      return false;
    }
    return FURNITURE.matcher(n).find() && !CONTENT.matcher(n).find();
  }

  /** The class weight, as in readability: +25 for content names, -25 for boilerplate names. */
  static int weight(Element e) {
    String n = names(e);
    if (n.isBlank()) {
      return 0;
    }
    int w = 0;
    if (CONTENT.matcher(n).find()) {
      w += 25;
    }
    if (BOILERPLATE.matcher(n).find() || FURNITURE.matcher(n).find()) {
      w -= 25;
    }
    if (e.attr("itemprop").equalsIgnoreCase("articleBody") || n.contains("articlebody")) {
      w += 25;
    }
    return w;
  }

  /** ARIA landmark roles that are never the article. */
  static boolean hasFurnitureRole(Element e) {
    String role = e.attr("role").toLowerCase(Locale.ROOT);
    return switch (role) {
      case "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search",
          "dialog", "alertdialog", "toolbar", "tablist" -> true;
      default -> false;
    };
  }
}
