Feature: English and Dutch
  As a Dutch or Flemish architecture board
  I want findings in my own language
  So that the report can go into the meeting pack as it is

  Scenario: Messages and labels in Dutch
    Given the example initiatives in "examples"
    When I run "idm check examples/with-findings.yaml --date 2026-11-22 --lang nl"
    Then stdout contains "fout LEG-001 design.privacy.purpose: Het initiatief verwerkt persoonsgegevens"
    And stdout contains "AFGEKEURD: 1 initiatief"

  Scenario: Messages and labels in English
    Given the example initiatives in "examples"
    When I run "idm check examples/with-findings.yaml --date 2026-11-22 --lang en"
    Then stdout contains "error LEG-001 design.privacy.purpose: The initiative processes personal data"
    And stdout contains "FAIL: 1 initiative"
