package org.newswatch.common.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.newswatch.common.Json;

/** JSON (de)serializers for topic values, through the shared {@link Json} mapper. */
public final class JsonSerde {
  private JsonSerde() {}

  static final class JsonSerializer<V> implements Serializer<V> {
    @Override
    public byte[] serialize(String topic, V value) {
      return value == null ? null : Json.toBytes(value);
    }
  }

  static final class JsonDeserializer<V> implements Deserializer<V> {
    private final Class<V> type;

    JsonDeserializer(Class<V> type) {
      this.type = type;
    }

    /**
     * A record that cannot be read throws {@link SerializationException}; the consumer then sees a
     * {@code RecordDeserializationException} with the offset, and sends the raw bytes to the dead
     * letter topic (consumers read raw bytes and call {@link #decode} themselves for that reason).
     */
    @Override
    public V deserialize(String topic, byte[] data) {
      if (data == null) {
        return null;
      }
      try {
        return Json.fromBytes(data, type);
      } catch (IllegalArgumentException e) {
        throw new SerializationException(e.getMessage(), e);
      }
    }
  }

  /** Decodes raw bytes; a malformed or invalid record is an {@link IllegalArgumentException}. */
  public static <V> V decode(Topic<V> topic, byte[] data) {
    return data == null ? null : Json.fromBytes(data, topic.valueType());
  }
}
