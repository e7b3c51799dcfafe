"""Stage 4, evaluation: the only modules that call the durable_rules C API."""
