"""Stage 3, compilation: rule conditions to durable_rules definitions and the projection of
initiatives onto the facts those definitions test."""
