// Entry point that `make web` bundles into static/vendor/layout-worker.js: ForceAtlas2
// iterations in a worker (a file of this origin, as the Content-Security-Policy wants),
// so the page stays interactive while the layout settles.
import iterate from "graphology-layout-forceatlas2/iterate.js";

let nodes = null;
let edges = null;
let settings = null;
let running = false;

function step() {
  if (!running) return;
  for (let i = 0; i < settings.iterationsPerMessage; i++) iterate(settings, nodes, edges);
  const copy = nodes.slice();
  self.postMessage({ nodes: copy.buffer }, [copy.buffer]);
  setTimeout(step, 0);
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.nodes) {
    nodes = new Float32Array(message.nodes);
    edges = new Float32Array(message.edges);
    settings = message.settings;
  }
  if (message.run !== undefined) {
    const start = message.run && !running;
    running = message.run;
    if (start) step();
  }
});
