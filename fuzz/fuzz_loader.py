"""Fuzz engine.inputs.loader (read_text + parse_yaml) and schema validation of initiatives.

    python fuzz/fuzz_loader.py -max_total_time=60 -artifact_prefix=/tmp/crash-
"""
from _main import main

if __name__ == "__main__":
    main("loader")
