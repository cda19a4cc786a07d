package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
  private static final String PAGE =
      """
      # HELP newswatch_index_lag records on news.articles not yet indexed
      # TYPE newswatch_index_lag gauge
      newswatch_index_lag 42.0
      newswatch_ingest_polls_total{outcome="ok",} 1500.0
      newswatch_ingest_polls_total{outcome="not-modified",} 250.0
      newswatch_ingest_items_total{result="new"} 900 1764320000000
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
      kafka_consumer_fetch_manager_records_lag{client_id="c1",topic="news.articles",partition="0"} 3.0
      kafka_consumer_fetch_manager_records_lag_max{client_id="c1"} 17.0
      odd_label{path="a \\"quoted\\" \\\\ value, with comma"} 1
      newswatch_alert_match_latency_seconds{quantile="0.99"} NaN
      """;

  @Test
  void sumsSeriesByNameAndLabel() {
    MetricsText m = MetricsText.parse(PAGE);
    assertEquals(42.0, m.sum("newswatch_index_lag").getAsDouble());
    assertEquals(1750.0, m.sum("newswatch_ingest_polls_total").getAsDouble());
    assertEquals(
        250.0,
        m.sum("newswatch_ingest_polls_total", l -> "not-modified".equals(l.get("outcome")))
            .getAsDouble());
    assertEquals(
        900.0,
        m.sum("newswatch_ingest_items_total", l -> "new".equals(l.get("result"))).getAsDouble(),
        "a timestamp after the value is not the value");
    assertEquals(
        3.145728E7,
        m.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area"))).getAsDouble());
  }

  @Test
  void absentAndNotANumberAreEmptyNotZero() {
    MetricsText m = MetricsText.parse(PAGE);
    assertTrue(m.sum("newswatch_index_documents_indexed_total").isEmpty());
    assertTrue(m.sum("newswatch_alert_match_latency_seconds").isEmpty());
    assertTrue(m.sum("jvm_gc_pause_seconds_count").isEmpty());
  }

  @Test
  void anExactNameLeavesOutLongerNamesWithTheSameStart() {
    assertEquals(
        3.0,
        MetricsText.parse(PAGE).sum("kafka_consumer_fetch_manager_records_lag").getAsDouble(),
        "the _max series is another name");
  }

  @Test
  void readsEscapedLabelValues() {
    MetricsText.Sample s =
        MetricsText.parseLine(
            "odd_label{path=\"a \\\"quoted\\\" \\\\ value, with comma\",b=\"x\"} 1");
    assertEquals(Map.of("path", "a \"quoted\" \\ value, with comma", "b", "x"), s.labels());
    assertEquals(1.0, s.value());
  }

  @Test
  void skipsCommentsAndMalformedLines() {
    assertNull(MetricsText.parseLine("# TYPE x counter"));
    assertNull(MetricsText.parseLine(""));
    assertNull(MetricsText.parseLine("x{a=\"unterminated} 1"));
    assertNull(MetricsText.parseLine("x{a=\"1\"} not-a-number"));
    assertNull(MetricsText.parseLine("x"));
    assertNull(MetricsText.parseLine("{a=\"1\"} 2"));
    assertEquals(
        Double.POSITIVE_INFINITY, MetricsText.parseLine("x_bucket{le=\"+Inf\"} +Inf").value());
  }

  @Test
  void quantileOfWhatAHistogramCountedBetweenTwoScrapes() {
    MetricsText before =
        MetricsText.parse(
            """
        lat_seconds_bucket{le="0.1"} 10
        lat_seconds_bucket{le="0.5"} 10
        lat_seconds_bucket{le="1.0"} 10
        lat_seconds_bucket{le="+Inf"} 10
        """);
    // Since then: 50 within 0.1 s, 40 in (0.1, 0.5], 8 in (0.5, 1], 2 beyond.
    MetricsText after =
        MetricsText.parse(
            """
        lat_seconds_bucket{le="0.1"} 60
        lat_seconds_bucket{le="0.5"} 100
        lat_seconds_bucket{le="1.0"} 108
        lat_seconds_bucket{le="+Inf"} 110
        """);
    var b = before.buckets("lat_seconds");
    var a = after.buckets("lat_seconds");
    assertEquals(
        0.1,
        MetricsText.quantile(b, a, 0.5).getAsDouble(),
        1e-9); // rank 50: the top of the first bucket
    assertEquals(
        0.3,
        MetricsText.quantile(b, a, 0.7).getAsDouble(),
        1e-9); // rank 70: half-way through (0.1, 0.5]
    assertEquals(
        1.0,
        MetricsText.quantile(b, a, 0.99).getAsDouble(),
        1e-9); // rank 99 lies in +Inf: the highest finite bound
    assertTrue(MetricsText.quantile(a, a, 0.5).isEmpty(), "nothing counted in between");
    assertTrue(
        MetricsText.quantile(b, MetricsText.parse("x 1").buckets("lat_seconds"), 0.5).isEmpty());
  }
}
