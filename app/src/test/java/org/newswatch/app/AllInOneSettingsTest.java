package org.newswatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.Env;
import org.newswatch.common.config.NewswatchConfig;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

/** The all-in-one hands each service what the environment says, as the standalone mains do. */
@ExtendWith(KafkaBrokerExtension.class)
class AllInOneSettingsTest {
  @TempDir Path data;

  @Test
  void ingestPublicUrlSwitchesWebSubOn(KafkaBroker broker) throws Exception {
    Path feeds = Files.writeString(data.resolve("feeds.yaml"), "feeds:\n", StandardCharsets.UTF_8);
    NewswatchConfig config =
        NewswatchConfig.from(
            new Env(
                Map.of(
                    "NEWSWATCH_KAFKA",
                    broker.bootstrapServers(),
                    "NEWSWATCH_TOPIC_PREFIX",
                    broker.newTopics().prefix(),
                    "NEWSWATCH_DATA",
                    data.toString(),
                    "NEWSWATCH_FEEDS",
                    feeds.toString(),
                    "NEWSWATCH_INGEST_PORT",
                    "0",
                    "NEWSWATCH_INDEX_PORT",
                    "0",
                    "NEWSWATCH_ALERT_PORT",
                    "0",
                    "NEWSWATCH_PORT",
                    "0",
                    "NEWSWATCH_ADMIN_KEY",
                    PipelineEndToEndTest.KEY,
                    "NEWSWATCH_INGEST_PUBLIC_URL",
                    "https://news.example.org")));
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (AllInOne app = AllInOne.start(config, out, 0);
        HttpClient http = HttpClient.newHttpClient()) {
      // A push to a callback no hub was given: with WebSub on, ingest-service's callback route
      // answers 410 (not subscribed); with WebSub off there is no such route (404).
      HttpResponse<String> push =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + app.ports().ingest() + "/websub/no-feed"))
                  .POST(HttpRequest.BodyPublishers.ofString("<feed/>"))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(410, push.statusCode(), push.body());
    }
  }
}
