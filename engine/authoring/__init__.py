"""The rule-authoring toolchain behind `idm rules lint|test|list|docs` and `idm explain`.

Every verdict about a condition comes from durable_rules through engine.compiler and
engine.evaluator; these modules only load, arrange and print.
"""
