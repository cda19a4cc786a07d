package org.newswatch.ingest.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads RSS 0.9x, 1.0 and 2.0 and Atom 1.0 (RFC 4287) with Rome. Takes bytes and never fetches.
 *
 * <p>Safety: a document with a DOCTYPE is refused before any parser sees it, and Rome's own parser
 * is left with DOCTYPEs disallowed, so external entities (XXE) and entity expansion ("billion
 * laughs") are never resolved. The charset comes from the bytes (BOM, XML declaration) and the HTTP
 * {@code Content-Type} as XML's appendix F and RFC 7303 say, leniently.
 *
 * <p>Tolerance: characters XML forbids are dropped; a document that is not well-formed is read
 * again by a forgiving parser so the items that can be read are kept (with a warning); an HTML page
 * served where a feed was expected is named as such, with the feed it links to if any.
 */
public final class FeedParser {
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);
  private static final int SNIFF = 1024;
  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

  /**
   * @param contentType the HTTP {@code Content-Type}, or null
   * @param feedUrl the feed's URL, to resolve relative links
   */
  public ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    if (body == null || body.length == 0) {
      throw new FeedParseException("empty document");
    }
    String text = decode(body, contentType);
    String head =
        text.substring(0, Math.min(SNIFF, text.length())).stripLeading().toLowerCase(Locale.ROOT);
    if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
      throw new FeedParseException(htmlInsteadOfFeed(text, feedUrl));
    }
    if (DOCTYPE.matcher(text).find()) {
      throw new FeedParseException(
          "the document declares a DOCTYPE; refused, since its entities could read local files or expand without bound");
    }
    List<String> warnings = new ArrayList<>();
    String clean = XmlChars.clean(text);
    if (clean.length() != text.length()) {
      warnings.add(
          "dropped " + (text.length() - clean.length()) + " characters that XML does not allow");
    }
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    input.setPreserveWireFeed(true);
    try {
      SyndFeed feed = input.build(new StringReader(clean));
      return new ParsedFeed(
          feed.getFeedType(),
          feed.getTitle(),
          items(feed, feedUrl),
          ttl(feed),
          warnings,
          link(feed, "hub", feedUrl),
          link(feed, "self", feedUrl));
    } catch (FeedException | IllegalArgumentException e) {
      String why = firstLine(e);
      List<FeedItem> items = LenientFeedReader.read(clean, feedUrl);
      if (items.isEmpty()) {
        throw new FeedParseException("not a readable RSS or Atom feed: " + why, e);
      }
      warnings.add("malformed feed (" + why + "); " + items.size() + " items read leniently");
      return new ParsedFeed("lenient", null, items, null, warnings);
    }
  }

  /**
   * Decodes by BOM, XML declaration and HTTP charset; bytes that fit none become U+FFFD, not an
   * error.
   */
  static String decode(byte[] body, String contentType) throws FeedParseException {
    try (XmlReader reader =
        new XmlReader(new ByteArrayInputStream(body), contentType, true, "UTF-8")) {
      StringBuilder out = new StringBuilder(body.length);
      char[] buf = new char[8192];
      for (int n; (n = reader.read(buf)) > 0; ) {
        out.append(buf, 0, n);
      }
      return out.toString();
    } catch (IOException e) {
      // An unknown charset name: UTF-8 is what most feeds that lie about it really are.
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static List<FeedItem> items(SyndFeed feed, URI feedUrl) {
    List<FeedItem> items = new ArrayList<>();
    for (SyndEntry e : feed.getEntries()) {
      String description = e.getDescription() == null ? null : e.getDescription().getValue();
      // Full content (content:encoded, atom:content) is better than a summary when present.
      for (SyndContent c : e.getContents()) {
        if (c.getValue() != null
            && (description == null || c.getValue().length() > description.length())) {
          description = c.getValue();
        }
      }
      List<String> authors = new ArrayList<>();
      for (SyndPerson p : e.getAuthors()) {
        if (p.getName() != null && !p.getName().isBlank()) {
          authors.add(p.getName().strip());
        }
      }
      if (authors.isEmpty() && e.getAuthor() != null && !e.getAuthor().isBlank()) {
        authors.add(e.getAuthor().strip());
      }
      String link = resolve(feedUrl, e.getLink());
      if (link == null && e.getUri() != null && e.getUri().startsWith("http")) {
        link = resolve(feedUrl, e.getUri()); // RSS guid isPermaLink / Atom id that is a URL
      }
      items.add(
          new FeedItem(
              e.getUri(),
              link,
              strip(e.getTitle()),
              description,
              authors,
              instant(e.getPublishedDate()),
              instant(e.getUpdatedDate())));
    }
    return items;
  }

  /**
   * A feed-level link by relation: Atom's {@code <link rel>} (RFC 4287 §4.2.7), or the same element
   * in the Atom namespace inside RSS, where WebSub publishers put it (WebSub §4).
   */
  private static String link(SyndFeed feed, String rel, URI feedUrl) {
    for (com.rometools.rome.feed.synd.SyndLink l : feed.getLinks()) {
      if (rel.equals(l.getRel()) && l.getHref() != null) {
        return resolve(feedUrl, l.getHref());
      }
    }
    for (org.jdom2.Element e : feed.getForeignMarkup()) {
      if ("link".equals(e.getName())
          && ATOM_NS.equals(e.getNamespaceURI())
          && rel.equals(e.getAttributeValue("rel"))) {
        return resolve(feedUrl, e.getAttributeValue("href"));
      }
    }
    return null;
  }

  /** RSS 2.0 {@code <ttl>} (minutes) or {@code sy:updatePeriod}/{@code sy:updateFrequency}. */
  private static Duration ttl(SyndFeed feed) {
    WireFeed wire = feed.originalWireFeed();
    if (wire instanceof Channel channel && channel.getTtl() > 0) {
      return Duration.ofMinutes(channel.getTtl());
    }
    if (feed.getModule(SyModule.URI) instanceof SyModule sy && sy.getUpdatePeriod() != null) {
      Duration period =
          switch (sy.getUpdatePeriod()) {
            case SyModule.HOURLY -> Duration.ofHours(1);
            case SyModule.DAILY -> Duration.ofDays(1);
            case SyModule.WEEKLY -> Duration.ofDays(7);
            case SyModule.MONTHLY -> Duration.ofDays(30);
            case SyModule.YEARLY -> Duration.ofDays(365);
            default -> null;
          };
      int frequency = Math.max(1, sy.getUpdateFrequency());
      return period == null ? null : period.dividedBy(frequency);
    }
    return null;
  }

  private static String htmlInsteadOfFeed(String text, URI feedUrl) {
    Document doc = Jsoup.parse(text, feedUrl.toString());
    Element alternate =
        doc.selectFirst("link[rel=alternate][type~=(?i)application/(rss|atom)\\+xml][href]");
    String hint =
        alternate == null ? "" : "; the page links to a feed at " + alternate.absUrl("href");
    return "the server sent an HTML page, not a feed" + hint;
  }

  static String resolve(URI base, String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      return base.resolve(link.strip().replace(" ", "%20")).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
