"""Fuzz targets for idm's loaders (issue 8); how to run them: docs/security.md, Fuzzing."""
