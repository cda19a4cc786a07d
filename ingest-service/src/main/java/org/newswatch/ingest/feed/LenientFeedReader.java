package org.newswatch.ingest.feed;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The second try on a feed that is not well-formed XML (an unescaped {@code &}, an unclosed tag):
 * jsoup's forgiving XML parser, which never resolves entities or DTDs, reads the {@code item} and
 * {@code entry} elements it can find. Only called after the document was checked for a DOCTYPE.
 */
final class LenientFeedReader {
  private LenientFeedReader() {}

  static List<FeedItem> read(String text, URI feedUrl) {
    Document doc = Jsoup.parse(text, feedUrl.toString(), Parser.xmlParser());
    List<FeedItem> items = new ArrayList<>();
    for (Element e : doc.select("item, entry")) {
      String link = childText(e, "link");
      if (link == null) {
        Element atomLink = e.selectFirst("> link[href]");
        link = atomLink == null ? null : atomLink.attr("href");
      }
      String guid = childText(e, "guid");
      guid = guid == null ? childText(e, "id") : guid;
      link =
          FeedParser.resolve(
              feedUrl, link != null ? link : guid != null && guid.startsWith("http") ? guid : null);
      String title = childText(e, "title");
      if (link == null && title == null) {
        continue;
      }
      String description = childText(e, "content:encoded");
      for (String name : new String[] {"description", "summary", "content"}) {
        description = description == null ? childText(e, name) : description;
      }
      Instant published = date(childText(e, "pubDate"));
      published = published == null ? date(childText(e, "published")) : published;
      items.add(
          new FeedItem(
              guid, link, title, description, List.of(), published, date(childText(e, "updated"))));
    }
    return items;
  }

  private static String childText(Element parent, String name) {
    for (Element child : parent.children()) {
      if (child.tagName().equalsIgnoreCase(name)) {
        String text = child.wholeText().strip();
        return text.isEmpty() ? null : text;
      }
    }
    return null;
  }

  /** RFC 822 dates (RSS 2.0) and ISO-8601 (Atom, RFC 3339); null when neither reads. */
  private static Instant date(String text) {
    if (text == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
