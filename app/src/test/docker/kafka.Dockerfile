# Apache Kafka from its Maven Central jars, configured like the official apache/kafka image (KAFKA_*
# variables, log in KAFKA_LOG_DIRS, user 1000), where that image cannot be pulled.
FROM newswatch-test/jre:jlink
COPY libs /opt/kafka/libs
COPY kafka-run kafka-ready /opt/kafka/bin/
RUN mkdir -p /var/lib/kafka/data && chown 1000:1000 /var/lib/kafka/data
USER 1000:1000
ENTRYPOINT ["/opt/kafka/bin/kafka-run"]
