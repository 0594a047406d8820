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
    // No tiles without the network: a 15-degree graticule gives the markers a frame of reference.
    var grid = { color: "#c8d3dc", weight: 1, interactive: false };
    for (var lat = -75; lat <= 75; lat += 15) { L.polyline([[lat, -180], [lat, 180]], grid).addTo(map); }
    for (var lon = -180; lon <= 180; lon += 15) { L.polyline([[-85, lon], [85, lon]], grid).addTo(map); }
    L.polyline([[0, -180], [0, 180]], { color: "#9fb0bf", weight: 1.5, interactive: false }).addTo(map);
  }

  function line(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) { node.className = className; }
    parent.appendChild(node);
    return node;
  }

  function popup(properties) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(properties.id);
    link.textContent = properties.event_type || "event";
    link.className = "popup-title";
    box.appendChild(link);
    line(box, "div", (properties.day || "undated") + " · " + (properties.location || ""));
    var actors = [properties.actor1, properties.actor2].filter(Boolean).join(" vs ");
    if (actors) { line(box, "div", actors); }
    line(box, "div", properties.modality || "", "muted");
    if (properties.title) { line(box, "div", properties.title, "muted"); }
    return box;
  }

  fetch(element.dataset.geojson, { headers: { "Accept": "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var props = feature.properties;
          return L.circleMarker(latlng, {
            radius: 7,
            color: "#ffffff",
            weight: 1,
            fillColor: colours[props.event_type] || "#999999",
            fillOpacity: props.review === "reject" ? 0.25 : 0.85,
            className: "event-marker"
          });
        },
        onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); }
      }).addTo(map);
      element.dataset.markers = String(data.features.length);
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 7 }); }
    })
    .catch(function () { element.dataset.markers = "error"; });
})();
