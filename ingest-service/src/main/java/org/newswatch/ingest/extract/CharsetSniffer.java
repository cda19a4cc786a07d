package org.newswatch.ingest.extract;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the character encoding of a page from its bytes, in the order of the WHATWG HTML standard's
 * "determining the character encoding" (§13.2.3.2): byte order mark, HTTP {@code Content-Type}
 * charset, a {@code <meta>} prescan of the first bytes, then detection.
 *
 * <p>Two deviations from a browser, both because pages lie: a declared single-byte charset is
 * overruled when the bytes are valid UTF-8 with multi-byte sequences (a random Latin-1 text is
 * almost never valid UTF-8), and a declared UTF-8 is overruled when the bytes are not UTF-8 at all.
 * Detection proper is ICU4J's {@link CharsetDetector} (already on the classpath through Lucene's
 * ICU analysis), which knows windows-1256 as well as windows-1252.
 */
final class CharsetSniffer {
  /** The WHATWG prescan reads 1024 bytes; real pages put the meta later, after long comments. */
  private static final int PRESCAN_BYTES = 8192;

  private static final Pattern HEADER_CHARSET =
      Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_:.\\-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET =
      Pattern.compile("charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.\\-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_TAG =
      Pattern.compile("<meta\\s[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern XML_DECL =
      Pattern.compile(
          "^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9_.\\-]+)", Pattern.CASE_INSENSITIVE);

  /** The charset found and how it was found (for warnings). */
  record Sniffed(Charset charset, String source) {}

  private CharsetSniffer() {}

  static Sniffed sniff(byte[] bytes, String contentTypeHeader) {
    Charset bom = bomCharset(bytes);
    if (bom != null) {
      return new Sniffed(bom, "bom");
    }
    Charset declared = fromHeader(contentTypeHeader);
    String source = "http-header";
    if (declared == null) {
      declared = fromMeta(bytes);
      source = "meta";
    }
    Utf8 utf8 = utf8State(bytes);
    if (declared != null) {
      boolean declaredUtf8 = declared.equals(StandardCharsets.UTF_8);
      if (!declaredUtf8 && utf8 == Utf8.VALID_MULTIBYTE && !isUnicodeFamily(declared)) {
        return new Sniffed(StandardCharsets.UTF_8, "utf8-over-" + source);
      }
      if (!declaredUtf8 || utf8 != Utf8.INVALID) {
        return new Sniffed(declared, source);
      }
      // Declared UTF-8 but not UTF-8: fall through to detection.
    }
    if (utf8 != Utf8.INVALID) {
      return new Sniffed(StandardCharsets.UTF_8, utf8 == Utf8.ASCII ? "ascii" : "utf8-valid");
    }
    return new Sniffed(detect(bytes), "detected");
  }

  private static boolean isUnicodeFamily(Charset c) {
    return c.name().toUpperCase(Locale.ROOT).startsWith("UTF");
  }

  static Charset bomCharset(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  static Charset fromHeader(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = HEADER_CHARSET.matcher(contentType);
    return m.find() ? forLabel(m.group(1)) : null;
  }

  static Charset fromMeta(byte[] bytes) {
    String head =
        new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher xml = XML_DECL.matcher(head);
    if (xml.find()) {
      Charset c = forLabel(xml.group(1));
      if (c != null) {
        return c;
      }
    }
    Matcher tags = META_TAG.matcher(head);
    while (tags.find()) {
      String tag = tags.group();
      String lower = tag.toLowerCase(Locale.ROOT);
      if (lower.contains("charset")) {
        Matcher cs = META_CHARSET.matcher(tag);
        if (cs.find()) {
          Charset c = forLabel(cs.group(1));
          // §13.2.3.2: a UTF-16 label in a meta is read as UTF-8 (the meta itself was ASCII).
          if (c != null) {
            return isUnicodeFamily(c) ? StandardCharsets.UTF_8 : c;
          }
        }
      }
    }
    return null;
  }

  /**
   * A charset for a label, with the WHATWG Encoding standard's aliases that matter in practice:
   * ISO-8859-1 and US-ASCII labels mean windows-1252, and the Arabic ISO label is read as
   * windows-1256's superset only when it is named so.
   */
  static Charset forLabel(String label) {
    String l = label.strip().toLowerCase(Locale.ROOT);
    switch (l) {
      case "iso-8859-1",
          "iso8859-1",
          "latin1",
          "l1",
          "us-ascii",
          "ascii",
          "iso_8859-1",
          "cp1252" -> {
        return Charset.forName("windows-1252");
      }
      case "utf8", "unicode-1-1-utf-8" -> {
        return StandardCharsets.UTF_8;
      }
      case "cp1256", "arabic" -> {
        return Charset.forName("windows-1256");
      }
      default -> {
        try {
          return Charset.forName(l);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return null; // an unknown label is as good as none
        }
      }
    }
  }

  enum Utf8 {
    ASCII,
    VALID_MULTIBYTE,
    INVALID
  }

  /**
   * Whether the bytes decode as UTF-8. A truncated last sequence (pages cut at the size cap) still
   * counts as valid; a handful of bad bytes in a long page (one pasted Latin-1 character) too.
   */
  static Utf8 utf8State(byte[] bytes) {
    int multibyte = 0;
    int bad = 0;
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
      if (len == 0 || b > 0xF4) {
        bad++;
        i++;
        continue;
      }
      if (i + len > n) {
        break; // cut in the middle of a character
      }
      boolean ok = true;
      for (int k = 1; k < len; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          ok = false;
          break;
        }
      }
      if (ok) {
        multibyte++;
        i += len;
      } else {
        bad++;
        i++;
      }
    }
    if (bad == 0) {
      return multibyte > 0 ? Utf8.VALID_MULTIBYTE : Utf8.ASCII;
    }
    // A legacy single-byte text almost never forms a valid multi-byte sequence, so many valid
    // sequences beside a few bad bytes are a damaged UTF-8 page (a pasted Latin-1 character).
    return multibyte >= 3 * bad ? Utf8.VALID_MULTIBYTE : Utf8.INVALID;
  }

  /**
   * The text runs (between {@code >} and {@code <}) that hold non-ASCII bytes, up to {@code limit}
   * bytes: a page whose head is 100 KB of ASCII styles and scripts would otherwise give the
   * detector nothing but ASCII to judge, and an undeclared windows-1256 page would pass for 1252.
   */
  static byte[] nonAsciiSample(byte[] bytes, int limit) {
    java.io.ByteArrayOutputStream sample =
        new java.io.ByteArrayOutputStream(Math.min(limit, bytes.length));
    int start = 0;
    boolean high = false;
    for (int i = 0; i <= bytes.length && sample.size() < limit; i++) {
      boolean boundary = i == bytes.length || bytes[i] == '<' || bytes[i] == '>';
      if (!boundary) {
        high |= bytes[i] < 0;
        continue;
      }
      if (high) {
        sample.write(bytes, start, Math.min(i - start, limit - sample.size()));
        sample.write(' ');
      }
      start = i + 1;
      high = false;
    }
    if (sample.size() == 0) {
      return bytes.length > limit ? java.util.Arrays.copyOf(bytes, limit) : bytes;
    }
    return sample.toByteArray();
  }

  /** ICU's statistical detection, narrowed to charsets a news page can plausibly be in. */
  static Charset detect(byte[] bytes) {
    CharsetDetector detector = new CharsetDetector();
    detector.setText(nonAsciiSample(bytes, 65_536));
    detector.enableInputFilter(true); // skip markup when counting
    CharsetMatch[] matches = detector.detectAll();
    for (CharsetMatch m : matches) {
      Charset c = forLabel(m.getName());
      if (c != null && !c.equals(StandardCharsets.UTF_8)) {
        return switch (c.name()) {
          // ISO-8859-6 has no Persian or Urdu letters; windows-1256 is what such pages are in.
          case "ISO-8859-6" -> Charset.forName("windows-1256");
          // Latin-script statistics cannot tell these apart on English text; browsers default to
          // 1252.
          case "ISO-8859-9", "ISO-8859-15" -> Charset.forName("windows-1252");
          default -> c;
        };
      }
    }
    return Charset.forName("windows-1252");
  }
}
