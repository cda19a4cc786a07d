# Debian's Prometheus, where prom/prometheus cannot be pulled; runs as nobody, as that image does.
FROM newswatch-test/debian:bookworm
COPY prometheus /bin/prometheus
# Its storage volume starts from this folder, so it must be the user's.
RUN mkdir -p /prometheus && chown 65534:65534 /prometheus
USER 65534:65534
ENTRYPOINT ["/bin/prometheus"]
