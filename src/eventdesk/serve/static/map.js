// The event map: fetches the filtered events as GeoJSON and draws one circle per event.
// Text from reports only ever reaches the page through textContent, never as HTML.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") { return; }
  var colours = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#CC79A7",
    "Violence against civilians": "#000000",
    "Protests": "#0072B2",
    "Riots": "#E69F00",
    "Strategic developments": "#009E73"
  };
  var map = L.map(element, { worldCopyJump: true, preferCanvas: false }).setView([20, 0], 2);
  var tileUrl = element.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: element.dataset.tileAttribution || "" }).addTo(map);
  } else {
    // No tiles without the network: country outlines (served from package data) and a
    // 15-degree graticule give the markers a frame of reference.
    fetch("/static/countries.geojson", { headers: { "Accept": "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (outlines) {
        if (!outlines || !outlines.features || !outlines.features.length) { return; }
        L.geoJSON(outlines, {
          interactive: false,
          style: { color: "#8a9cab", weight: 0.8, fillColor: "#f6f4ee", fillOpacity: 1, className: "country-outline" }
        }).addTo(map).bringToBack();
        element.dataset.outlines = String(outlines.features.length);
      })
      .catch(function () { /* the grid alone still frames the markers */ });
    var grid = { color: "#c8d3dc", weight: 1, interactive: false };
    for (var lat = -75; lat <= 75; lat += 15) { L.polyline([[lat, -540], [lat, 540]], grid).addTo(map); }
    for (var lon = -540; lon <= 540; lon += 15) { L.polyline([[-85, lon], [85, lon]], grid).addTo(map); }
    L.polyline([[0, -540], [0, 540]], { color: "#9fb0bf", weight: 1.5, interactive: false }).addTo(map);
  }

  function line(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) { node.className = className; }
    parent.appendChild(node);
    return node;
  }

  function popup(group) {
    // One place, all its events: newest first, each a link to its event page.
    var box = document.createElement("div");
    line(box, "div", (group[0].properties.location || "Unnamed place") + " · " + group.length +
      (group.length === 1 ? " event" : " events"), "popup-title");
    var list = document.createElement("ul");
    list.className = "popup-list";
    group.slice(0, 12).forEach(function (feature) {
      var props = feature.properties;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "/events/" + encodeURIComponent(props.id);
      link.textContent = props.event_type || "event";
      item.appendChild(link);
      var actors = [props.actor1, props.actor2].filter(Boolean).join(" vs ");
      line(item, "span", " " + (props.day || "undated") + (actors ? " · " + actors : "") +
        " · " + (props.modality || ""), "muted");
      list.appendChild(item);
    });
    box.appendChild(list);
    if (group.length > 12) { line(box, "div", "and " + (group.length - 12) + " more in the table", "muted"); }
    return box;
  }

  function mostCommonType(group) {
    var counts = {};
    var best = null;
    group.forEach(function (feature) {
      var type = feature.properties.event_type;
      counts[type] = (counts[type] || 0) + 1;
      if (best === null || counts[type] > counts[best]) { best = type; }
    });
    return best;
  }

  fetch(element.dataset.geojson, { headers: { "Accept": "application/geo+json" } })
    .then(function (response) {
      // The server sends at most the cap; X-Total-Count says how many placed events matched.
      var total = Number(response.headers.get("X-Total-Count"));
      var capped = document.getElementById("map-capped");
      if (capped && total > Number(element.dataset.cap)) {
        capped.querySelector("span").textContent = String(total);
        capped.hidden = false;
      }
      return response.json();
    })
    .then(function (data) {
      // Events at one place share a marker (sized by their number) instead of hiding each other.
      var places = {};
      data.features.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        var key = c[1].toFixed(3) + "," + c[0].toFixed(3);
        (places[key] = places[key] || []).push(feature);
      });
      var layer = L.featureGroup();
      // Without a base map, place names are the only landmarks: the busiest places keep theirs
      // on screen (a dozen at most, or they overlap at world scale); the rest show on hover.
      var busiest = Object.keys(places).sort(function (a, b) {
        return places[b].length - places[a].length;
      }).slice(0, tileUrl ? 0 : 12);
      Object.keys(places).forEach(function (key) {
        var group = places[key];
        var c = group[0].geometry.coordinates;
        var rejected = group.every(function (f) { return f.properties.review === "reject"; });
        L.circleMarker([c[1], c[0]], {
          radius: 5 + 3 * Math.log10(group.length + 1),
          color: "#ffffff",
          weight: 1.5,
          fillColor: colours[mostCommonType(group)] || "#999999",
          fillOpacity: rejected ? 0.25 : 0.85,
          className: "event-marker"
        }).bindPopup(popup(group), { maxWidth: 360, autoPanPadding: [20, 20] })
          .bindTooltip((group[0].properties.location || "?") + " (" + group.length + ")", {
            permanent: busiest.indexOf(key) >= 0, direction: "right", offset: [6, 0],
            className: "place-label"
          })
          .addTo(layer);
      });
      layer.addTo(map);
      element.dataset.markers = String(Object.keys(places).length);
      element.dataset.events = String(data.features.length);
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.1), { maxZoom: 7 }); }
    })
    .catch(function () { element.dataset.markers = "error"; });
})();
