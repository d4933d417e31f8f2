// Sigma's node and edge programs without WebGL instancing. Sigma draws each node or edge
// as one instance of a few constant vertices; a software WebGL (SwiftShader: headless
// Chromium, machines without a usable GPU) pays a fixed cost per instance, so 16,000
// edges took about a second a frame. The same shaders fed plain vertex arrays (each
// item's attributes repeated on its vertices, followed by that vertex's constants) draw
// in a tenth of the time, and no slower on a real GPU at these sizes.
import {
  createEdgeCompoundProgram,
  EdgeArrowHeadProgram,
  EdgeClampedProgram,
  EdgeRectangleProgram,
  NodeCircleProgram,
} from "sigma/rendering";

function flattened(Instanced) {
  return class extends Instanced {
    getDefinition() {
      const { CONSTANT_ATTRIBUTES, CONSTANT_DATA, ...definition } = super.getDefinition();
      this.constants = CONSTANT_DATA;
      return { ...definition, ATTRIBUTES: [...definition.ATTRIBUTES, ...CONSTANT_ATTRIBUTES] };
    }

    // The instanced program writes one item's attributes into a scratch row, copied bit
    // for bit (colours are packed into floats) onto each of its vertices.
    processVisibleItem(id, start, ...data) {
      const width = this.ATTRIBUTES_ITEMS_COUNT - this.constants[0].length;
      if (!this.row) this.row = new Float32Array(width);
      const array = this.array;
      this.array = this.row;
      super.processVisibleItem(id, 0, ...data);
      this.array = array;
      if (!this.bits || this.bits.buffer !== array.buffer) this.bits = new Uint32Array(array.buffer);
      const row = new Uint32Array(this.row.buffer);
      let i = start;
      for (const constants of this.constants) {
        for (let j = 0; j < width; j++) this.bits[i++] = row[j];
        for (const value of constants) array[i++] = value;
      }
    }
  };
}

export const NodeCircle = flattened(NodeCircleProgram);
export const EdgeRectangle = flattened(EdgeRectangleProgram);
export const EdgeArrow = createEdgeCompoundProgram([
  flattened(EdgeClampedProgram),
  flattened(EdgeArrowHeadProgram),
]);
