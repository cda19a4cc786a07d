package org.newswatch.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Cuts a cleaned page into text blocks: the runs of text between block-level boundaries, each with
 * the block element that holds it and how much of it is link text. A {@code <br>} ends a block too,
 * since many CMSs (and most Urdu sites) write paragraphs as text broken by {@code <br>} in one
 * {@code <div>}.
 */
final class TextBlocks {
  static final Set<String> BLOCK_TAGS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "li",
          "ul",
          "ol",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "blockquote",
          "pre",
          "td",
          "th",
          "tr",
          "table",
          "tbody",
          "thead",
          "tfoot",
          "dd",
          "dt",
          "dl",
          "figure",
          "header",
          "footer",
          "aside",
          "address",
          "center",
          "form",
          "fieldset",
          "body",
          "details",
          "summary",
          "hr",
          "caption",
          "noscript",
          "html");

  /** One paragraph-like run of text. {@code owner} is the nearest block element around it. */
  record Block(String text, int linkChars, Element owner, int index) {
    int length() {
      return text.length();
    }

    double linkDensity() {
      return text.isEmpty() ? 0 : Math.min(1.0, (double) linkChars / text.length());
    }

    String tag() {
      return owner.normalName();
    }

    boolean isHeading() {
      return tag().length() == 2 && tag().charAt(0) == 'h' && Character.isDigit(tag().charAt(1));
    }
  }

  private TextBlocks() {}

  static List<Block> collect(Element root) {
    List<Block> blocks = new ArrayList<>();
    Collector collector = new Collector(root, blocks);
    NodeTraversor.traverse(collector, root);
    collector.flush(); // text after the root's last block boundary
    return blocks;
  }

  private static final class Collector implements NodeVisitor {
    private final List<Block> blocks;
    private final List<Element> stack = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int linkChars;
    private int linkDepth;

    Collector(Element root, List<Block> blocks) {
      this.blocks = blocks;
      stack.add(root);
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        String s = t.getWholeText();
        if (s.isBlank()) {
          if (!text.isEmpty()) {
            text.append(' ');
          }
          return;
        }
        appendNormalised(s);
        if (linkDepth > 0) {
          linkChars += s.strip().length(); // whitespace inside a link is rare and counts little
        }
      } else if (node instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("br")) {
          flush();
        } else if (tag.equals("a")) {
          linkDepth++;
        } else if (BLOCK_TAGS.contains(tag) && depth > 0) {
          flush();
          stack.add(e);
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("a")) {
          linkDepth--;
        } else if (BLOCK_TAGS.contains(tag) && depth > 0) {
          flush();
          stack.remove(stack.size() - 1);
        }
      }
    }

    private void appendNormalised(String s) {
      boolean space = !text.isEmpty() && text.charAt(text.length() - 1) == ' ';
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (isBidiControl(c)) {
          continue; // RLM/LRM and embeddings that RTL sites sprinkle in: invisible, and they split
          // words
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b') {
          if (!space && !text.isEmpty()) {
            text.append(' ');
            space = true;
          }
        } else {
          text.append(c);
          space = false;
        }
      }
    }

    private static boolean isBidiControl(char c) {
      return c == '\u200e'
          || c == '\u200f'
          || c >= '\u202a' && c <= '\u202e'
          || c >= '\u2066' && c <= '\u2069'
          || c == '\ufeff'
          || c == '\u061c';
    }

    private void flush() {
      String s = text.toString().strip();
      if (!s.isEmpty()) {
        blocks.add(
            new Block(
                s, Math.min(linkChars, s.length()), stack.get(stack.size() - 1), blocks.size()));
      }
      text.setLength(0);
      linkChars = 0;
    }
  }
}
