/* O2C Explorer: replay of orders over a process map. Plain JS, no dependencies, no network.
 * Reads the timeline from <script id="replay-data" type="application/json"> (o2c/report/replay/__init__.py) and
 * draws the orders as dots on a canvas over the Graphviz SVG. Dots are stamped into one ImageData per frame, so
 * 20,000 orders cost one pass over typed arrays and one putImageData, also without a GPU. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("replay-data").textContent);
  var L = data.labels;
  var root = document.getElementById("replay");
  var stage = root.querySelector(".stage");
  var svgs = stage.querySelectorAll("svg"), svg = svgs[0];
  var canvas = stage.querySelector("canvas");
  var ctx = canvas.getContext("2d");
  var button = root.querySelector(".play");
  var speedBox = root.querySelector(".speed");
  var slider = root.querySelector(".time");
  var dateText = root.querySelector(".date");
  var flightText = root.querySelector(".flight");
  var queue = root.querySelector(".queue-rows");

  // The timeline as typed arrays (seconds from data.origin_ms).
  var offsets = Int32Array.from(data.orders.offsets);
  var start = Float64Array.from(data.orders.start);
  var colour = Int32Array.from(data.orders.colour);
  var segPath = Int32Array.from(data.segments.path);
  var segEnd = Float64Array.from(data.segments.wait);
  var n = start.length;
  var orderEnd = new Float64Array(n);
  var cur = new Int32Array(n);
  for (var i = 0; i < n; i++) {
    // Arrival times from the waits: each segment ends its wait after the order's previous arrival.
    var at = start[i];
    for (var s = offsets[i]; s < offsets[i + 1]; s++) {
      at += segEnd[s];
      segEnd[s] = at;
    }
    orderEnd[i] = segEnd[offsets[i + 1] - 1];
    cur[i] = offsets[i];
  }
  var pathTarget = Int32Array.from(data.paths.target);
  var pathSource = Int32Array.from(data.paths.source);
  var pathShown = Uint8Array.from(data.paths.shown);
  var K = data.points_per_path;
  var nPaths = pathTarget.length;
  var nNodes = data.nodes.length;
  var points = new Float32Array(nPaths * K * 2);
  var nodeX = new Float64Array(nNodes), nodeY = new Float64Array(nNodes);
  var nodeW = new Float64Array(nNodes), nodeH = new Float64Array(nNodes);
  var current = -1;

  // Take one drawing's geometry (0: top to bottom, 1: left to right).
  function useLayout(index) {
    var g = data.layouts[index];
    points.fill(0);
    for (var p = 0; p < nPaths; p++) {
      var line = g.points[p];
      for (var q = 0; q < line.length && q < K * 2; q++) points[p * K * 2 + q] = line[q];
    }
    nodeX.set(g.x);
    nodeY.set(g.y);
    nodeW.set(g.half_width);
    nodeH.set(g.half_height);
    for (var s = 0; s < svgs.length; s++) svgs[s].style.display = s === index ? "" : "none";
    svg = svgs[index];
    current = index;
    orderRows(index);
  }

  // The queue panel: one row per activity, in the order the map flows (top to bottom, or left to right).
  var rows = [];
  function orderRows(index) {
    var along = index === 0 ? nodeY : nodeX, across = index === 0 ? nodeX : nodeY;
    rows.sort(function (a, b) { return along[a.node] - along[b.node] || across[a.node] - across[b.node]; });
    rows.forEach(function (row) { queue.appendChild(row.element); });
  }
  for (var v = 2; v < nNodes; v++) {
    var element = document.createElement("div");
    element.className = "row";
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = data.node_names[v];
    name.title = data.node_names[v];
    var bar = document.createElement("span");
    bar.className = "bar-track";
    var fill = document.createElement("span");
    fill.className = "bar-fill";
    bar.appendChild(fill);
    var value = document.createElement("span");
    value.className = "value";
    element.appendChild(name);
    element.appendChild(bar);
    element.appendChild(value);
    rows.push({ node: v, element: element, fill: fill, value: value, shown: -1 });
  }
  var queueMax = 1;
  var counts = new Int32Array(nNodes);
  // A small fixed offset per order, so dots on the same path at the same moment do not hide each other.
  var jitterX = new Float32Array(n), jitterY = new Float32Array(n);
  var seed = 12345;
  function random() {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  }
  for (i = 0; i < n; i++) {
    jitterX[i] = random() * 2 - 1;
    jitterY[i] = random() * 2 - 1;
  }

  var duration = data.duration;
  var t = 0, speed = data.speed, playing = false, last = null, dirty = true, dragging = false;
  var scale = 1, dpr = 1, width = 0, height = 0, image = null, pixels = null;
  var little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  var radius = n > 5000 ? 2 : 3;
  var solid = [], hollow = [];
  var colours = data.colours.map(function (c) { return rgba(c.colour, 255); });
  var outline = rgba("#2b2b2b", 235);

  function rgba(hex, alpha) {
    var v = parseInt(hex.slice(1), 16), r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
    return little ? ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | alpha) >>> 0;
  }

  // Pixel offsets of a dot: the disk, and its rim (drawn dark so light colours show on the light map).
  function masks(r) {
    var inner = [], rim = [];
    for (var dy = -r - 1; dy <= r + 1; dy++) {
      for (var dx = -r - 1; dx <= r + 1; dx++) {
        var d = Math.sqrt(dx * dx + dy * dy);
        if (d <= r - 0.5) inner.push(dx, dy);
        else if (d <= r + 0.7) rim.push(dx, dy);
      }
    }
    return { inner: Int32Array.from(inner), rim: Int32Array.from(rim) };
  }
  var shape = masks(radius);

  function layout() {
    var box = stage.getBoundingClientRect();
    if (!box.width || !box.height) return;
    var best = 0, bestScale = -1;
    data.layouts.forEach(function (g, index) {
      var fit = g.width && g.height ? Math.min(box.width / g.width, box.height / g.height) : 0;
      if (fit > bestScale * 1.05) { best = index; bestScale = fit; }
    });
    if (best !== current) useLayout(best);
    var w = data.layouts[best].width, h = data.layouts[best].height;
    if (!w || !h) return;
    scale = bestScale;
    dpr = window.devicePixelRatio || 1;
    var cssW = Math.floor(w * scale), cssH = Math.floor(h * scale);
    var left = Math.floor((box.width - cssW) / 2) + "px";
    [svg, canvas].forEach(function (el) {
      el.style.width = cssW + "px";
      el.style.height = cssH + "px";
      el.style.left = left;
    });
    width = Math.max(1, Math.round(cssW * dpr));
    height = Math.max(1, Math.round(cssH * dpr));
    canvas.width = width;
    canvas.height = height;
    var r = Math.max(1, Math.round((n > 5000 ? 2.2 : 3.3) * dpr * Math.min(1.4, Math.max(1, scale))));
    shape = masks(r);
    image = ctx.createImageData(width, height);
    pixels = new Uint32Array(image.data.buffer);
    dirty = true;
  }

  function stamp(x, y, fill, ring) {
    var cx = Math.round(x), cy = Math.round(y), m, k, px, py;
    if (!ring) {
      m = shape.inner;
      for (k = 0; k < m.length; k += 2) {
        px = cx + m[k];
        py = cy + m[k + 1];
        if (px >= 0 && py >= 0 && px < width && py < height) pixels[py * width + px] = fill;
      }
    }
    m = shape.rim;
    for (k = 0; k < m.length; k += 2) {
      px = cx + m[k];
      py = cy + m[k + 1];
      if (px >= 0 && py >= 0 && px < width && py < height) pixels[py * width + px] = ring ? fill : outline;
    }
  }

  function draw() {
    if (!pixels) return;
    pixels.fill(0);
    counts.fill(0);
    var k = scale * dpr, spread = 2.2 * dpr, alive = 0, jumping = 0, sample = [];  // a few [order, x, y] for tests
    for (var i = 0; i < n; i++) {
      if (t < start[i] || t >= orderEnd[i]) continue;
      var first = offsets[i], s = cur[i];
      if (s > first && t < segEnd[s - 1]) s = first; // moved back in time
      while (segEnd[s] <= t) s++;
      cur[i] = s;
      var s0 = s === first ? start[i] : segEnd[s - 1];
      var span = segEnd[s] - s0;
      var f = span > 0 ? (t - s0) / span : 1;
      var path = segPath[s];
      counts[pathTarget[path]]++;
      alive++;
      var x, y;
      if (pathShown[path]) {
        var at = f * (K - 1), j = at | 0;
        if (j > K - 2) j = K - 2;
        var frac = at - j, b = (path * K + j) * 2;
        x = points[b] + (points[b + 2] - points[b]) * frac;
        y = points[b + 1] + (points[b + 3] - points[b + 1]) * frac;
        stamp(x * k + jitterX[i] * spread, y * k + jitterY[i] * spread, colours[colour[i]], false);
      } else {
        // A path the map hides: the dot waits under its source activity, then jumps.
        var src = pathSource[path];
        x = nodeX[src] + jitterX[i] * nodeW[src] * 0.8;
        y = nodeY[src] + nodeH[src] + 4 + Math.abs(jitterY[i]) * 6;
        stamp(x * k, y * k, colours[colour[i]], true);
        jumping++;
      }
      if (sample.length < 12) sample.push([i, Math.round(x * 10) / 10, Math.round(y * 10) / 10]);
    }
    ctx.putImageData(image, 0, 0);
    badges(k);
    panel();
    flightText.textContent = L.in_flight.replace("{count}", alive.toLocaleString("en-US"));
    dateText.textContent = date(t);
    if (!dragging) slider.value = String(Math.round(t));
    window.o2cReplay.alive = alive;
    window.o2cReplay.jumping = jumping;
    window.o2cReplay.sample = sample;
  }

  // Orders on their way to each activity: the queue in front of it.
  function badges(k) {
    ctx.font = Math.round(10 * dpr) + "px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (var v = 2; v < nNodes; v++) {
      if (!counts[v]) continue;
      var text = counts[v].toLocaleString("en-US");
      var w = ctx.measureText(text).width + 8 * dpr, h = 14 * dpr;
      var x = (nodeX[v] + nodeW[v]) * k - w * 0.6, y = (nodeY[v] - nodeH[v]) * k - h * 0.6;
      ctx.fillStyle = "rgba(33, 37, 41, 0.86)";
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(x, y, w, h, h / 2);
      else ctx.rect(x, y, w, h);
      ctx.fill();
      ctx.fillStyle = "#ffffff";
      ctx.fillText(text, x + 4 * dpr, y + h / 2 + 0.5);
    }
  }

  function panel() {
    var top = 1;
    for (var r = 0; r < rows.length; r++) if (counts[rows[r].node] > top) top = counts[rows[r].node];
    // The scale only grows while playing forward, so bars compare across time.
    queueMax = Math.max(top, t < 1 ? 1 : queueMax);
    for (r = 0; r < rows.length; r++) {
      var row = rows[r], c = counts[row.node];
      if (c === row.shown) continue;
      row.shown = c;
      row.value.textContent = c.toLocaleString("en-US");
      row.fill.style.width = (100 * c / queueMax).toFixed(1) + "%";
    }
  }

  function pad(v) { return v < 10 ? "0" + v : String(v); }
  function date(seconds) {
    var d = new Date(data.origin_ms + seconds * 1000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":00";
  }

  function setPlaying(on) {
    if (on && t >= duration) t = 0;
    playing = on;
    last = null;
    button.textContent = on ? "❚❚ " + L.pause : "▶ " + L.play;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    dirty = true;
  }

  function frame(now) {
    if (playing) {
      if (last !== null) t = Math.min(duration, t + ((now - last) / 1000) * speed);
      last = now;
      if (t >= duration) setPlaying(false);
      dirty = true;
    }
    if (dirty) {
      draw();
      window.o2cReplay.frames++;
      dirty = false;
    }
    window.o2cReplay.time = t;
    requestAnimationFrame(frame);
  }

  // Controls, legend and labels (text only: labels may hold user data).
  button.addEventListener("click", function () { setPlaying(!playing); });
  data.speeds.forEach(function (choice) {
    var option = document.createElement("option");
    option.value = String(choice[0]);
    option.textContent = choice[1];
    if (choice[0] === speed) option.selected = true;
    speedBox.appendChild(option);
  });
  speedBox.addEventListener("change", function () { speed = Number(speedBox.value); });
  slider.max = String(duration);
  slider.addEventListener("input", function () {
    dragging = true;
    queueMax = 1;
    t = Number(slider.value);
    last = null;
    dirty = true;
  });
  slider.addEventListener("change", function () { dragging = false; });
  document.addEventListener("keydown", function (event) {
    if (event.code === "Space" && event.target === document.body) {
      event.preventDefault();
      setPlaying(!playing);
    }
  });
  var legend = root.querySelector(".legend");
  data.colours.forEach(function (c) {
    var item = document.createElement("span");
    item.className = "item";
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = c.colour;
    var label = document.createElement("span");
    label.textContent = c.label + " (" + c.orders.toLocaleString("en-US") + ")";
    item.appendChild(swatch);
    item.appendChild(label);
    legend.appendChild(item);
  });
  var notes = root.querySelector(".notes");
  (data.jumps ? [L.badge_help, L.jump] : [L.badge_help]).forEach(function (text) {
    var note = document.createElement("p");
    note.textContent = text;
    notes.appendChild(note);
  });

  window.o2cReplay = {
    frames: 0,
    time: 0,
    alive: 0,
    jumping: 0,
    sample: [],
    duration: duration,
    orders: n,
    play: function () { setPlaying(true); },
    pause: function () { setPlaying(false); },
    seek: function (seconds) {
      t = Math.max(0, Math.min(duration, seconds));
      last = null;
      queueMax = 1;
      dirty = true;
    },
    setSpeed: function (value) {
      speed = value;
      speedBox.value = String(value); // shows the choice when it is one of the list
    },
    counts: function () { return Array.prototype.slice.call(counts); },
    countAlive: function () {
      var alive = 0;
      for (var i = 0; i < n; i++) if (t >= start[i] && t < orderEnd[i]) alive++;
      return alive;
    }
  };
  if (window.ResizeObserver) new ResizeObserver(layout).observe(stage);
  window.addEventListener("resize", layout);
  layout();
  setPlaying(data.autoplay);
  requestAnimationFrame(frame);
})();
