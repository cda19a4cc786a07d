package org.newswatch.ingest.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.newswatch.ingest.extract.TextBlocks.Block;

/**
 * Finds the article's paragraphs in a cleaned page. Readability's idea, on text blocks: each block
 * of prose (long, punctuated, few links) votes for the containers above it, nearer ones more; the
 * container with the best score, weighed by how little of it is links and by its class/id names, is
 * the article; siblings that score nearly as well, or that read as prose, join it (bodies split by
 * ads or by "read also" boxes). Its blocks are then filtered one by one: link lists, short lines
 * without a sentence in them, known boilerplate phrases and repeats go.
 */
final class MainTextFinder {
  /** A block shorter than this does not vote: menus and labels are short. */
  private static final int MIN_VOTING_CHARS = 25;

  /** Votes climb this many levels (readability: 3; deeper CMS wrappers are common now). */
  private static final int VOTE_LEVELS = 5;

  /** Link and text totals climb this far; deeper wrappers are never chosen anyway. */
  private static final int TOTAL_LEVELS = 64;

  private static final Pattern SENTENCE_END = Pattern.compile("[.!?؟۔…\"”»’)\\]:]\\s*$");

  /** Lines that are boilerplate in any template; matched at the start of short blocks only. */
  private static final Pattern BOILERPLATE_LINE =
      Pattern.compile(
          "^(advertisement|advertising|sponsored|read more|read also|also read|see also|related:|"
              + "related stories|related articles|more on this|share this|share on|follow us|"
              + "click here|sign up|subscribe|get the latest|download the app|listen to this|"
              + "watch:|video:|photo:|image:|photograph:|file photo|copyright|©|all rights reserved|"
              + "اشتہار|یہ بھی پڑھیں|مزید پڑھیں|مزید پڑھیے|یہ بھی دیکھیں|بیشتر بخوانید|بیشتر بخوانید:|"
              + "همچنین بخوانید|بخوانید:|اقرأ أيضا|اقرأ ايضا|تبلیغات|آگهی)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * A promo for the outlet's accounts ("Follow Dawn Business on Twitter, LinkedIn…", "Follow BBC
   * News India on Instagram…") or a dateline left in the body ("Published On: Wed, 05 Feb 2025
   * 13:04:31 PKT"); matched on short blocks only, like {@link #BOILERPLATE_LINE}.
   */
  private static final Pattern PROMO_OR_DATELINE =
      Pattern.compile(
          "^(follow\\b.{0,80}\\bon (twitter|x|facebook|instagram|linkedin|youtube|whatsapp|telegram|tiktok)\\b|"
              + "(published|updated|last updated|posted)( on)?\\s*:\\s*\\S.{0,60}\\d{4})",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * A byline or wire-service credit line: "By Jane Doe and John Roe | Reuters", "(Reporting by …)".
   */
  private static final Pattern CREDIT_LINE =
      Pattern.compile(
          "^([Bb][Yy]\\s+\\p{Lu}[\\p{L}.'-]+(\\s+\\p{Lu}[\\p{L}.'-]+)*\\s*(,|\\||and|&|$)|"
              + "\\(?(?i:reporting|writing|editing|additional reporting|compiled|edited) by\\s)");

  private MainTextFinder() {}

  static List<String> paragraphs(Element body, String title) {
    List<Block> blocks = TextBlocks.collect(body);
    if (blocks.isEmpty()) {
      return List.of();
    }
    Map<Element, int[]> totals = new IdentityHashMap<>(); // [text chars, link chars]
    // Insertion order (document order of the first vote), so that ties between containers go the
    // same way on every run: an identity map's order changes from one JVM to the next. jsoup's
    // elements compare and hash by identity, so a linked map keys them the same way.
    Map<Element, Double> votes = new java.util.LinkedHashMap<>();
    for (Block b : blocks) {
      Element e = b.owner();
      for (int level = 0; e != null && level < TOTAL_LEVELS; level++, e = e.parent()) {
        int[] t = totals.computeIfAbsent(e, k -> new int[2]);
        t[0] += b.length();
        t[1] += b.linkChars();
      }
      if (b.length() < MIN_VOTING_CHARS || b.isHeading()) {
        continue;
      }
      double vote =
          (1 + Math.min(punctuation(b.text()), 20) + Math.min(b.length() / 100, 3))
              * (1 - b.linkDensity());
      Element start = startsAtParent(b.tag()) ? b.owner().parent() : b.owner();
      Element c = start;
      for (int level = 0; c != null && level < VOTE_LEVELS; level++, c = c.parent()) {
        double share = level == 0 ? 1 : level == 1 ? 0.5 : 1.0 / (level * 3);
        Double old = votes.get(c);
        votes.put(c, (old == null ? base(c) : old) + vote * share);
      }
    }
    Element top = null;
    double topScore = 0;
    Map<Element, Double> scores = new java.util.LinkedHashMap<>();
    for (Map.Entry<Element, Double> v : votes.entrySet()) {
      double s = v.getValue() * (1 - linkDensity(totals, v.getKey()));
      scores.put(v.getKey(), s);
      if (top == null || s > topScore) {
        top = v.getKey();
        topScore = s;
      }
    }
    if (top == null) {
      return filter(blocks, title);
    }
    top = inHeadlineArticle(top, scores, body);
    top = commonAncestorOfPeers(top, scores.getOrDefault(top, topScore), scores, body);
    // A wrapper with no other child holds exactly the same article; its siblings are the ones to
    // weigh.
    while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    Set<Element> chosen = withSiblings(top, topScore, scores, totals);
    // One pass over the chosen subtrees, so that membership costs nothing per block even on
    // pages nested thousands of levels deep.
    Set<Element> within = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element root : chosen) {
      within.addAll(root.getAllElements());
    }
    int first = -1;
    int last = -1;
    for (Block b : blocks) {
      if (within.contains(b.owner())) {
        first = first < 0 ? b.index() : first;
        last = b.index();
      }
    }
    List<Block> inside = new ArrayList<>();
    for (Block b : blocks) {
      // Prose that sits between the article's first and last blocks but in another container
      // (a body split around a promo module, a lead set apart) is the article's too.
      if (within.contains(b.owner()) || b.index() > first && b.index() < last && isProse(b)) {
        inside.add(b);
      }
    }
    return filter(inside, title);
  }

  /** Attribute set, before cleaning, on the {@code <article>} whose heading is the page's title. */
  static final String HEADLINE_ARTICLE = "data-newswatch-headline";

  /**
   * Marks the {@code <article>} holding the heading that is the page's title. Runs before the
   * cleaner, which removes article headers and with them the heading.
   */
  static void markHeadlineArticle(Element body, String title) {
    if (title == null || title.isBlank()) {
      return;
    }
    String norm = normalise(title);
    for (Element h : body.select("h1, h2")) {
      if (normalise(h.text()).equals(norm)) {
        Element article = h.closest("article");
        if (article != null) {
          article.attr(HEADLINE_ARTICLE, "");
        }
        return;
      }
    }
  }

  /**
   * Pages that append the next story (infinite scroll, "up next") hold several articles; the one
   * whose heading is the page's title is the page's, even when another scores higher.
   */
  private static Element inHeadlineArticle(Element top, Map<Element, Double> scores, Element body) {
    Element headline = body.selectFirst("article[" + HEADLINE_ARTICLE + "]");
    if (headline == null || isInside(top, Set.of(headline)) || isInside(headline, Set.of(top))) {
      return top;
    }
    Element best = headline;
    double bestScore = -1;
    for (Map.Entry<Element, Double> s : scores.entrySet()) {
      if (s.getValue() > bestScore && isInside(s.getKey(), Set.of(headline))) {
        best = s.getKey();
        bestScore = s.getValue();
      }
    }
    return best;
  }

  /**
   * Readability's rule for bodies cut into several containers (live blogs, one box per paragraph):
   * when at least three other containers score nearly as well as the best, the nearest ancestor
   * holding three of them is the article.
   */
  private static Element commonAncestorOfPeers(
      Element top, double topScore, Map<Element, Double> scores, Element body) {
    List<Element> peers = new ArrayList<>();
    for (Map.Entry<Element, Double> s : scores.entrySet()) {
      Element e = s.getKey();
      // Only repeats of the same template count (live-blog entries, one box per paragraph): a
      // comment thread that scores as well as a short article is not part of it.
      boolean sameTemplate =
          e.normalName().equals(top.normalName()) && e.className().equals(top.className());
      if (e != top
          && sameTemplate
          && s.getValue() >= topScore * 0.75
          && !isInside(e, Set.of(top))
          && !isInside(top, Set.of(e))) {
        peers.add(e);
      }
    }
    if (peers.size() < 3) {
      return top;
    }
    int level = 0;
    for (Element ancestor = top.parent();
        ancestor != null && level++ < TOTAL_LEVELS;
        ancestor = ancestor.parent()) {
      int held = 0;
      for (Element peer : peers) {
        if (isInside(peer, Set.of(ancestor))) {
          held++;
        }
      }
      if (held >= 3) {
        return ancestor;
      }
      if (ancestor == body) {
        break;
      }
    }
    return top;
  }

  /** A block that reads as a paragraph of an article: long, a sentence, almost no links. */
  private static boolean isProse(Block b) {
    return b.length() >= 80 && b.linkDensity() < 0.2 && SENTENCE_END.matcher(b.text()).find();
  }

  private static boolean startsAtParent(String tag) {
    return switch (tag) {
      case "p", "li", "blockquote", "pre", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6" -> true;
      default -> false;
    };
  }

  /** Readability's starting score by tag, plus the class/id weight. */
  private static double base(Element e) {
    double tagScore =
        switch (e.normalName()) {
          case "article", "main" -> 10;
          case "div", "section" -> 5;
          case "pre", "td", "blockquote" -> 3;
          case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    return tagScore + Hints.weight(e);
  }

  private static double linkDensity(Map<Element, int[]> totals, Element e) {
    int[] t = totals.get(e);
    return t == null || t[0] == 0 ? 0 : Math.min(1.0, (double) t[1] / t[0]);
  }

  private static Set<Element> withSiblings(
      Element top, double topScore, Map<Element, Double> scores, Map<Element, int[]> totals) {
    Set<Element> chosen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    chosen.add(top);
    Element parent = top.parent();
    if (parent == null) {
      return chosen;
    }
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = top.className();
    // An <article> is one story: another <article> beside it is another story, however well it
    // scores.
    boolean inArticle =
        top.closest("article") != null || !top.getElementsByTag("article").isEmpty();
    for (Element sibling : parent.children()) {
      if (sibling == top) {
        continue;
      }
      if (inArticle && !sibling.getElementsByTag("article").isEmpty()) {
        continue;
      }
      double bonus =
          !topClass.isEmpty() && topClass.equals(sibling.className()) ? topScore * 0.2 : 0;
      double score = scores.getOrDefault(sibling, 0.0);
      if (score + bonus >= threshold) {
        chosen.add(sibling);
        continue;
      }
      int[] t = totals.get(sibling);
      if (t == null) {
        continue;
      }
      double ld = t[0] == 0 ? 0 : (double) t[1] / t[0];
      boolean prose =
          sibling.normalName().equals("p")
              || sibling.normalName().equals("blockquote")
              || sibling.normalName().matches("h[2-6]")
              || isParagraphLike(sibling);
      if (prose && t[0] > 80 && ld < 0.25) {
        chosen.add(sibling);
      } else if (prose && t[0] > 0 && ld == 0 && SENTENCE_END.matcher(sibling.text()).find()) {
        chosen.add(sibling);
      }
    }
    return chosen;
  }

  /**
   * A div or section holding only inline content is a paragraph by another name (readability does
   * the same).
   */
  private static boolean isParagraphLike(Element e) {
    if (!e.normalName().equals("div") && !e.normalName().equals("section")) {
      return false;
    }
    for (Element c : e.getAllElements()) {
      if (c != e && TextBlocks.BLOCK_TAGS.contains(c.normalName()) && !c.normalName().equals("p")) {
        return false;
      }
    }
    return e.getElementsByTag("p").size() <= 1;
  }

  /** Whether e is one of roots or below one, looking at most {@link #TOTAL_LEVELS} levels up. */
  private static boolean isInside(Element e, Set<Element> roots) {
    int level = 0;
    for (Element c = e; c != null && level++ <= TOTAL_LEVELS; c = c.parent()) {
      if (roots.contains(c)) {
        return true;
      }
    }
    return false;
  }

  /** Drops link lists, label-like short lines, boilerplate phrases, the title and repeats. */
  static List<String> filter(List<Block> blocks, String title) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String normTitle = title == null ? "" : normalise(title);
    for (Block b : blocks) {
      String text = b.text();
      if (b.linkDensity() > 0.5) {
        continue;
      }
      String norm = normalise(text);
      if (!normTitle.isEmpty() && norm.equals(normTitle)) {
        continue;
      }
      if (b.isHeading()) {
        if (b.tag().equals("h1") || text.length() > 200) {
          continue;
        }
      } else if (text.length() < 30
          && !SENTENCE_END.matcher(text).find()
          && !isDataCell(b)
          && !isListFact(b)) {
        continue;
      }
      if (text.length() < 160
          && (BOILERPLATE_LINE.matcher(text).find() || PROMO_OR_DATELINE.matcher(text).find())) {
        continue;
      }
      if (text.length() < 200 && CREDIT_LINE.matcher(text).find()) {
        continue;
      }
      if (!seen.add(norm)) {
        continue;
      }
      out.add(text);
    }
    Set<String> teasers = teasers(out);
    out.removeIf(teasers::contains);
    // A heading with nothing after it is a label ("Related", "Comments"), not a section title.
    while (!out.isEmpty() && isHeadingText(blocks, out.get(out.size() - 1))) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /**
   * A short list item with no link inside the article ("Cost: Rs 18 billion"): a fact box's line.
   * Menus and tag lists are links, so they still go; a lone word is a label, so it goes too.
   */
  private static boolean isListFact(Block b) {
    if (!b.tag().equals("li") || b.linkChars() > 0 || b.text().strip().split("\\s+").length < 2) {
      return false;
    }
    // A list of three or more such lines; a byline's name-and-date pair is not a fact box.
    Element list = b.owner().parent();
    return list != null && list.childrenSize() >= 3 && list.select("a, time").isEmpty();
  }

  /** A cell of a data table (one with header cells): short by nature, and content. */
  private static boolean isDataCell(Block b) {
    if (!b.tag().equals("td") && !b.tag().equals("th")) {
      return false;
    }
    Element table = null;
    int level = 0;
    for (Element c = b.owner();
        c != null && level++ < TOTAL_LEVELS && table == null;
        c = c.parent()) {
      table = c.normalName().equals("table") ? c : null;
    }
    return table != null && table.selectFirst("th") != null && b.linkChars() == 0;
  }

  /**
   * "First words of the lead…" shown above the lead itself: teasers, not paragraphs. A teaser is
   * cut with an ellipsis, or cut bare at a fixed length (then it must be long enough not to be
   * chance). Sorting puts every paragraph right before those it is a prefix of, so this takes n log
   * n comparisons, not n².
   */
  private static Set<String> teasers(List<String> paragraphs) {
    java.util.TreeMap<String, String> byPrefix = new java.util.TreeMap<>();
    for (String p : paragraphs) {
      String t = p.strip();
      boolean ellipsis = t.endsWith("…") || t.endsWith("...");
      String prefix = ellipsis ? t.replaceAll("(…|\\.\\.\\.)$", "").strip() : t;
      if (prefix.length() >= (ellipsis ? 20 : 60)) {
        byPrefix.put(prefix, p);
      }
    }
    java.util.TreeSet<String> all = new java.util.TreeSet<>(paragraphs);
    Set<String> teasers = new HashSet<>();
    for (Map.Entry<String, String> e : byPrefix.entrySet()) {
      int looked = 0;
      // The teaser itself may sort among the paragraphs it begins; a few steps find the others.
      for (String next : all.tailSet(e.getKey(), false)) {
        if (!next.startsWith(e.getKey()) || looked++ == 3) {
          break;
        }
        if (!next.equals(e.getValue())) {
          teasers.add(e.getValue());
          break;
        }
      }
    }
    return teasers;
  }

  private static boolean isHeadingText(List<Block> blocks, String text) {
    for (Block b : blocks) {
      if (b.text().equals(text)) {
        return b.isHeading();
      }
    }
    return false;
  }

  static int punctuation(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case ',', '.', '،', '۔', '؟', '?', '!', ';', '؛' -> n++;
        default -> {}
      }
    }
    return n;
  }

  /**
   * Lower case, punctuation and spaces collapsed to single spaces: for comparing blocks with the
   * title and each other.
   */
  static String normalise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean gap = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (gap && !b.isEmpty()) {
          b.append(' ');
        }
        b.append(Character.toLowerCase(c));
        gap = false;
      } else {
        gap = true;
      }
    }
    return b.toString();
  }
}
