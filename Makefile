# Conflict Timeline Explorer: the entry points a newcomer needs.
#   make install   .venv/ with the package and its locked dependencies, front-end files vendored
#   make run       install, migrate, load seeds/ once, serve on $TIMELINE_HOST:$TIMELINE_PORT
#   make test      install test dependencies and run the whole suite
#   make bench     run the benchmarks, write bench/results/latest.json

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed
VENDOR := static/vendor

.PHONY: install run test bench lint clean

# Front-end files copied from the pinned npm packages (package-lock.json) into static/vendor/:
# htmx, Leaflet and its marker clustering, the world outline (Natural Earth via world-atlas), the
# TopoJSON reader, and Swagger UI for the API's documentation page (/docs). Nothing is loaded
# from a CDN.
VENDORED := $(VENDOR)/htmx.min.js $(VENDOR)/leaflet/leaflet.js $(VENDOR)/leaflet/leaflet.css \
	$(VENDOR)/leaflet/markercluster.js $(VENDOR)/leaflet/MarkerCluster.css \
	$(VENDOR)/leaflet/MarkerCluster.Default.css $(VENDOR)/topojson-client.min.js \
	$(VENDOR)/world/countries-110m.json $(VENDOR)/swagger-ui/swagger-ui-bundle.js

install: $(RUNTIME_STAMP) $(VENDORED)

$(BIN)/python: requirements-pip.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.lock

$(RUNTIME_STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): requirements-dev.lock $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts

$(VENDOR)/htmx.min.js: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $@

$(VENDOR)/leaflet/leaflet.%: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/leaflet
	cp node_modules/leaflet/dist/leaflet.$* $@

$(VENDOR)/leaflet/markercluster.js: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/leaflet
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js $@

$(VENDOR)/leaflet/MarkerCluster.css $(VENDOR)/leaflet/MarkerCluster.Default.css: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/leaflet
	cp node_modules/leaflet.markercluster/dist/$(@F) $@

$(VENDOR)/topojson-client.min.js: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/topojson-client/dist/topojson-client.min.js $@

$(VENDOR)/world/countries-110m.json: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/world
	cp node_modules/world-atlas/countries-110m.json $@

# The API's documentation page (/docs) runs Swagger UI from these files, not from a CDN.
$(VENDOR)/swagger-ui/swagger-ui-bundle.js: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/swagger-ui
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui/

run: install
	$(BIN)/timeline migrate
	$(BIN)/timeline ingest seeds/
	$(BIN)/timeline serve

test: install $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install $(TEST_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
