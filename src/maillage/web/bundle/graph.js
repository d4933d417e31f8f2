// Entry point that `make web` bundles (esbuild) into static/vendor/graph.js: the npm
// libraries of the network view, exposed to the explorer's own scripts.
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrow, EdgeRectangle, NodeCircle } from "./programs.js";
import { graphToByteArrays, assignLayoutChanges } from "graphology-layout-forceatlas2/helpers.js";
import forceAtlas2 from "graphology-layout-forceatlas2";

window.maillageGraph = {
  Graph,
  Sigma,
  EdgeArrowProgram: EdgeArrow,
  EdgeRectangleProgram: EdgeRectangle,
  NodeCircleProgram: NodeCircle,
  graphToByteArrays,
  assignLayoutChanges,
  inferSettings: forceAtlas2.inferSettings,
};
