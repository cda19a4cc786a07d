package org.newswatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Times the researchers' page inside the browser, from the user's action (Enter in the query box,
 * or a new sort order) to the frame that shows its answer. Measured in the page with {@code
 * performance.now()}, so WebDriver's own round trips (a few milliseconds each) are not in the
 * figure.
 *
 * <p>The page's {@code search()} draws the facets and the timeline and only then writes "N articles
 * match" into {@code #status}: that line appearing means the whole answer is in the document.
 */
final class PageClock {
  private static final Pattern TOTAL = Pattern.compile("^(\\d+) articles match");

  /**
   * What the page showed for one action.
   *
   * @param millis from the action to just after the next frame once the status line was written
   * @param domMillis from the action to the status line being written (the frame not yet drawn)
   * @param status the status line
   * @param sources the source facet's buttons, e.g. "Dawn (1200)"
   * @param languages the language facet's buttons
   * @param timelineLabel the timeline's aria-label, which names the total it counts
   */
  record Shown(
      double millis,
      double domMillis,
      String status,
      List<String> sources,
      List<String> languages,
      String timelineLabel) {

    /** The total the status line shows; empty when it shows something else (an error). */
    OptionalLong total() {
      return PageClock.total(status);
    }

    /**
     * What differs from the API's answer to the same search, or empty when the page shows that
     * answer: its total, both facets, and a timeline counting the same total.
     */
    Optional<String> differenceFrom(SearchApi.Answer api) {
      List<String> wrong = new ArrayList<>();
      if (total().orElse(-1) != api.total()) {
        wrong.add("status '" + status + "', the API's total " + api.total());
      }
      if (!facetCounts(sources).equals(api.sources())) {
        wrong.add("sources " + sources + ", the API's " + api.sources());
      }
      if (!facetCounts(languages).equals(api.languages())) {
        wrong.add("languages " + languages + ", the API's " + api.languages());
      }
      if (!timelineLabel.contains(": " + api.total() + " articles over ")) {
        wrong.add("timeline '" + timelineLabel + "'");
      }
      return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", wrong));
    }
  }

  /**
   * Installed once per page load. Listeners in the capture phase on the document run before the
   * page's own, so the clock starts at the key-down, ahead of the form's submit.
   */
  private static final String INSTALL =
      """
      const $ = (id) => document.getElementById(id);
      const clock = window.newswatchBenchClock = { armed: false, start: null, result: null, waiting: null };
      const begin = (e) => {
        const enter = e.type === 'keydown' && e.key === 'Enter' && e.target.id === 'q';
        const sort = e.type === 'change' && e.target.id === 'sort';
        if (clock.armed && clock.start === null && (enter || sort)) clock.start = performance.now();
      };
      document.addEventListener('keydown', begin, true);
      document.addEventListener('change', begin, true);
      const buttons = (id) => [...document.querySelectorAll('#' + id + ' button')].map((b) => b.textContent);
      new MutationObserver(() => {
        if (!clock.armed || clock.start === null) return;
        const status = $('status').textContent;
        if (status.startsWith('Searching')) return;
        clock.armed = false;
        const written = performance.now();
        // A callback of the next frame, then a task after it: that frame has been drawn.
        requestAnimationFrame(() => setTimeout(() => {
          clock.result = {
            millis: performance.now() - clock.start,
            domMillis: written - clock.start,
            status: status,
            sources: buttons('facet-source'),
            languages: buttons('facet-language'),
            timelineLabel: $('timeline').getAttribute('aria-label') || ''
          };
          if (clock.waiting) clock.waiting(clock.result);
        }, 0));
      }).observe($('status'), { childList: true, characterData: true, subtree: true });
      """;

  private final JavascriptExecutor page;

  PageClock(JavascriptExecutor page) {
    this.page = page;
    page.executeScript(INSTALL);
  }

  /** Call before the action: the next Enter in {@code #q} or change of {@code #sort} starts it. */
  void arm() {
    page.executeScript(
        "const c = window.newswatchBenchClock; c.start = null; c.result = null; c.waiting = null; c.armed = true;");
  }

  /** Waits (up to the driver's script timeout) for what the armed action showed. */
  @SuppressWarnings("unchecked")
  Shown shown() {
    Map<String, Object> r =
        (Map<String, Object>)
            page.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const c = window.newswatchBenchClock;"
                    + " if (c.result) done(c.result); else c.waiting = done;");
    return new Shown(
        ((Number) r.get("millis")).doubleValue(),
        ((Number) r.get("domMillis")).doubleValue(),
        (String) r.get("status"),
        (List<String>) r.get("sources"),
        (List<String>) r.get("languages"),
        (String) r.get("timelineLabel"));
  }

  /** The total a status line such as "5176 articles match; showing 20." shows. */
  static OptionalLong total(String status) {
    Matcher m = TOTAL.matcher(status);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** A facet's buttons as value → count: "Dunya News (4000)" is Dunya News → 4000. */
  static Map<String, Long> facetCounts(List<String> buttons) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String b : buttons) {
      int open = b.lastIndexOf(" (");
      if (open < 0 || !b.endsWith(")")) {
        throw new IllegalArgumentException("not a facet button: " + b);
      }
      counts.put(b.substring(0, open), Long.parseLong(b.substring(open + 2, b.length() - 1)));
    }
    return counts;
  }
}
