# syntax=docker/dockerfile:1
# Conflict Timeline Explorer: one image, two roles.
#   web:     docker run -p 8000:8000 -v timeline-data:/data IMAGE            (migrates, then serves)
#   ingest:  docker run -v timeline-data:/data IMAGE timeline ingest /data/inbox
# Set DATABASE_URL=postgresql+psycopg://... to use PostgreSQL instead of the SQLite file in /data.

# --- locked Python dependencies, in their own cached layer --------------------------------
FROM python:3.11-slim-bookworm AS python-deps
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements-pip.lock requirements.lock /tmp/
RUN /venv/bin/pip install --require-hashes -r /tmp/requirements-pip.lock \
 && /venv/bin/pip install --require-hashes -r /tmp/requirements.lock

# --- the pinned front-end files from the npm registry (htmx, Leaflet, the world outline, Swagger UI;
#     no install scripts run) ---
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

# --- the runtime image: no compilers, no node, not root ------------------------------------
FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TIMELINE_HOST=0.0.0.0 \
    TIMELINE_PORT=8000 \
    TIMELINE_DATA_DIR=/data
# DejaVu fonts for the events' social cards (app/web/cards.py): Latin, Greek, Cyrillic, Armenian.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 timeline && mkdir -p /data && chown timeline /data
COPY --from=python-deps /venv /venv
WORKDIR /app
COPY app ./app
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY seeds ./seeds
COPY --from=assets /build/node_modules/htmx.org/dist/htmx.min.js ./static/vendor/htmx.min.js
COPY --from=assets /build/node_modules/leaflet/dist/leaflet.js /build/node_modules/leaflet/dist/leaflet.css \
     /build/node_modules/leaflet.markercluster/dist/MarkerCluster.css \
     /build/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css ./static/vendor/leaflet/
COPY --from=assets /build/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js ./static/vendor/leaflet/markercluster.js
COPY --from=assets /build/node_modules/topojson-client/dist/topojson-client.min.js ./static/vendor/topojson-client.min.js
COPY --from=assets /build/node_modules/world-atlas/countries-110m.json ./static/vendor/world/countries-110m.json
COPY --from=assets /build/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
     /build/node_modules/swagger-ui-dist/swagger-ui.css ./static/vendor/swagger-ui/
RUN printf '#!/bin/sh\nexec python -m app.cli "$@"\n' > /usr/local/bin/timeline \
    && chmod 755 /usr/local/bin/timeline
USER timeline
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import os,urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/api/health' % os.environ.get('TIMELINE_PORT','8000'), timeout=4)"
# `timeline serve` brings the schema to the newest migration before it listens.
CMD ["timeline", "serve"]
