package org.newswatch.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads an article's metadata from the places publishers put it, most reliable first: Open Graph
 * and {@code article:*} metas, schema.org JSON-LD, microdata ({@code itemprop}), Dublin Core and
 * other common metas, then the visible page ({@code <h1>}, {@code <time>}, bylines). Runs on the
 * untouched document, before the cleaner removes bylines and scripts.
 */
final class MetadataReader {
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—:·»/]{1,2}\\s+");
  private static final Pattern BY_PREFIX =
      Pattern.compile(
          "^(by|from|written by|reported by|story by|posted by|بقلم|از|تحریر|رپورٹ)[:\\s]+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * Links to a site's page about one author: {@code /author/…}, {@code author/…}, {@code
   * /authors/…}.
   */
  private static final String AUTHOR_PAGE_LINK = "a[href~=(^|/)authors?/[^/?#]+/?$]";

  /** Separators that bylines put before a name ("| Waniya Kabir Ahmad"). */
  private static final Pattern LEADING_MARKS = Pattern.compile("^[|·•:\\-–—\\s]+");

  /** Everything found; absent values are null or empty. */
  record PageMetadata(
      String title,
      List<String> authors,
      Instant publishedAt,
      Instant modifiedAt,
      String canonicalUrl,
      String siteName,
      String imageUrl,
      List<String> keywords,
      String section,
      String declaredLanguage,
      String jsonLdBody) {}

  private MetadataReader() {}

  static PageMetadata read(Document doc) {
    JsonNode ld = JsonLd.articleNode(doc);
    String siteName =
        firstNonBlank(meta(doc, "og:site_name"), publisherName(ld), meta(doc, "application-name"));
    String title = title(doc, ld, siteName);
    return new PageMetadata(
        title,
        authors(doc, ld, siteName),
        published(doc, ld),
        modified(doc, ld),
        canonical(doc, ld),
        siteName,
        absolute(
            doc,
            firstNonBlank(
                meta(doc, "og:image"),
                meta(doc, "og:image:url"),
                meta(doc, "twitter:image"),
                JsonLd.image(ld),
                index(doc).imageSrcLink == null ? null : index(doc).imageSrcLink.attr("href"))),
        keywords(doc, ld),
        firstNonBlank(
            meta(doc, "article:section"), JsonLd.text(ld, "articleSection"), meta(doc, "section")),
        declaredLanguage(doc, ld),
        JsonLd.text(ld, "articleBody"));
  }

  /**
   * The content of {@code <meta property=name>} or {@code <meta name=name>}, case-insensitively.
   */
  static String meta(Document doc, String name) {
    List<String> values = index(doc).metas.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  private static List<String> metas(Document doc, String name) {
    return index(doc).metas.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * What the lookups below need from the page, gathered in one walk over it and kept in the
   * document's user data: some forty lookups would otherwise walk the page each.
   */
  private static final class PageIndex {
    final Map<String, List<String>> metas = new java.util.HashMap<>();
    final Map<String, Element> itemprops = new java.util.HashMap<>();
    Element pubdateTime;
    Element articleTime;
    Element anyTime;
    Element canonicalLink;
    Element imageSrcLink;
    Element contentLanguage;

    PageIndex(Document doc) {
      for (Element e : doc.getAllElements()) {
        switch (e.normalName()) {
          case "meta" -> {
            String key =
                e.hasAttr("property")
                    ? e.attr("property")
                    : e.hasAttr("name") ? e.attr("name") : e.attr("itemprop");
            String content = e.attr("content").strip();
            if (!key.isEmpty() && !content.isEmpty()) {
              metas
                  .computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                  .add(content);
            }
            if (contentLanguage == null
                && e.attr("http-equiv").equalsIgnoreCase("content-language")) {
              contentLanguage = e;
            }
          }
          case "time" -> {
            if (e.hasAttr("datetime")) {
              pubdateTime = pubdateTime == null && e.hasAttr("pubdate") ? e : pubdateTime;
              articleTime = articleTime == null && e.closest("article") != null ? e : articleTime;
              anyTime = anyTime == null ? e : anyTime;
            }
          }
          case "link" -> {
            String rel = e.attr("rel").toLowerCase(Locale.ROOT);
            if (canonicalLink == null && rel.equals("canonical") && e.hasAttr("href")) {
              canonicalLink = e;
            } else if (imageSrcLink == null && rel.equals("image_src") && e.hasAttr("href")) {
              imageSrcLink = e;
            }
          }
          default -> {}
        }
        String prop = e.attr("itemprop");
        if (!prop.isEmpty()) {
          itemprops.putIfAbsent(prop.toLowerCase(Locale.ROOT), e);
        }
      }
    }

    Element firstTime() {
      return pubdateTime != null ? pubdateTime : articleTime != null ? articleTime : anyTime;
    }
  }

  private static PageIndex index(Document doc) {
    Object cached = doc.attributes().userData(PAGE_INDEX);
    if (cached instanceof PageIndex i) {
      return i;
    }
    PageIndex index = new PageIndex(doc);
    doc.attributes().userData(PAGE_INDEX, index);
    return index;
  }

  private static final String PAGE_INDEX = "newswatch.pageIndex";

  static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  private static String publisherName(JsonNode ld) {
    return ld == null ? null : JsonLd.text(ld, "publisher");
  }

  static String title(Document doc, JsonNode ld, String siteName) {
    String t =
        firstNonBlank(
            meta(doc, "og:title"),
            meta(doc, "twitter:title"),
            JsonLd.text(ld, "headline"),
            headline(doc, siteName),
            doc.title());
    return t == null ? null : withoutSiteName(t, siteName);
  }

  /**
   * The page's visible headline: of the {@code <h1>}s that the {@code <title>} repeats, the longest
   * (the title also repeats the site's name); else the first that is not a logo in the masthead
   * (older themes put the site name in an h1 in the header).
   */
  private static String headline(Document doc, String siteName) {
    String docTitle = MainTextFinder.normalise(doc.title());
    String site = siteName == null ? "" : MainTextFinder.normalise(siteName);
    String repeated = null;
    String fallback = null;
    for (Element h1 : doc.getElementsByTag("h1")) {
      String text = h1.text().strip();
      String norm = MainTextFinder.normalise(text);
      if (norm.isEmpty() || norm.equals(site)) {
        continue;
      }
      if (!docTitle.isEmpty()
          && docTitle.contains(norm)
          && (repeated == null || text.length() > repeated.length())) {
        repeated = text;
      }
      boolean inMasthead = h1.closest("header, nav") != null && h1.closest("article, main") == null;
      if (fallback == null && !inMasthead) {
        fallback = text;
      }
    }
    return repeated != null ? repeated : fallback;
  }

  /**
   * "Headline | Site" → "Headline": drops the part that is the site's name, or a short trailing
   * part.
   */
  static String withoutSiteName(String title, String siteName) {
    String[] parts = TITLE_SEPARATOR.split(title.strip());
    if (parts.length < 2) {
      return title.strip();
    }
    String site = siteName == null ? "" : siteName.strip().toLowerCase(Locale.ROOT);
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (!site.isEmpty() && p.strip().toLowerCase(Locale.ROOT).equals(site)) {
        continue;
      }
      kept.add(p.strip());
    }
    if (kept.size() == parts.length) {
      // No part named the site: drop a short part at either end ("… – Dawn", "BBC Urdu :: …")
      // when the rest is at least twice as long.
      String last = parts[parts.length - 1];
      String rest = title.substring(0, title.lastIndexOf(last)).replaceAll("[\\s|\\-–—:·»/]+$", "");
      if (last.split("\\s+").length <= 4 && last.length() * 2 < rest.length()) {
        return rest.strip();
      }
      String first = parts[0];
      String after =
          title
              .substring(title.indexOf(first) + first.length())
              .replaceAll("^[\\s|\\-–—:·»/]+", "");
      if (first.split("\\s+").length <= 4 && first.length() * 2 < after.length()) {
        return after.strip();
      }
      return title.strip();
    }
    // Rebuild from the original so a separator inside the headline ("Iran: talks resume") stays.
    String result = title.strip();
    for (String p : parts) {
      if (!kept.contains(p.strip())) {
        result = result.replace(p.strip(), "");
      }
    }
    return result.replaceAll("^[\\s|\\-–—:·»/]+|[\\s|\\-–—:·»/]+$", "").strip();
  }

  /**
   * Author names; the publisher's own name, which many sites put in {@code meta author}, is not
   * one.
   */
  static List<String> authors(Document doc, JsonNode ld, String siteName) {
    // Structured names are one name each, even "Pop Culture & Art" (Express Tribune's desk); only
    // free-text bylines ("By A, B and C") are split.
    List<String> named = new ArrayList<>(JsonLd.names(ld, "author"));
    List<String> found = new ArrayList<>();
    if (named.isEmpty()) {
      for (String name :
          List.of(
              "author",
              "article:author",
              "dc.creator",
              "byl",
              "sailthru.author",
              "parsely-author")) {
        for (String v : metas(doc, name)) {
          if (!v.startsWith("http")) {
            found.add(v);
          }
        }
      }
    }
    if (named.isEmpty() && found.isEmpty()) {
      for (Element e :
          doc.select("a[rel=author], [itemprop=author] [itemprop=name], [itemprop=author]")) {
        found.add(e.text());
      }
    }
    if (named.isEmpty() && found.isEmpty()) {
      for (Element e : doc.select("[class*=byline], [class*=author-name], [rel=author]")) {
        found.add(e.text());
        break;
      }
    }
    if (named.isEmpty() && found.isEmpty()) {
      // The last resort: the first link to an author page (Samaa: <a
      // href="author/waniya-kabir-ahmad">
      // | Waniya Kabir Ahmad</a>), within the article when the page marks one.
      Element article = doc.selectFirst("article");
      Element link = (article == null ? doc : article).selectFirst(AUTHOR_PAGE_LINK);
      link = link == null ? doc.selectFirst(AUTHOR_PAGE_LINK) : link;
      if (link != null) {
        found.add(link.text());
      }
    }
    List<String> candidates = new ArrayList<>(named);
    for (String raw : found) {
      candidates.addAll(
          List.of(
              BY_PREFIX
                  .matcher(LEADING_MARKS.matcher(raw.strip()).replaceFirst(""))
                  .replaceFirst("")
                  .split("\\s*(,|&|\\band\\b|،| و )\\s*")));
    }
    Map<String, String> unique = new LinkedHashMap<>();
    for (String candidate : candidates) {
      String n = LEADING_MARKS.matcher(candidate.strip()).replaceFirst("");
      // A name is a few words with no digits; "Staff | 5 March 2024" or a URL is not.
      boolean publisher = siteName != null && n.equalsIgnoreCase(siteName.strip());
      if (!n.isEmpty()
          && !publisher
          && n.length() <= 60
          && n.split("\\s+").length <= 5
          && !n.matches(".*(\\d|https?:|@).*")) {
        unique.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
      }
    }
    return List.copyOf(unique.values());
  }

  static Instant published(Document doc, JsonNode ld) {
    Instant t =
        firstDate(
            meta(doc, "article:published_time"),
            meta(doc, "og:article:published_time"),
            JsonLd.text(ld, "datePublished"),
            itemprop(doc, "datePublished"),
            meta(doc, "pubdate"),
            meta(doc, "publishdate"),
            meta(doc, "publish-date"),
            meta(doc, "publish_date"),
            meta(doc, "article.published"),
            meta(doc, "dc.date.issued"),
            meta(doc, "dcterms.created"),
            meta(doc, "dc.date"),
            meta(doc, "date"),
            meta(doc, "sailthru.date"),
            meta(doc, "parsely-pub-date"),
            meta(doc, "datePublished"),
            meta(doc, "original-publish-date"),
            JsonLd.text(ld, "dateCreated"));
    if (t != null) {
      return t;
    }
    Element time = index(doc).firstTime();
    if (time == null) {
      return null;
    }
    Instant day = PageDates.parse(time.attr("datetime"));
    // A datetime with only the day (Dunya: "Wed, 05 Feb 2025") while the element's text gives the
    // clock time and zone of that same day: the text is the more exact of the two.
    Instant shown = PageDates.parseVisible(time.text());
    boolean sameDay =
        day != null
            && shown != null
            && Math.abs(shown.getEpochSecond() - day.getEpochSecond()) < 86_400;
    return sameDay && day.equals(day.truncatedTo(java.time.temporal.ChronoUnit.DAYS)) ? shown : day;
  }

  static Instant modified(Document doc, JsonNode ld) {
    return firstDate(
        meta(doc, "article:modified_time"),
        meta(doc, "og:updated_time"),
        JsonLd.text(ld, "dateModified"),
        itemprop(doc, "dateModified"),
        meta(doc, "dcterms.modified"),
        meta(doc, "last-modified"),
        meta(doc, "lastmod"));
  }

  private static String itemprop(Document doc, String prop) {
    Element e = index(doc).itemprops.get(prop.toLowerCase(Locale.ROOT));
    if (e == null) {
      return null;
    }
    return firstNonBlank(e.attr("content"), e.attr("datetime"), e.text());
  }

  private static Instant firstDate(String... candidates) {
    for (String c : candidates) {
      Instant t = PageDates.parse(c);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  static String canonical(Document doc, JsonNode ld) {
    Element link = index(doc).canonicalLink;
    String c = link == null ? null : link.attr("href");
    String mainEntity = null;
    if (ld != null && ld.get("mainEntityOfPage") != null) {
      JsonNode m = ld.get("mainEntityOfPage");
      mainEntity = m.isTextual() ? m.asText() : m.path("@id").asText(null);
    }
    return absolute(doc, firstNonBlank(c, meta(doc, "og:url"), JsonLd.text(ld, "url"), mainEntity));
  }

  /** Resolves a possibly relative URL against the page's URL; keeps it as is when there is none. */
  static String absolute(Document doc, String href) {
    if (href == null) {
      return null;
    }
    String base = doc.location();
    if (base == null || base.isBlank()) {
      return href.startsWith("//") ? "https:" + href : href;
    }
    try {
      return java.net.URI.create(base).resolve(href.replace(" ", "%20")).toString();
    } catch (IllegalArgumentException e) {
      return href; // unparseable: better as given than dropped
    }
  }

  static List<String> keywords(Document doc, JsonNode ld) {
    Map<String, String> unique = new LinkedHashMap<>();
    List<String> raw = new ArrayList<>(metas(doc, "article:tag"));
    for (String name : List.of("news_keywords", "keywords")) {
      String v = meta(doc, name);
      if (v != null) {
        raw.addAll(List.of(v.split("[,،]")));
      }
    }
    raw.addAll(JsonLd.keywords(ld));
    for (String k : raw) {
      String s = k.strip();
      if (!s.isEmpty() && s.length() <= 80) {
        unique.putIfAbsent(s.toLowerCase(Locale.ROOT), s);
      }
    }
    return List.copyOf(unique.values());
  }

  /**
   * The primary language subtag the page declares ("ur-PK" → "ur", og:locale "fa_IR" → "fa"), or
   * null.
   */
  static String declaredLanguage(Document doc, JsonNode ld) {
    Element html = doc.selectFirst("html");
    String httpEquiv = null;
    Element e = index(doc).contentLanguage;
    if (e != null) {
      httpEquiv = e.attr("content");
    }
    String v =
        firstNonBlank(
            html == null ? null : html.attr("lang"),
            html == null ? null : html.attr("xml:lang"),
            JsonLd.text(ld, "inLanguage"),
            httpEquiv,
            meta(doc, "og:locale"),
            meta(doc, "language"));
    if (v == null) {
      return null;
    }
    String primary = v.split("[-_,;\\s]")[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2,3}") ? primary : null;
  }
}
