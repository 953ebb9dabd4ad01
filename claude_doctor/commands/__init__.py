"""One module per command. Each validates its input, computes, and returns a frozen result from `model` with its exit
code; none prints. `cli.py` (and the fast path in `entrypoint.py`) hand the result to `render.emit`."""
