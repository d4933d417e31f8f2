// Entry point that `make web` bundles into static/vendor/layout-worker.js: ForceAtlas2
// iterations in a worker (a file of this origin, as the Content-Security-Policy wants),
// so the page stays interactive while the layout settles. The page pauses and resumes
// it ({run: false|true}); one step is ever scheduled, however fast those messages come.
import iterate from "graphology-layout-forceatlas2/iterate.js";

let nodes = null;
let edges = null;
let settings = null;
let running = false;
let next = null;

function step() {
  next = null;
  if (!running) return;
  for (let i = 0; i < settings.iterationsPerMessage; i++) iterate(settings, nodes, edges);
  const copy = nodes.slice();
  self.postMessage({ nodes: copy.buffer }, [copy.buffer]);
  next = setTimeout(step, 0);
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.nodes) {
    nodes = new Float32Array(message.nodes);
    edges = new Float32Array(message.edges);
    settings = message.settings;
  }
  if (message.run !== undefined) {
    running = message.run;
    if (running && next === null) next = setTimeout(step, 0);
  }
});
