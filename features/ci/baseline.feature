Feature: A baseline lets the gate start on a portfolio that already has findings
  As a portfolio board introducing the gate
  I want the findings we already know about reported but not failing the pipeline
  So that only new non-conformities block a proposal

  Background:
    Given the example initiatives in "examples"
    When I run "idm baseline create examples --output baseline.json --date 2026-11-22 --jobs 1"
    Then the exit code is 0

  Scenario: A portfolio with findings passes the gate once they are in the baseline
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json"
    Then the exit code is 0
    And stdout contains "error LEG-001 design.privacy.purpose: The initiative processes personal data but design.privacy.purpose does not state for what purpose. [baselined]"
    And stdout contains "PASS: 13 initiatives, 76 findings (11 errors, 62 warnings, 2 info), 1 waived, 0 input errors (fail-on: error), 76 baselined"

  Scenario: Every report format says which findings are baselined
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json --format json"
    Then every finding in the JSON report is baselined
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json --format sarif"
    Then the SARIF report on stdout validates against the SARIF 2.1.0 schema
    And the SARIF report on stdout has baselineState "unchanged" for every result
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json --format junit"
    Then the JUnit report on stdout has 0 failing testcases
    And stdout contains "[baselined]"
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json --format markdown"
    Then stdout contains "idm — Compliance gate: passed"
    And stdout contains "**LEG-001** _(baselined)_"
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json --format github --max-annotations 0"
    Then stdout contains "::notice file=examples/with-findings.yaml,line=33,col=3,title=LEG-001 Purpose of processing not stated (baselined)::"
    And stdout does not contain "::error"

  Scenario: A new finding fails the gate, the known ones still do not
    Given a file "examples/new.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-099
      title: Nieuw initiatief
      phase: initiation
      design:
        privacy:
          personal_data: true
      """
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json --format json"
    Then the exit code is 1
    And the JSON report has finding LEG-001 at "design.privacy.purpose" of "INI-2026-099" new
    And the JSON report has finding LEG-001 at "design.privacy.purpose" of "INI-2026-031" baselined
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json --format sarif"
    Then the SARIF report on stdout has baselineState "new" for LEG-001 of "INI-2026-099"
    And the SARIF report on stdout has baselineState "unchanged" for LEG-001 of "INI-2026-031"

  Scenario: Findings match on rule, initiative and path, not on the line
    Given 5 comment lines are added at the top of "examples/with-findings.yaml"
    When I run "idm check examples --date 2026-11-22 --jobs 1 --baseline baseline.json"
    Then the exit code is 0
    And stdout contains "examples/with-findings.yaml:38:3: error LEG-001 design.privacy.purpose"

  Scenario: Creating a baseline twice gives the same bytes
    When I run "idm baseline create examples --output again.json --date 2026-11-22 --jobs 1"
    Then the files "baseline.json" and "again.json" are identical

  Scenario: A baseline is the JSON report
    When I run "idm check examples --date 2026-11-22 --jobs 1 --format json --output report.json"
    Then the files "baseline.json" and "report.json" are identical

  Scenario Outline: A baseline that cannot be used stops the gate with one line
    Given a file "not-json.json" with:
      """
      this is not JSON
      """
    And a file "not-a-report.json" with:
      """
      {"tool": {"name": "eslint"}, "results": []}
      """
    When I run "idm check examples --date 2026-11-22 --baseline <file>"
    Then the exit code is 2
    And stderr is exactly:
      """
      <file>: error: baseline: <problem>
      """
    And stdout does not contain "FAIL"

    Examples:
      | file              | problem                                                                                                                                                            |
      | missing.json      | no such file                                                                                                                                                       |
      | not-json.json     | not JSON: Expecting value: line 1 column 1 (char 0)                                                                                                                |
      | not-a-report.json | not an idm JSON report (expected the output of `idm check --format json` or `idm baseline create`: tool.name 'idm', initiatives and portfolio_findings lists)      |
