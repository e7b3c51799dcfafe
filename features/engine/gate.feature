Feature: Exit codes for a CI gate
  As a CI pipeline
  I want an exit code that says pass, fail or unusable input
  So that non-conforming proposals are rejected and broken input never passes

  Background:
    Given the example initiatives in "examples"

  Scenario: Errors fail the gate by default
    When I run "idm check examples --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "FAIL: "

  Scenario: A clean initiative passes even at the strictest threshold
    When I run "idm check examples/clean.yaml --date 2026-11-22 --fail-on info"
    Then the exit code is 0
    And stdout contains "PASS: 1 initiative, 0 findings"

  Scenario: Warnings fail the gate only when asked
    When I run "idm check examples/early-phase.yaml --date 2026-11-22"
    Then the exit code is 0
    When I run "idm check examples/early-phase.yaml --date 2026-11-22 --fail-on warning"
    Then the exit code is 1

  Scenario: --fail-on never always passes when every input could be used
    When I run "idm check examples --date 2026-11-22 --fail-on never"
    Then the exit code is 0

  Scenario: The JSON report is identical on every run
    When I run "idm check examples --date 2026-11-22 --format json --output first.json"
    And I run "idm check examples --date 2026-11-22 --format json --output second.json"
    Then the files "first.json" and "second.json" are identical
