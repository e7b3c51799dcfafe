"""The rule-authoring toolchain behind `idm rules lint|test|list|docs` and `idm explain`.

Every verdict about a condition comes from durable_rules through engine.compile.compiler and
engine.durable.evaluator; these modules only load, arrange and print.
"""
