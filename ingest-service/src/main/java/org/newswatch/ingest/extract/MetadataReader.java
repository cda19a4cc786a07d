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
 * Reads an article's metadata from the places publishers put it, most reliable first: Open
 * Graph and {@code article:*} metas, schema.org JSON-LD, microdata ({@code itemprop}),
 * Dublin Core and other common metas, then the visible page ({@code <h1>}, {@code <time>},
 * bylines). Runs on the untouched document, before the cleaner removes bylines and scripts.
 */
final class MetadataReader {
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—:·»/]{1,2}\\s+");
  private static final Pattern BY_PREFIX =
      Pattern.compile("^(by|from|written by|reported by|story by|posted by|بقلم|از|تحریر|رپورٹ)[:\\s]+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

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
    String siteName = firstNonBlank(meta(doc, "og:site_name"), publisherName(ld), meta(doc, "application-name"));
    String title = title(doc, ld, siteName);
    return new PageMetadata(
        title,
        authors(doc, ld),
        published(doc, ld),
        modified(doc, ld),
        canonical(doc, ld),
        siteName,
        absolute(doc, firstNonBlank(meta(doc, "og:image"), meta(doc, "og:image:url"), meta(doc, "twitter:image"),
            JsonLd.image(ld), attr(doc, "link[rel=image_src]", "href"))),
        keywords(doc, ld),
        firstNonBlank(meta(doc, "article:section"), JsonLd.text(ld, "articleSection"), meta(doc, "section")),
        declaredLanguage(doc, ld),
        JsonLd.text(ld, "articleBody"));
  }

  /** The content of {@code <meta property=name>} or {@code <meta name=name>}, case-insensitively. */
  static String meta(Document doc, String name) {
    List<String> values = metaIndex(doc).get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  private static List<String> metas(Document doc, String name) {
    return metaIndex(doc).getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * Every meta's content by its lower-cased property, name or itemprop, built once per document
   * (kept in the document's user data): some thirty lookups would otherwise scan the page each.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> metaIndex(Document doc) {
    Object cached = doc.attributes().userData(META_INDEX);
    if (cached != null) {
      return (Map<String, List<String>>) cached;
    }
    Map<String, List<String>> index = new java.util.HashMap<>();
    for (Element m : doc.getElementsByTag("meta")) {
      String key = m.hasAttr("property") ? m.attr("property") : m.hasAttr("name") ? m.attr("name") : m.attr("itemprop");
      String content = m.attr("content").strip();
      if (!key.isEmpty() && !content.isEmpty()) {
        index.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(content);
      }
    }
    doc.attributes().userData(META_INDEX, index);
    return index;
  }

  private static final String META_INDEX = "newswatch.metaIndex";

  private static String attr(Document doc, String css, String attr) {
    Element e = doc.selectFirst(css);
    return e == null || e.attr(attr).isBlank() ? null : e.attr(attr).strip();
  }

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
    Element h1 = doc.selectFirst("h1");
    String h1Text = h1 == null ? null : h1.text().strip();
    String t = firstNonBlank(meta(doc, "og:title"), meta(doc, "twitter:title"), JsonLd.text(ld, "headline"),
        h1Text, doc.title());
    return t == null ? null : withoutSiteName(t, siteName);
  }

  /** "Headline | Site" → "Headline": drops the part that is the site's name, or a short trailing part. */
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
      String after = title.substring(title.indexOf(first) + first.length()).replaceAll("^[\\s|\\-–—:·»/]+", "");
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

  static List<String> authors(Document doc, JsonNode ld) {
    List<String> found = new ArrayList<>(JsonLd.names(ld, "author"));
    if (found.isEmpty()) {
      for (String name : List.of("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")) {
        for (String v : metas(doc, name)) {
          if (!v.startsWith("http")) {
            found.add(v);
          }
        }
      }
    }
    if (found.isEmpty()) {
      for (Element e : doc.select("a[rel=author], [itemprop=author] [itemprop=name], [itemprop=author]")) {
        found.add(e.text());
      }
    }
    if (found.isEmpty()) {
      for (Element e : doc.select("[class*=byline], [class*=author-name], [rel=author]")) {
        found.add(e.text());
        break;
      }
    }
    Map<String, String> unique = new LinkedHashMap<>();
    for (String raw : found) {
      for (String name : BY_PREFIX.matcher(raw.strip()).replaceFirst("").split("\\s*(,|&|\\band\\b|،| و )\\s*")) {
        String n = name.strip();
        // A name is a few words with no digits; "Staff | 5 March 2024" or a URL is not.
        if (!n.isEmpty() && n.length() <= 60 && n.split("\\s+").length <= 5 && !n.matches(".*(\\d|https?:|@).*")) {
          unique.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
        }
      }
    }
    return List.copyOf(unique.values());
  }

  static Instant published(Document doc, JsonNode ld) {
    Instant t = firstDate(
        meta(doc, "article:published_time"), meta(doc, "og:article:published_time"),
        JsonLd.text(ld, "datePublished"), itemprop(doc, "datePublished"),
        meta(doc, "pubdate"), meta(doc, "publishdate"), meta(doc, "publish-date"), meta(doc, "publish_date"),
        meta(doc, "article.published"), meta(doc, "dc.date.issued"), meta(doc, "dcterms.created"),
        meta(doc, "dc.date"), meta(doc, "date"), meta(doc, "sailthru.date"), meta(doc, "parsely-pub-date"),
        meta(doc, "datePublished"), meta(doc, "original-publish-date"), JsonLd.text(ld, "dateCreated"));
    if (t != null) {
      return t;
    }
    Element time = doc.selectFirst("time[pubdate][datetime], article time[datetime], time[datetime]");
    return time == null ? null : PageDates.parse(time.attr("datetime"));
  }

  static Instant modified(Document doc, JsonNode ld) {
    return firstDate(
        meta(doc, "article:modified_time"), meta(doc, "og:updated_time"), JsonLd.text(ld, "dateModified"),
        itemprop(doc, "dateModified"), meta(doc, "dcterms.modified"), meta(doc, "last-modified"),
        meta(doc, "lastmod"));
  }

  private static String itemprop(Document doc, String prop) {
    Element e = doc.selectFirst("[itemprop=" + prop + "]");
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
    Element link = doc.selectFirst("link[rel=canonical][href]");
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

  /** The primary language subtag the page declares ("ur-PK" → "ur", og:locale "fa_IR" → "fa"), or null. */
  static String declaredLanguage(Document doc, JsonNode ld) {
    Element html = doc.selectFirst("html");
    String httpEquiv = null;
    Element e = doc.selectFirst("meta[http-equiv~=(?i)content-language]");
    if (e != null) {
      httpEquiv = e.attr("content");
    }
    String v = firstNonBlank(html == null ? null : html.attr("lang"), html == null ? null : html.attr("xml:lang"),
        JsonLd.text(ld, "inLanguage"), httpEquiv, meta(doc, "og:locale"), meta(doc, "language"));
    if (v == null) {
      return null;
    }
    String primary = v.split("[-_,;\\s]")[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2,3}") ? primary : null;
  }
}
