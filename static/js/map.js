// The map panel: the view's places on a world outline (Natural Earth countries from world-atlas,
// drawn by Leaflet from the vendored TopoJSON: no tile server, nothing fetched from elsewhere).
// Cities are clustered markers with their event counts; countries named as places are shaded.
// Choosing a marker or a country filters the list (and the axis) to that place, through the
// same link the plain list of places offers; "Only this area" filters to the map's box (bbox=).
// Without this file the panel is the plain list of places with their counts.
(function () {
  "use strict";

  var VENDOR = "/static/vendor/";
  var loading = null;
  var world = null;

  function script(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(tag);
    });
  }

  function libraries() {
    if (!loading) {
      loading = script(VENDOR + "leaflet/leaflet.js")
        .then(function () { return script(VENDOR + "leaflet/markercluster.js"); })
        .then(function () { return script(VENDOR + "topojson-client.min.js"); })
        .then(function () { return fetch(VENDOR + "world/countries-110m.json"); })
        .then(function (response) { return response.json(); })
        .then(function (topology) { world = unwrapped(topojson.feature(topology, topology.objects.countries)); });
    }
    return loading;
  }

  // A ring that crosses the antimeridian jumps from 180 to -180 degrees; Leaflet would draw that
  // jump as a band across the world. Keep each ring's longitudes continuous instead.
  function unwrapped(collection) {
    function ring(points) {
      var shift = 0;
      var previous = null;
      return points.map(function (point) {
        var longitude = point[0] + shift;
        if (previous !== null && longitude - previous > 180) {
          shift -= 360;
        } else if (previous !== null && longitude - previous < -180) {
          shift += 360;
        }
        previous = point[0] + shift;
        return [previous, point[1]];
      });
    }
    collection.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry) { return; }
      if (geometry.type === "Polygon") {
        geometry.coordinates = geometry.coordinates.map(ring);
      } else if (geometry.type === "MultiPolygon") {
        geometry.coordinates = geometry.coordinates.map(function (polygon) { return polygon.map(ring); });
      }
    });
    return collection;
  }

  // Follow the plain list's link for a place: htmx swaps the results and keeps the address.
  function follow(placeId) {
    var link = document.querySelector('#map-panel a[data-place="' + CSS.escape(placeId) + '"]');
    if (link) {
      link.click();
    }
  }

  function filterToBox(map, data) {
    var bounds = map.getBounds();
    var clamp = function (value, low, high) { return Math.min(Math.max(value, low), high); };
    var box = [clamp(bounds.getWest(), -180, 180), clamp(bounds.getSouth(), -90, 90),
               clamp(bounds.getEast(), -180, 180), clamp(bounds.getNorth(), -90, 90)]
      .map(function (value) { return value.toFixed(3); }).join(",");
    var form = document.getElementById("filters");
    if (!form) {
      return;
    }
    var fields = form.querySelector("#view-fields");
    var input = fields.querySelector("input[name=bbox]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "bbox";
      fields.appendChild(input);
    }
    input.value = box;
    form.requestSubmit();
  }

  function draw(panel) {
    var canvas = panel.querySelector("[data-map]");
    if (!canvas || !canvas.dataset.places || canvas.dataset.drawn) {
      return;
    }
    var data = JSON.parse(canvas.dataset.places);
    if (!data) {
      return;
    }
    canvas.dataset.drawn = "1";
    canvas.hidden = false;
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", "Map of the places; the list of places below has the same links");
    libraries().then(function () {
      var map = L.map(canvas, { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: false,
                                maxBounds: [[-85, -200], [85, 200]] });
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution("Outline: Natural Earth (world-atlas)");
      var shaded = {};
      var most = 1;
      data.countries.forEach(function (country) {
        shaded[country.iso] = country;
        most = Math.max(most, country.events);
      });
      var areas = [];
      L.geoJSON(world, {
        style: function (feature) {
          var country = shaded[feature.id];
          return {
            color: "#8c98a6", weight: 0.6, fillColor: country ? "#0b5cad" : "#f6f3ea",
            fillOpacity: country ? 0.15 + 0.45 * country.events / most : 1,
          };
        },
        onEachFeature: function (feature, layer) {
          var country = shaded[feature.id];
          if (country) {
            areas.push(layer);
            layer.bindTooltip(country.name + ": " + country.events.toLocaleString() + " events");
            layer.on("click", function () { follow(country.id); });
          }
        },
      }).addTo(map);
      var cluster = L.markerClusterGroup({
        showCoverageOnHover: false,
        iconCreateFunction: function (group) {
          var total = group.getAllChildMarkers().reduce(function (sum, marker) { return sum + marker.options.events; }, 0);
          return L.divIcon({ html: "<span>" + total.toLocaleString() + "</span>", className: "map-count",
                             iconSize: L.point(40, 40) });
        },
      });
      data.markers.forEach(function (place) {
        var marker = L.marker([place.lat, place.lon], {
          events: place.events, title: place.name + ": " + place.events + " events",
          icon: L.divIcon({ html: "<span>" + place.events.toLocaleString() + "</span>", className: "map-count",
                            iconSize: L.point(32, 32) }),
          keyboard: true,
        });
        marker.placeId = place.id;
        marker.on("click", function () { follow(place.id); });
        cluster.addLayer(marker);
      });
      map.addLayer(cluster);
      if (data.bbox) {
        map.fitBounds([[data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]]]);
      } else if (data.markers.length || areas.length) {
        // Where most of the events are: the busiest places holding three in four of the marked
        // events (a few far-off mentions, a capital abroad, must not zoom the map out to the world).
        var busiest = data.markers.slice().sort(function (a, b) { return b.events - a.events; });
        var total = busiest.reduce(function (sum, place) { return sum + place.events; }, 0);
        var bounds = null, seen = 0;
        busiest.forEach(function (place) {
          if (seen < 0.75 * total) {
            bounds = bounds ? bounds.extend([place.lat, place.lon]) : L.latLngBounds([place.lat, place.lon], [place.lat, place.lon]);
          }
          seen += place.events;
        });
        if (!bounds) {
          bounds = areas[0].getBounds();
        }
        map.fitBounds(bounds.pad(0.4), { maxZoom: 6 });
      } else {
        map.setView([25, 20], 1.5);
      }
      var tools = document.createElement("div");
      tools.className = "map-tools";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-secondary";
      button.textContent = "Only events in this area";
      button.addEventListener("click", function () { filterToBox(map, data); });
      tools.appendChild(button);
      canvas.insertAdjacentElement("afterend", tools);
      panel.mapInstance = map;
    }).catch(function () {
      canvas.hidden = true; // the list of places stays
    });
  }

  function setUp() {
    document.querySelectorAll("#map-panel").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", setUp);
  document.addEventListener("htmx:afterSettle", setUp);
  document.addEventListener("htmx:load", setUp);
})();
