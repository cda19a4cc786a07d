package org.newswatch.common.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.Hashes;
import org.newswatch.common.Json;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.common.web.AnalystKeys;
import org.newswatch.common.web.Principal;

@ExtendWith(KafkaBrokerExtension.class)
class TopicTableTest {

  @Test
  void tableFollowsUpdatesTombstonesAndDeadLettersUnreadableRecords(KafkaBroker broker)
      throws Exception {
    Topics topics = broker.newTopics();
    String name = topics.analysts().name();
    Analyst ann = new Analyst(1, "ann", "Ann", Hashes.sha256Hex("ann-key"), false, Instant.EPOCH);
    Analyst bob = new Analyst(1, "bob", "Bob", Hashes.sha256Hex("bob-key"), false, Instant.EPOCH);
    try (var producer =
        new KafkaProducer<String, byte[]>(KafkaSettings.producer(broker.bootstrapServers(), "t"))) {
      producer.send(new ProducerRecord<>(name, "ann", Json.toBytes(ann))).get();
      // Hostile input: a record that is not an Analyst at all: dead-lettered, not fatal.
      producer
          .send(new ProducerRecord<>(name, "junk", "{not json".getBytes(StandardCharsets.UTF_8)))
          .get();
      try (TopicTable<Analyst> table =
          new TopicTable<>(broker.bootstrapServers(), topics.analysts(), "t").start()) {
        assertTrue(table.awaitCaughtUp(Duration.ofSeconds(30)));
        assertEquals(Optional.of(ann), table.get("ann"));
        assertEquals(1, table.health().deadLettered());
        var letter =
            org.newswatch.common.testing.TopicRecords.read(
                    broker.bootstrapServers(), topics.deadLetter().name())
                .get(0);
        assertEquals("junk", letter.key());
        assertEquals(
            new RecordOrigin(name, 0, 1), RecordOrigin.from(letter.headers()).orElseThrow());
        AnalystKeys keys = new AnalystKeys("admin-key-0123456789abcdef", table);
        assertEquals(Optional.of(new Principal("ann", "Ann", false)), keys.check("ann-key"));
        assertEquals(Optional.of(Principal.ADMIN), keys.check("admin-key-0123456789abcdef"));

        producer.send(new ProducerRecord<>(name, "bob", Json.toBytes(bob))).get();
        producer
            .send(
                new ProducerRecord<>(
                    name,
                    "ann",
                    Json.toBytes(new Analyst(1, "ann", "Ann", ann.keyHash(), true, Instant.EPOCH))))
            .get();
        await().atMost(Duration.ofSeconds(20)).until(() -> keys.check("bob-key").isPresent());
        assertEquals(
            Optional.empty(), keys.check("ann-key"), "a revoked key no longer opens anything");

        producer.send(new ProducerRecord<>(name, "bob", (byte[]) null)).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> table.get("bob").isEmpty());
        assertEquals(
            Optional.empty(),
            keys.check("bob-key"),
            "a removed analyst's key no longer opens anything");
      }
    }
  }

  @Test
  void listenerOnlyTableKeepsNoValuesYetTellsEveryChangeAndWhenItCaughtUp(KafkaBroker broker)
      throws Exception {
    Topics topics = broker.newTopics();
    // Hostile input: junk between good records still goes to the dead letters, not to the listener.
    for (String key : List.of("ann", "junk", "bob")) {
      byte[] value =
          key.equals("junk")
              ? "{not json".getBytes(StandardCharsets.UTF_8)
              : Json.toBytes(
                  new Analyst(
                      1,
                      key,
                      key.toUpperCase(java.util.Locale.ROOT),
                      Hashes.sha256Hex(key),
                      false,
                      Instant.EPOCH));
      TopicRecords.produce(broker.bootstrapServers(), topics.analysts(), key, value);
    }
    List<String> heard = new CopyOnWriteArrayList<>();
    try (TopicTable<Analyst> table =
        TopicTable.listenerOnly(broker.bootstrapServers(), topics.analysts(), "t")
            .onChange(
                (key, value) -> heard.add(key + "=" + (value == null ? "removed" : value.name())))
            .start()) {
      assertTrue(table.awaitCaughtUp(Duration.ofSeconds(30)));
      assertEquals(List.of("ann=ANN", "bob=BOB"), heard);
      assertEquals(1, table.health().deadLettered());
      // Nothing is kept to answer from: asking is a bug in the caller, said at once.
      assertThrows(IllegalStateException.class, () -> table.get("ann"));
      assertThrows(IllegalStateException.class, table::snapshot);

      TopicRecords.produce(broker.bootstrapServers(), topics.analysts(), "ann", null);
      await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == 3);
      assertEquals("ann=removed", heard.get(2));
    }
  }
}
