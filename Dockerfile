# syntax=docker/dockerfile:1
# Parley in a container: build the web app and the binary, then run it as a non-root user with
# the data dir on a volume. Build: docker build -t parley .
# Run:   docker run -d -p 8080:8080 -v parley-data:/data parley

FROM rust:1.90-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
WORKDIR /src/frontend
RUN npm ci --no-audit --no-fund --loglevel=error
WORKDIR /src
RUN cargo build --release --locked && cp target/release/parley /parley

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin parley \
    && mkdir -p /data /backups \
    && chown parley:parley /data /backups
COPY --from=build /parley /usr/local/bin/parley
COPY deploy/parley.example.toml /etc/parley/parley.toml
USER 10001:10001
ENV PARLEY_DATA_DIR=/data \
    PARLEY_LISTEN=0.0.0.0:8080
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8080/healthz"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/parley"]
CMD ["serve", "--config", "/etc/parley/parley.toml"]
