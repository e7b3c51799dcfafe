"""Stage 5, the check: one task per input file, findings, waivers, baseline, portfolio rules,
workers and the run that folds their outcomes into a RunResult."""
