Feature: Coverage of the IDM domains per phase
  As an architecture board
  I want to see per domain whether an initiative says enough for its phase
  So that early ideas are not held to the standard of delivering initiatives

  Scenario Outline: Domains required per phase
    Given a file "i.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-P
      title: Fase
      phase: <phase>
      legacy: {impact: Minder papier}
      """
    When I run "idm check i.yaml --format json --fail-on never --date 2026-11-22"
    Then the JSON coverage of "INI-P" for legacy is covered
    And the JSON coverage of "INI-P" for design is not covered
    And the JSON report has <design finding>
    And the JSON report has <results finding>

    Examples:
      | phase       | design finding                                 | results finding                                  |
      | initiation  | no finding COV-005                             | no finding COV-002                               |
      | foundation  | finding COV-005 at "design.governance.accountable" in "i.yaml" | no finding COV-002                |
      | improvement | finding COV-005 at "design.governance.accountable" in "i.yaml" | finding COV-002 at "results.outputs" in "i.yaml" |
