/* Label placement for the lessons' maps (mali_lessons.maps). Written for this project.
 *
 * Every text label on a map is a Leaflet marker whose options carry `mlLabel`:
 *   {rank: number, gap: px between the point and the text, side: preferred side,
 *    required: true for names that must show, area: true for a country or region name,
 *    spots: [[lat, lon], ...] other places inside the area where the name may go,
 *    hide: zoom ranges [[from, to], ...] at which the label hides with its point}
 * Circle markers may carry `mlHide` too: the zoom ranges at which they are hidden because
 * a point of higher rank would overlap them (computed in Python, builder.hidden_zooms).
 *
 * Each time the view changes, `place(map)` puts the labels one by one, highest rank first:
 * a label goes on the first candidate position whose box stays inside the map, clear of
 * every circle marker, every control (legend, layer box) and every label already placed.
 * Point labels try the eight sides of their point, then the same sides further out with a
 * thin leader line to the point; area labels try their spots. A label that finds no free
 * place is hidden (its name is still in the shape's tooltip and in the map's table); the
 * legend then says how many names are hidden, and zooming in brings them back.
 */
(function () {
  "use strict";

  function box(left, top, right, bottom) {
    return {left: left, top: top, right: right, bottom: bottom};
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function inside(a, frame) {
    return a.left >= frame.left && a.top >= frame.top && a.right <= frame.right &&
      a.bottom <= frame.bottom;
  }

  function free(candidate, taken) {
    for (var i = 0; i < taken.length; i++) {
      if (overlaps(candidate, taken[i])) return false;
    }
    return true;
  }

  /* Offsets (x, y of the text box's top-left corner, from the point) for one side. */
  function sideOffset(side, gap, width, height) {
    var diagonal = gap * 0.75;
    switch (side) {
      case "right": return [gap, -height / 2];
      case "left": return [-gap - width, -height / 2];
      case "above": return [-width / 2, -gap - height];
      case "below": return [-width / 2, gap];
      case "above-right": return [diagonal, -diagonal - height];
      case "below-right": return [diagonal, diagonal];
      case "above-left": return [-diagonal - width, -diagonal - height];
      default: return [-diagonal - width, diagonal];  // below-left
    }
  }

  var SIDES = ["right", "left", "above", "below", "above-right", "below-right",
    "above-left", "below-left"];
  var LEADER_STEPS = [0, 14, 30, 48];
  var MARGIN = 3;  // pixels kept free around every label

  function candidates(label, anchor, width, height, map) {
    var spec = label.options.mlLabel;
    var out = [];
    if (spec.area) {
      var spots = [[0, 0]];
      (spec.spots || []).forEach(function (latlng) {
        var p = map.latLngToContainerPoint(latlng);
        spots.push([p.x - anchor.x, p.y - anchor.y]);
      });
      spots.forEach(function (spot) {
        [[0, 0], [0, -height], [0, height], [-width / 3, 0], [width / 3, 0]].forEach(
          function (shift) {
            out.push({x: spot[0] + shift[0] - width / 2, y: spot[1] + shift[1] - height / 2,
              leader: false});
          });
      });
      return out;
    }
    var sides = [spec.side || "right"].concat(SIDES.filter(function (s) {
      return s !== spec.side;
    }));
    LEADER_STEPS.forEach(function (extra) {
      sides.forEach(function (side) {
        var offset = sideOffset(side, spec.gap + extra, width, height);
        out.push({x: offset[0], y: offset[1], leader: extra > 0});
      });
    });
    return out;
  }

  function visibleAt(ranges, zoom) {
    var step = Math.round(zoom * 4) / 4;
    for (var i = 0; ranges && i < ranges.length; i++) {
      if (step >= ranges[i][0] - 1e-6 && step <= ranges[i][1] + 1e-6) return false;
    }
    return true;
  }

  function setShown(element, shown) {
    if (element) element.style.display = shown ? "" : "none";
  }

  function place(map) {
    var size = map.getSize();
    var frame = box(MARGIN, MARGIN, size.x - MARGIN, size.y - MARGIN);
    var container = map.getContainer();
    var origin = container.getBoundingClientRect();
    var zoom = map.getZoom();
    var taken = [];
    var labels = [];
    var hiddenPoints = 0;

    map.eachLayer(function (layer) {
      if (layer instanceof L.CircleMarker) {
        var shown = visibleAt(layer.options.mlHide, zoom);
        setShown(layer.getElement && layer.getElement(), shown);
        if (!shown) { hiddenPoints += 1; return; }
        var p = map.latLngToContainerPoint(layer.getLatLng());
        var r = layer.getRadius() + (layer.options.weight || 0) / 2;
        taken.push(box(p.x - r, p.y - r, p.x + r, p.y + r));
      } else if (layer.options && layer.options.mlLabel && layer.getElement()) {
        labels.push(layer);
      } else if (layer instanceof L.Marker && layer.getElement()) {
        // another marker (such as a quiz map's numbered disc): keep labels off it
        var r = layer.getElement().getBoundingClientRect();
        if (r.width > 0) {
          taken.push(box(r.left - origin.left, r.top - origin.top, r.right - origin.left,
            r.bottom - origin.top));
        }
      }
    });
    container.querySelectorAll(".leaflet-control").forEach(function (control) {
      var r = control.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        taken.push(box(r.left - origin.left - MARGIN, r.top - origin.top - MARGIN,
          r.right - origin.left + MARGIN, r.bottom - origin.top + MARGIN));
      }
    });

    labels.sort(function (a, b) {
      return (b.options.mlLabel.rank - a.options.mlLabel.rank) ||
        (a.options.mlLabel.order - b.options.mlLabel.order);
    });
    var hiddenNames = 0;
    labels.forEach(function (label) {
      var spec = label.options.mlLabel;
      var icon = label.getElement();
      var text = icon.querySelector(".ml-label");
      var leader = icon.querySelector(".ml-leader");
      if (!visibleAt(spec.hide, zoom)) {
        text.dataset.mlShown = "no";
        setShown(icon, false);
        return;
      }
      setShown(icon, true);
      var width = text.offsetWidth, height = text.offsetHeight;
      var anchor = map.latLngToContainerPoint(label.getLatLng());
      var choice = null;
      var options = candidates(label, anchor, width, height, map);
      for (var i = 0; i < options.length; i++) {
        var c = options[i];
        var b = box(anchor.x + c.x - MARGIN, anchor.y + c.y - MARGIN,
          anchor.x + c.x + width + MARGIN, anchor.y + c.y + height + MARGIN);
        if (inside(b, frame) && free(b, taken)) { choice = c; taken.push(b); break; }
      }
      if (!choice) {
        var onScreen = inView(label, anchor, frame, map);
        text.dataset.mlShown = onScreen ? "no" : "off";  // "off": its point is off-screen
        text.style.visibility = "hidden";
        if (leader) leader.style.display = "none";
        if (onScreen) hiddenNames += 1;
        return;
      }
      text.dataset.mlShown = "yes";
      text.style.visibility = "visible";
      text.style.transform = "translate(" + Math.round(choice.x) + "px," +
        Math.round(choice.y) + "px)";
      if (leader) drawLeader(leader, choice, width, height, spec.gap, choice.leader);
    });
    container.dataset.mlHiddenNames = String(hiddenNames);
    container.dataset.mlHiddenPoints = String(hiddenPoints);
    container.dataset.mlPlaced = String(Number(container.dataset.mlPlaced || 0) + 1);
    var note = container.querySelector(".ml-zoom-note");
    if (note) {
      // The words come with the legend, in the map's language: data-text, data-both,
      // data-place, data-places, data-name, data-names (see legend_html in elements.py).
      var words = note.dataset;
      var count = function (n, one, many) {
        return String(n === 1 ? one : many).replace("{count}", n);
      };
      var parts = [];
      if (hiddenPoints) parts.push(count(hiddenPoints, words.place, words.places));
      if (hiddenNames) parts.push(count(hiddenNames, words.name, words.names));
      var joined = parts.length === 2 ?
        String(words.both).replace("{first}", parts[0]).replace("{second}", parts[1]) :
        parts.join("");
      note.textContent = parts.length ? String(words.text).replace("{parts}", joined) : "";
    }
  }

  /* True when the label's point (or, for an area, one of its spots) is inside the map. */
  function inView(label, anchor, frame, map) {
    var points = [anchor];
    (label.options.mlLabel.spots || []).forEach(function (latlng) {
      points.push(map.latLngToContainerPoint(latlng));
    });
    return points.some(function (p) {
      return p.x >= frame.left && p.x <= frame.right && p.y >= frame.top && p.y <= frame.bottom;
    });
  }

  /* A thin line from the edge of the point to the nearest edge of the text box. */
  function drawLeader(leader, choice, width, height, gap, wanted) {
    if (!wanted) { leader.style.display = "none"; return; }
    var x = Math.max(choice.x, Math.min(0, choice.x + width));
    var y = Math.max(choice.y, Math.min(0, choice.y + height));
    var length = Math.sqrt(x * x + y * y);
    var start = Math.max(gap - 3, 0);
    if (length <= start + 9) { leader.style.display = "none"; return; }  // too short to help
    var angle = Math.atan2(y, x);
    leader.style.display = "block";
    leader.style.width = Math.round(length - start) + "px";
    leader.style.transform = "rotate(" + angle + "rad) translateX(" + start + "px)";
  }

  function attach(map) {
    var pending = false;
    function later() {
      if (pending) return;
      pending = true;
      L.Util.requestAnimFrame(function () { pending = false; place(map); });
    }
    map.on("zoomend moveend resize overlayadd overlayremove layeradd", later);
    place(map);
    later();
  }

  window.mlLabels = {attach: attach, place: place};
})();
