# A Java runtime on Debian's minimal root filesystem, where eclipse-temurin:21-jre cannot be pulled.
FROM newswatch-test/debian:bookworm
COPY java /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
