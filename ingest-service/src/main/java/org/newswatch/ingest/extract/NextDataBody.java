package org.newswatch.ingest.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.newswatch.common.Json;

/**
 * The article text a Next.js page carries in {@code <script id="__NEXT_DATA__">} when its HTML
 * shows only a lede and a spinner (the body is rendered in the browser). Not a schema: sites name
 * the field {@code body}, {@code content}, {@code articleBody} or {@code blocks}, as an HTML string
 * or as a list of blocks with {@code text} (and {@code items} for lists). The longest such text
 * anywhere in the page's props is taken; related-story lists lose because their titles are short.
 */
final class NextDataBody {
  private static final Set<String> BODY_FIELDS =
      Set.of(
          "articlebody",
          "body",
          "bodyhtml",
          "content",
          "contenthtml",
          "blocks",
          "html",
          "text",
          "story");

  /** JSON nesting this deep is not a page's props but something hostile. */
  private static final int MAX_DEPTH = 24;

  /** Shorter than this, a text is a teaser or a title, not a body. */
  private static final int MIN_CHARS = 200;

  private NextDataBody() {}

  /** The body's paragraphs joined by blank lines, or null when the page has none. */
  static String find(Document doc) {
    Element script = doc.getElementById("__NEXT_DATA__");
    if (script == null || !script.normalName().equals("script")) {
      return null;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(script.data());
    } catch (JsonProcessingException e) {
      return null; // a broken script is no body, not a failed page
    }
    String[] best = {null};
    walk(root, 0, best);
    return best[0];
  }

  private static void walk(JsonNode n, int depth, String[] best) {
    if (depth > MAX_DEPTH || n == null) {
      return;
    }
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> field : n.properties()) {
        if (BODY_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
          String text = paragraphs(field.getValue());
          if (text != null
              && text.length() >= MIN_CHARS
              && (best[0] == null || text.length() > best[0].length())) {
            best[0] = text;
          }
        }
        walk(field.getValue(), depth + 1, best);
      }
    } else if (n.isArray()) {
      for (JsonNode c : n) {
        walk(c, depth + 1, best);
      }
    }
  }

  /** A body field's text: an HTML or plain string, or a list of blocks. */
  private static String paragraphs(JsonNode v) {
    if (v.isTextual()) {
      return ArticleExtractor.structuredBodyText(v.asText());
    }
    if (!v.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode block : v) {
      if (block.isTextual()) {
        out.add(block.asText().strip());
      } else if (block.isObject()) {
        JsonNode text = block.has("text") ? block.get("text") : block.get("html");
        if (text != null && text.isTextual()) {
          out.add(ArticleExtractor.structuredBodyText(text.asText()));
        }
        JsonNode items = block.get("items");
        if (items != null && items.isArray()) {
          items.forEach(
              i -> out.add(i.isTextual() ? i.asText().strip() : i.path("text").asText("").strip()));
        }
      }
    }
    out.removeIf(String::isEmpty);
    return out.isEmpty() ? null : String.join("\n\n", out);
  }
}
