"""Stage 1, inputs: find input files, read YAML/JSON with positions, validate against the schemas."""
