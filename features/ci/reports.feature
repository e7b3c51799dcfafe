Feature: Several reports in one run
  As a CI pipeline
  I want to write reports to files while the log shows the text report
  So that one check feeds code scanning, the test tab and the job log

  Background:
    Given the example initiatives in "examples"

  Scenario: --report writes SARIF and JUnit files next to the text on stdout
    When I run "idm check examples --date 2026-11-22 --jobs 1 --report sarif:out.sarif --report junit:out.xml"
    Then the exit code is 1
    And stdout contains "FAIL: 13 initiatives, 76 findings"
    And the SARIF report on file "out.sarif" validates against the SARIF 2.1.0 schema
    And the JUnit report on file "out.xml" has 13 testsuites whose counts add up

  Scenario: A --report file holds the same bytes as that format on its own
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format json --output alone.json"
    And I run "idm check examples --date 2026-11-22 --jobs 1 --report json:extra.json --report markdown:extra.md"
    Then the files "alone.json" and "extra.json" are identical

  Scenario Outline: A malformed --report is a usage error
    When I run "idm check examples --date 2026-11-22 --report <value>"
    Then the exit code is 2
    And stderr contains "expected FORMAT:FILE"
    And there is no traceback

    Examples:
      | value      |
      | out.sarif  |
      | pdf:out    |
      | sarif:     |
