# Exodus container image: build with the Swift toolchain, run on slim Debian.
#   docker build -t exodus .
#   docker run --rm -p 8080:8080 exodus
# Each RUN step is also a plain command that works on a Debian machine
# (see `make release`), so the image and a local build cannot drift apart.

# ---- build ----
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4-openssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies first so source edits do not refetch them.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
# Package.swift links libstdc++ statically through the linker script in here.
COPY Linker ./Linker
RUN swift build -c release --static-swift-stdlib --product exodus
# The binary is all there is to ship: the extractor's word lists are compiled into it.
RUN bin="$(swift build -c release --static-swift-stdlib --show-bin-path)" \
 && mkdir -p /out \
 && cp "$bin/exodus" /out/

# ---- run ----
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin exodus
WORKDIR /app
COPY --from=build /out/ /app/
COPY Config ./Config
# The process writes nowhere but an optional cache folder, so the root
# filesystem can be mounted read-only (docker run --read-only).
USER exodus
ENV EXODUS_HOST=0.0.0.0 \
    EXODUS_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=2s --start-period=5s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/exodus"]
CMD ["serve", "--config", "Config/exodus.json"]
