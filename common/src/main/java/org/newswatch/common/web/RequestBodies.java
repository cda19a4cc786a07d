package org.newswatch.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.newswatch.common.Json;

/**
 * Reads a request's JSON body into its record, refusing a field that looks like a misspelling of
 * one the record has ({@code languges}, {@code alertEachmember}, a channel's {@code URL}): ignored,
 * it would leave the caller believing a setting was made. A field unlike any of the record's is
 * still ignored, so that a client may send back what it read (a subscription with its precision and
 * feed token, say).
 */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * @throws IllegalArgumentException (answered 400) for a body that is not valid JSON for {@code
   *     type} or that has a misspelt field
   */
  public static <T extends Record> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("the request needs a JSON body");
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      // Json says what is wrong with it in the words it uses for every malformed document.
      return Json.fromString(body, type);
    }
    refuseMisspelt(tree, type, "");
    return Json.fromString(body, type);
  }

  private static void refuseMisspelt(JsonNode node, Class<?> type, String path) {
    if (node == null || !node.isObject() || !type.isRecord()) {
      return;
    }
    RecordComponent[] components = type.getRecordComponents();
    List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (names.contains(field)) {
        continue;
      }
      Optional<String> meant = names.stream().filter(n -> looksLike(field, n)).findFirst();
      if (meant.isPresent()) {
        String shown = field.length() > 40 ? field.substring(0, 40) + "…" : field;
        throw new IllegalArgumentException(
            "unknown field '"
                + path
                + shown
                + "' (did you mean "
                + path
                + meant.get()
                + "?); the body takes "
                + String.join(", ", names));
      }
    }
    for (RecordComponent c : components) {
      JsonNode child = node.get(c.getName());
      if (child == null) {
        continue;
      }
      if (c.getType().isRecord()) {
        refuseMisspelt(child, c.getType(), path + c.getName() + ".");
      } else if (child.isArray() && elementType(c.getGenericType()) instanceof Class<?> element) {
        for (int i = 0; i < child.size(); i++) {
          refuseMisspelt(child.get(i), element, path + c.getName() + "[" + i + "].");
        }
      }
    }
  }

  private static Type elementType(Type listType) {
    return listType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
        ? p.getActualTypeArguments()[0]
        : null;
  }

  /**
   * The same name but for case, or within one edit (two for names of six letters or more): what a
   * typing slip makes, and far enough that another field's name is not taken for one.
   */
  static boolean looksLike(String field, String name) {
    String a = field.toLowerCase(Locale.ROOT);
    String b = name.toLowerCase(Locale.ROOT);
    if (a.equals(b)) {
      return true;
    }
    int allowed = b.length() >= 6 ? 2 : 1;
    return Math.abs(a.length() - b.length()) <= allowed && distance(a, b) <= allowed;
  }

  /** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
