package org.newswatch.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration every record, topic and API uses: ISO-8601 UTC times, unknown fields
 * ignored.
 */
public final class Json {
  /**
   * Unknown fields are ignored so that a newer writer (a record with more fields, as DESIGN.md
   * allows) never breaks an older reader.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private Json() {}

  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * Reads JSON; a malformed document or one that breaks the record's rules is an {@link
   * IllegalArgumentException}.
   */
  public static <T> T fromBytes(byte[] bytes, Class<T> type) {
    try {
      return present(MAPPER.readValue(bytes, type), type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
    }
  }

  public static <T> T fromString(String json, Class<T> type) {
    try {
      return present(MAPPER.readValue(json, type), type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
    }
  }

  /**
   * The JSON literal {@code null} reads as no value: refused like any other invalid document, so a
   * record or request body of {@code null} is dead-lettered or answered 400 rather than reaching a
   * handler as null (found by fuzzing: a 500 on the API, a poison record for the consumers). A
   * Kafka tombstone is a record without a value, not this.
   */
  private static <T> T present(T value, Class<T> type) {
    if (value == null) {
      throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": null");
    }
    return value;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    // Jackson appends source locations over several lines; the first line is what a user needs.
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Wraps an I/O failure of a JSON stream. */
  public static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
