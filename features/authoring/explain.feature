Feature: Explain a rule
  As a compliance officer
  I want to read a rule in words and see why it fired on an initiative
  So that I can answer a project team without reading YAML conditions

  Scenario: A rule in words
    When I run "idm explain LEG-001"
    Then the exit code is 0
    And stdout contains "LEG-001  Purpose of processing not stated"
    And stdout contains "In one line: design.privacy.personal_data is true AND design.privacy.purpose is missing"
    And stdout contains "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
    And stdout contains "fires on: {design: {privacy: {personal_data: true}}}"

  Scenario: A rule in Dutch
    When I run "idm explain LEG-001 --lang nl"
    Then stdout contains "design.privacy.personal_data is true EN design.privacy.purpose ontbreekt"

  Scenario: Why a rule fired on a real initiative
    Given the example initiatives in "examples"
    When I run "idm explain LEG-006 --initiative examples/with-findings.yaml --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "Result: fired at operations.applications[0].hosting (examples/with-findings.yaml:43)"
    And stdout contains "operations.applications[0]:"
    And stdout contains "item.hosting is 'non-eu'  -> held; value: non-eu"
    And stdout contains "item.hosting is 'non-eu'  -> not held; value: on-premise"

  Scenario: Why a rule did not fire
    Given the example initiatives in "examples"
    When I run "idm explain LEG-001 --initiative examples/clean.yaml --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "Result: did not fire"
    And stdout contains "design.privacy.purpose is missing  -> not held; value: Behandelen van een vergunningaanvraag"

  Scenario: An unknown rule id
    When I run "idm explain LEG-06"
    Then the exit code is 2
    And stderr contains "no rule with this id (did you mean LEG-016, LEG-006"
