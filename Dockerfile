# nofdb in a container: build with the official Swift image, run on slim Debian.
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev libfreexl-dev libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Plugins ./Plugins
COPY SQL ./SQL
COPY Tests ./Tests
RUN swift build -c release --product nofdb --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/nofdb" /usr/local/bin/nofdb

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libfreexl1 ca-certificates \
        libcurl4 libxml2 tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/nofdb /usr/local/bin/nofdb
# The SQL travels inside the binary; no source tree is needed at run time.
ENTRYPOINT ["nofdb"]
CMD ["--help"]
