"""Fuzz the rule-pack loader (engine.pack.rulepack.load_ruleset_collecting).

    python fuzz/fuzz_rulepack.py -max_total_time=60 -artifact_prefix=/tmp/crash-
"""
from _main import main

if __name__ == "__main__":
    main("rulepack")
