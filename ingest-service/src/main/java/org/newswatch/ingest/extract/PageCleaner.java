package org.newswatch.ingest.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Removes what is never article text from a parsed page, before any scoring: scripts and embeds,
 * hidden elements, landmarks that are not the article (navigation, banners, asides), and elements
 * named for boilerplate (share bars, cookie banners, related lists, bylines, captions). An element
 * that holds most of the page's text is kept whatever its name, because templates sometimes put
 * words like "sidebar" or "hidden" on the wrapper of everything.
 */
final class PageCleaner {
  private static final Set<String> NEVER_TEXT =
      Set.of(
          "script",
          "style",
          "template",
          "svg",
          "canvas",
          "iframe",
          "object",
          "embed",
          "video",
          "audio",
          "button",
          "input",
          "select",
          "textarea",
          "option",
          "link",
          "meta",
          "nav",
          "dialog",
          "figcaption",
          "map",
          "head",
          // AMP's ads, menus, share buttons and consent prompts (amp.dev component names)
          "amp-ad",
          "amp-embed",
          "amp-sticky-ad",
          "amp-sidebar",
          "amp-analytics",
          "amp-social-share",
          "amp-consent",
          "amp-user-notification");

  private static final Set<String> FURNITURE_TAGS =
      Set.of("aside", "footer", "header", "form", "menu");

  /**
   * Below this many characters a {@code <noscript>} is a "please enable JavaScript" note or a
   * pixel.
   */
  private static final int NOSCRIPT_MIN_TEXT = 200;

  private PageCleaner() {}

  static void clean(Element body) {
    Map<Element, Integer> textLength = textLengths(body);
    Set<Element> bodyHolders = bodyHolders(body, textLength);
    int total = textLength.getOrDefault(body, 0);
    List<Element> remove = new ArrayList<>();
    List<Element> unwrap = new ArrayList<>();
    NodeTraversor.filter(
        new org.jsoup.select.NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (!(node instanceof Element e) || e == body) {
              return FilterResult.CONTINUE;
            }
            String tag = e.normalName();
            if (tag.equals("noscript")) {
              if (textLength.getOrDefault(e, 0) >= NOSCRIPT_MIN_TEXT) {
                unwrap.add(e);
                return FilterResult.CONTINUE;
              }
              remove.add(e);
              return FilterResult.SKIP_ENTIRELY;
            }
            if (NEVER_TEXT.contains(tag) || isHidden(e)) {
              remove.add(e);
              return FilterResult.SKIP_ENTIRELY;
            }
            // Lengths count non-space characters; 500 of them is a short article.
            boolean holdsMost = total > 500 && textLength.getOrDefault(e, 0) * 2 > total;
            if (holdsMost) {
              return FilterResult.CONTINUE;
            }
            if (bodyHolders.contains(e) && Hints.isFurniture(e) && !Hints.isBoilerplate(e)) {
              // Jang wraps its story in "rt-left-sidebar-sapcer-5": a layout column's name, not a
              // sidebar.
              return FilterResult.CONTINUE;
            }
            if (FURNITURE_TAGS.contains(tag)
                || Hints.hasFurnitureRole(e)
                || Hints.isBoilerplate(e)
                || Hints.isFurniture(e)
                || (tag.equals("figure") && textLength.getOrDefault(e, 0) < 300)) {
              remove.add(e);
              if (Hints.isCommentWidget(e)
                  && isCommentPreface(e.previousElementSibling(), textLength)) {
                remove.add(e.previousElementSibling());
              }
              return FilterResult.SKIP_ENTIRELY;
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        },
        body);
    for (Element e : remove) {
      e.remove();
    }
    for (Element e : unwrap) {
      if (e.parent() != null) {
        e.unwrap();
      }
    }
  }

  /**
   * Paragraphs in a row that make an article body: at least this many, each at least {@link
   * #PROSE_CHARS}.
   */
  private static final int BODY_PARAGRAPHS = 4;

  private static final int PROSE_CHARS = 60;

  /**
   * The elements that hold an article body: a container named for content (not for furniture) with
   * {@link #BODY_PARAGRAPHS} or more prose paragraphs of its own, which sidebars' teaser lists
   * (headings and links) do not have, and every element above it. One pass, and each ancestor chain
   * is climbed only until it meets one already marked, so deep pages stay linear.
   */
  private static Set<Element> bodyHolders(Element root, Map<Element, Integer> textLength) {
    Set<Element> holders = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element c : root.getAllElements()) {
      if (textLength.getOrDefault(c, 0) < BODY_PARAGRAPHS * PROSE_CHARS
          || !Hints.isContentNamed(c)) {
        continue;
      }
      int paragraphs = 0;
      for (Element child : c.children()) {
        int length = child.normalName().equals("p") ? textLength.getOrDefault(child, 0) : 0;
        if (length >= PROSE_CHARS && linkChars(child, textLength) * 4 < length) {
          paragraphs++;
        }
      }
      if (paragraphs >= BODY_PARAGRAPHS) {
        for (Element up = c; up != null && holders.add(up); up = up.parent()) {
          // climb until an ancestor already marked
        }
      }
    }
    return holders;
  }

  /**
   * Characters of link text in a paragraph, from the lengths already counted (no text is rebuilt).
   */
  private static int linkChars(Element paragraph, Map<Element, Integer> textLength) {
    int n = 0;
    for (Element a : paragraph.getElementsByTag("a")) {
      n += textLength.getOrDefault(a, 0);
    }
    return n;
  }

  /**
   * The unnamed box right above a comment widget ("CNN welcomes debate… the views below are not
   * CNN's"): the widget's preface, short, with no heading and no name of its own.
   */
  private static boolean isCommentPreface(Element e, Map<Element, Integer> textLength) {
    return e != null
        && e.normalName().equals("div")
        && Hints.names(e).isBlank()
        && textLength.getOrDefault(e, 0) < 600
        && e.childrenSize() <= 3
        && e.select("h1, h2, h3, h4, h5, h6").isEmpty();
  }

  static boolean isHidden(Element e) {
    if (e.hasAttr("hidden") || e.attr("aria-hidden").equalsIgnoreCase("true")) {
      return true;
    }
    String style = e.attr("style");
    if (style.isEmpty()) {
      return false;
    }
    String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }

  private static int visibleChars(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /** Characters of text under each element, in one pass (no recursion: pages nest deeply). */
  static Map<Element, Integer> textLengths(Element root) {
    Map<Element, Integer> lengths = new IdentityHashMap<>();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {}

          @Override
          public void tail(Node node, int depth) {
            Element parent = (Element) (node.parentNode() instanceof Element p ? p : null);
            if (parent == null || node == root) {
              return;
            }
            int own = node instanceof TextNode t ? visibleChars(t.getWholeText()) : 0;
            int sub = node instanceof Element e ? lengths.getOrDefault(e, 0) : 0;
            if (own + sub > 0) {
              lengths.merge(parent, own + sub, Integer::sum);
            }
          }
        },
        root);
    return lengths;
  }
}
