Feature: List and document the rule catalogue
  As a compliance officer
  I want the catalogue generated from the rules themselves
  So that the documentation never drifts from what is checked

  Scenario: List the rules of one category
    When I run "idm rules list --category portfolio"
    Then the exit code is 0
    And stdout contains "POR-001"
    And stdout does not contain "LEG-001"

  Scenario: List as Markdown in Dutch
    When I run "idm rules list --domain design --format markdown --lang nl"
    Then stdout contains "| LEG-001 | error | legislation | design | Doelbinding ontbreekt |"

  Scenario: List as JSON
    When I run "idm rules list --category legislation --format json"
    Then stdout contains ""id": "LEG-010""

  Scenario: Write the Markdown catalogue
    When I run "idm rules docs --output catalogue"
    Then the exit code is 0
    And stdout contains "catalogue/README.md"
    And stdout contains "catalogue/legislation.md"

  Scenario: A page that cannot be written is one line, and the other pages are still written
    Given a file "catalogue/legislation.md/keep" with:
      """
      a folder where a page would go
      """
    When I run "idm rules docs --output catalogue"
    Then the exit code is 2
    And stderr is exactly:
      """
      catalogue/legislation.md: error: cannot write the report: is a directory
      """
    And stdout contains "catalogue/README.md"
    And the file "catalogue/README.md" contains "# "
    And there is no traceback
