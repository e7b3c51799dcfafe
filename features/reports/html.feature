Feature: HTML reports for the architecture board
  As an architecture board member
  I want one self-contained HTML page per check and a portfolio dashboard
  so that I can open, print and discuss them without a network connection

  The initiative report (check --format html) draws the IDM ring for every initiative:
  principles as the binding frame, legacy as the outer ring, then results and stakeholders,
  and direction, design and operations in the core. Each segment shows its state
  (covered and clean, warnings, errors, not covered) by colour, pattern and icon.

  Scenario: The example initiatives as an HTML report
    Given the example initiatives in "examples"
    When I run "idm check examples --format html --output r.html --date 2026-11-22"
    Then the exit code is 1
    And the file "r.html" contains "<html lang="en">"
    And the file "r.html" contains "class="ring""
    And the file "r.html" contains "data-domain="legacy" data-state="clean""
    And the file "r.html" contains "IDM ring as a table"
    And the file "r.html" does not contain "<link"
    And the file "r.html" does not contain "<img"

  Scenario: The same report in Dutch
    Given the example initiatives in "examples"
    When I run "idm check examples --format html --output r.html --date 2026-11-22 --lang nl"
    Then the exit code is 1
    And the file "r.html" contains "<html lang="nl">"
    And the file "r.html" contains "Nalatenschap"
    And the file "r.html" contains "Binnen welke kaders?"
    And the file "r.html" does not contain "What does it yield?"

  Scenario: The portfolio dashboard of the fixture portfolio
    Given the example initiatives in "examples"
    When I run "idm report examples/portfolio --output board.html --date 2026-11-22"
    Then the exit code is 1
    And the file "board.html" contains "Register of comply-or-explain exceptions"
    And the file "board.html" contains "data-status="expired" data-expires="2026-09-30""
    And the file "board.html" contains "data-status="soon" data-expires="2027-01-15""
    And the file "board.html" contains "POR-003"

  Scenario: A clean initiative gives a passing dashboard
    Given the example initiatives in "examples"
    When I run "idm report examples/clean.yaml --output board.html --date 2026-11-22 --lang nl"
    Then the exit code is 0
    And the file "board.html" contains "Compliancepoort: geslaagd"

  Scenario: A portfolio that does not exist
    Given the example initiatives in "examples"
    When I run "idm report nowhere --output board.html --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "no such file or directory"

  # A domain that no coverage rule in force assesses has no state but "not assessed".
  Scenario: With only a team's own pack, no domain is drawn "covered and clean"
    Given the example initiatives in "examples"
    And a file "own.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: own
      rules:
        - id: ORG-100
          title: {en: Initiative has an owner, nl: Initiatief heeft een eigenaar}
          message: {en: No owner., nl: Geen eigenaar.}
          category: business
          domain: direction
          severity: warning
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    When I run "idm check examples/clean.yaml --rules own.yaml --format html --output r.html --date 2026-11-22"
    Then the exit code is 0
    And the file "r.html" contains "data-domain="legacy" data-state="not_assessed""
    And the file "r.html" does not contain "data-domain="legacy" data-state="clean""
    And the file "r.html" contains "Not assessed: no coverage rule in force"
    When I run "idm dossier examples/clean.yaml --rules own.yaml --output d.html --date 2026-11-22 --lang nl"
    Then the exit code is 0
    And the file "d.html" contains "Niet beoordeeld: geen dekkingsregel van kracht"

  Scenario: A one-file dossier does not pass the portfolio rules: it cannot assess them
    Given the example initiatives in "examples"
    When I run "idm dossier examples/clean.yaml --format markdown --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "| **POR-002** Duplicate initiative id | error | Direction | ? Not judged – portfolio only |"
    And stdout contains "? portfolio rules, not judged – portfolio only: 4"
    When I run "idm dossier examples/clean.yaml --format markdown --date 2026-11-22 --lang nl"
    Then stdout contains "? Niet beoordeeld – alleen in portfoliocontext |"

  # A print holds the overview plus the initiatives ticked "Print" (docs/board-pages.md): on a
  # small page every one is ticked, and the page says so above the attention list.
  Scenario: The dashboard says what a print of it holds
    Given the example initiatives in "examples"
    When I run "idm report examples/portfolio --output board.html --date 2026-11-22 --lang nl"
    Then the exit code is 1
    And the file "board.html" contains "Afdrukken (Ctrl+P) geeft het overzicht en elk initiatief hieronder waarbij ‘Afdrukken’ is aangevinkt"
    And the file "board.html" contains "<input type="checkbox" name="print" value="RIV-2026-005" checked> Afdrukken"
    And the file "board.html" contains "Gemaakt met idm"
