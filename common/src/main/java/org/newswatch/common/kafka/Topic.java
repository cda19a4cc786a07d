package org.newswatch.common.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A topic paired with the codec of its values. Keys are always UTF-8 strings (ids). A null value on
 * a compacted topic is a tombstone: the entity was removed.
 */
public record Topic<V>(String name, Class<V> valueType, int partitions, boolean compacted) {

  public Serializer<V> valueSerializer() {
    return new JsonSerde.JsonSerializer<>();
  }

  public Deserializer<V> valueDeserializer() {
    return new JsonSerde.JsonDeserializer<>(valueType);
  }

  /**
   * How long records of a topic that is not compacted are kept (the dead letters): time to look.
   */
  public static final Duration DELETE_AFTER = Duration.ofDays(30);

  /** Topic-level settings at creation. */
  public Map<String, String> configs() {
    return compacted
        ? Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000")
        : Map.of(
            "cleanup.policy", "delete", "retention.ms", String.valueOf(DELETE_AFTER.toMillis()));
  }
}
