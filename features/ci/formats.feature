Feature: Reports that CI systems read
  As a CI pipeline
  I want the findings in the formats my CI system reads natively
  So that a rejected proposal shows why, where the reviewers already look

  Background:
    Given the example initiatives in "examples"

  Scenario: SARIF for code scanning validates against the SARIF 2.1.0 schema
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format sarif"
    Then the exit code is 1
    And the SARIF report on stdout validates against the SARIF 2.1.0 schema
    And the SARIF report on stdout has 76 results, 1 of them suppressed
    And the SARIF report on stdout has no baselineState

  Scenario: JUnit XML has one testsuite per initiative and counts that add up
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format junit"
    Then the exit code is 1
    And the JUnit report on stdout has 13 testsuites whose counts add up
    And the JUnit report on stdout has 11 failing testcases

  Scenario: The JUnit failures follow --fail-on
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format junit --fail-on never"
    Then the exit code is 0
    And the JUnit report on stdout has 13 testsuites whose counts add up
    And the JUnit report on stdout has 0 failing testcases

  Scenario: The Markdown summary for a pull-request comment
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format markdown"
    Then the exit code is 1
    And stdout contains "idm — Compliance gate: failed"
    And stdout contains "**11** failing findings (fail-on: `error`)"
    And stdout contains "13 initiatives, 76 findings (11 errors, 62 warnings, 2 info), 1 waived, 0 input errors"
    And stdout contains "<summary>Waived findings (1)</summary>"

  Scenario: GitHub workflow commands annotate the lines of the findings
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format github"
    Then the exit code is 1
    And every line on stdout is a GitHub workflow command
    And stdout contains "::error file=examples/with-findings.yaml,line=33,col=3,title=LEG-001 Purpose of processing not stated::"

  Scenario: The GitHub annotations start with one summary notice
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format github --max-annotations 3"
    Then the exit code is 1
    And every line on stdout is a GitHub workflow command
    And stdout has 9 lines
    And stdout contains "annotations shown: 3 of 11 errors, 3 of 62 warnings, 2 of 2 notices."

  Scenario: A Markdown report stays within --max-chars and names the full report
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format markdown --max-chars 4000 --report json:idm.json"
    Then the exit code is 1
    And stdout has at most 4000 characters
    And stdout contains "### Blocking findings (11)"
    And stdout contains "The full report: `idm.json`._"

  Scenario: A capped SARIF run keeps the errors and says what it left out
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format sarif --sarif-max-results 12"
    Then the exit code is 1
    And the SARIF report on stdout validates against the SARIF 2.1.0 schema
    And the SARIF report on stdout has 12 results, 0 of them suppressed
    And the SARIF report on stdout has 11 results of level "error"
    And stderr contains "idm: SARIF: 64 of 76 results left out to stay within the limit of 12 results per run"
