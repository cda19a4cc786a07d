package org.newswatch.ingest.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.newswatch.common.Json;

/**
 * The schema.org article object a page describes itself with in {@code <script
 * type="application/ld+json">}: the first node typed as an article, found in a top-level object, an
 * array or an {@code @graph}. Broken JSON-LD (common: trailing commas, raw newlines in strings) is
 * skipped, not fatal.
 */
final class JsonLd {
  private static final Set<String> ARTICLE_TYPES =
      Set.of(
          "newsarticle",
          "article",
          "reportagenewsarticle",
          "analysisnewsarticle",
          "opinionnewsarticle",
          "backgroundnewsarticle",
          "reviewnewsarticle",
          "blogposting",
          "liveblogposting",
          "socialmediaposting",
          "scholarlyarticle",
          "techarticle",
          "report");

  private JsonLd() {}

  /** The article node, or null. Must run before scripts are stripped from the page. */
  static JsonNode articleNode(Document doc) {
    JsonNode fallback = null;
    for (Element script : doc.select("script[type~=(?i)application/ld\\+json]")) {
      JsonNode root = read(script.data());
      if (root == null) {
        continue;
      }
      List<JsonNode> nodes = new ArrayList<>();
      flatten(root, nodes, 0);
      for (JsonNode n : nodes) {
        if (isArticle(n)) {
          return n;
        }
        if (fallback == null && n.has("headline")) {
          fallback = n;
        }
      }
    }
    return fallback;
  }

  private static JsonNode read(String data) {
    String s = data.strip();
    if (s.startsWith("<!--")) {
      s = s.substring(4);
    }
    if (s.endsWith("-->")) {
      s = s.substring(0, s.length() - 3);
    }
    try {
      return Json.MAPPER.readTree(s);
    } catch (JsonProcessingException e) {
      try {
        // The commonest breakage: raw control characters inside strings.
        return Json.MAPPER.readTree(s.replaceAll("[\\r\\n\\t]+", " "));
      } catch (JsonProcessingException again) {
        return null;
      }
    }
  }

  private static void flatten(JsonNode n, List<JsonNode> out, int depth) {
    if (n == null || depth > 4) {
      return;
    }
    if (n.isArray()) {
      for (JsonNode c : n) {
        flatten(c, out, depth + 1);
      }
    } else if (n.isObject()) {
      out.add(n);
      flatten(n.get("@graph"), out, depth + 1);
      flatten(n.get("mainEntity"), out, depth + 1);
    }
  }

  private static boolean isArticle(JsonNode n) {
    JsonNode type = n.get("@type");
    if (type == null) {
      return false;
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (ARTICLE_TYPES.contains(t.asText().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
      return false;
    }
    return ARTICLE_TYPES.contains(type.asText().toLowerCase(Locale.ROOT));
  }

  /** A text field, or null. */
  static String text(JsonNode n, String field) {
    if (n == null) {
      return null;
    }
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      v = v.isEmpty() ? null : v.get(0);
    }
    if (v != null && v.isObject()) {
      v = v.has("name") ? v.get("name") : v.has("url") ? v.get("url") : v.get("@id");
    }
    if (v == null || !v.isValueNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  /** Names from a field holding a string, an object with {@code name}, or an array of those. */
  static List<String> names(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    if (n == null || n.get(field) == null) {
      return out;
    }
    JsonNode v = n.get(field);
    for (JsonNode item : v.isArray() ? v : List.of(v)) {
      if (item.isTextual()) {
        out.add(item.asText().strip());
      } else if (item.isObject() && item.has("name")) {
        out.add(item.get("name").asText().strip());
      }
    }
    out.removeIf(String::isEmpty);
    return out;
  }

  /** An image URL from a string, an ImageObject or an array of either. */
  static String image(JsonNode n) {
    if (n == null || n.get("image") == null) {
      return null;
    }
    JsonNode v = n.get("image");
    if (v.isArray()) {
      v = v.isEmpty() ? null : v.get(0);
    }
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    return v.has("url")
        ? v.get("url").asText()
        : v.has("contentUrl") ? v.get("contentUrl").asText() : null;
  }

  /** Keywords given as one comma-separated string or as an array. */
  static List<String> keywords(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.get("keywords") == null) {
      return out;
    }
    JsonNode v = n.get("keywords");
    if (v.isArray()) {
      v.forEach(k -> out.add(k.asText().strip()));
    } else {
      for (String k : v.asText().split(",")) {
        out.add(k.strip());
      }
    }
    out.removeIf(String::isEmpty);
    return out;
  }
}
