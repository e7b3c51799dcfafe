Feature: Living specifications of one's own pack
  As a compliance officer who writes a rule pack for my organisation
  I want to write Gherkin scenarios for my rules, in Dutch or English, and run them with idm
  So that the specification of my rules is tested, and I see which conditions no case exercises

  Background:
    Given a file "architectuur/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: architectuur
      version: 1.0.0
      title: {en: Architecture principles, nl: Architectuurprincipes}
      """
    And a file "architectuur/rules/principes.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      rules:
        - id: ARC-P01
          title: {en: No architect named, nl: Geen architect genoemd}
          severity: warning
          category: technology
          domain: design
          rationale: {en: Someone answers for the design., nl: Iemand staat voor het ontwerp.}
          remediation: {en: Name the architect., nl: Noem de architect.}
          message: {en: "No architect is named.", nl: "Er is geen architect genoemd."}
          when:
            all:
              - {path: phase, in: [foundation, improvement]}
              - {path: design.governance.accountable, missing: true}
          at: design.governance.accountable
      """
    And a file "architectuur/features/architect.feature" with:
      """
      # language: nl
      Functionaliteit: Architect (ARC-P01)
        Scenario: ARC-P01 meldt een ontwerp zonder architect
          Gegeven een initiatief met:
            \"\"\"yaml
            phase: foundation
            \"\"\"
          Als ik het initiatief controleer
          Dan vuurt regel ARC-P01 op "design.governance.accountable"
          En bevat de melding van regel ARC-P01 "architect"

        Scenario: ARC-P01 vuurt niet als de architect genoemd is
          Gegeven een initiatief met:
            \"\"\"yaml
            phase: foundation
            design: {governance: {accountable: J. Jansen}}
            \"\"\"
          Als ik het initiatief controleer
          Dan vuurt regel ARC-P01 niet
      """

  Scenario: The Dutch scenarios of a pack outside idm run with idm rules test
    When I run "idm rules test architectuur"
    Then the exit code is 0
    And stdout contains "2 passed, 0 failed"
    And the file "architectuur/.pytest_cache" does not exist
    And the file "architectuur/features/__pycache__" does not exist

  Scenario: Scenarios in English run from a folder given with --features
    Given a file "specs/architect.feature" with:
      """
      Feature: Architect
        Scenario: ARC-P01 is quiet before the design phase
          Given an initiative with:
            \"\"\"yaml
            phase: initiation
            \"\"\"
          When I check the initiative
          Then rule ARC-P01 does not fire
      """
    When I run "idm rules test architectuur --features specs"
    Then the exit code is 0
    And stdout contains "3 passed, 0 failed"

  Scenario: A scenario that expects another rule fails with its file and line
    Given a file "architectuur/features/verkeerd.feature" with:
      """
      # language: nl
      Functionaliteit: Verkeerd
        Scenario: ARC-P01 vuurt niet bij een idee
          Gegeven een initiatief met:
            \"\"\"yaml
            phase: foundation
            \"\"\"
          Als ik het initiatief controleer
          Dan vuurt regel ARC-P01 niet
      """
    When I run "idm rules test architectuur"
    Then the exit code is 1
    And stdout contains "FAIL architectuur/features/verkeerd.feature:3: ARC-P01 vuurt niet bij een idee"
    And stdout contains "step architectuur/features/verkeerd.feature:9: Dan vuurt regel ARC-P01 niet"
    And stdout contains "expected ARC-P01 not to fire"
    And stdout contains "fired: ARC-P01@design.governance.accountable"
    And stdout contains "2 passed, 1 failed"

  Scenario: A scenario naming a rule no pack defines is an error, not a pass
    Given a file "architectuur/features/onbekend.feature" with:
      """
      # language: nl
      Functionaliteit: Onbekend
        Scenario: een regel die niet bestaat
          Gegeven een initiatief met:
            \"\"\"yaml
            phase: foundation
            \"\"\"
          Als ik het initiatief controleer
          Dan vuurt regel ARC-P99 niet
      """
    When I run "idm rules test architectuur"
    Then the exit code is 2
    And stdout contains "ERROR architectuur/features/onbekend.feature:3: een regel die niet bestaat"
    And stdout contains "unknown rule ARC-P99: no loaded pack defines it"

  Scenario: A step that the step library does not know is an error
    Given a file "architectuur/features/stap.feature" with:
      """
      # language: nl
      Functionaliteit: Stap
        Scenario: een stap die niet bestaat
          Gegeven een initiatief met een architect
      """
    When I run "idm rules test architectuur"
    Then the exit code is 2
    And stdout contains "no step of the step library matches Gegeven een initiatief met een architect"

  Scenario: A coverage threshold of 100 fails and names the leaf and the rule no case fires
    Given a file "architectuur/rules/extra.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      rules:
        - id: ARC-P02
          title: {en: No repository, nl: Geen repository}
          severity: info
          category: technology
          domain: design
          rationale: {en: Code is shared., nl: Code wordt gedeeld.}
          remediation: {en: Name the repository., nl: Noem de repository.}
          message: {en: "No repository.", nl: "Geen repository."}
          when: {path: design.governance.decision_body, present: true}
          at: design.governance.decision_body
      """
    When I run "idm rules test architectuur --threshold 100"
    Then the exit code is 1
    And stdout contains "coverage is below the threshold of 100%; not covered:"
    And stdout contains "architectuur/rules/extra.yaml:4:5 ARC-P02 (fires) (never true)"
    And stdout contains "architectuur/rules/principes.yaml:14:11 ARC-P01 when.all[0] (never false)"
    And stdout contains "ARC-P02         0.0%"

  Scenario: Coverage of a pack whose cases exercise every condition
    When I run "idm rules test architectuur --features architectuur --coverage --threshold 50 --format json"
    Then the exit code is 0
    And stdout contains "66.6"

  Scenario: idm rules init makes a pack that passes lint and test as it is
    When I run "idm rules init mijn-pakket"
    Then the exit code is 0
    When I run "idm rules lint mijn-pakket"
    Then the exit code is 0
    And stdout contains "0 errors, 0 warnings"
    When I run "idm rules test mijn-pakket --coverage --threshold 100"
    Then the exit code is 0
    And stdout contains "6 passed, 0 failed"

  Scenario: idm rules init writes over nothing
    When I run "idm rules init architectuur"
    Then the exit code is 2
    And stderr is exactly:
      """
      architectuur: error: exists already: idm rules init makes a new folder and writes over nothing
      """
