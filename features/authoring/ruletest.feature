Feature: Test rules with their examples and test files
  As a compliance officer
  I want each rule's examples run against the engine
  So that I know the rule fires where it should and nowhere else

  Background:
    Given a file "pack/privacy.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: privacy
      rules:
        - id: LEG-101
          title: {en: Purpose missing, nl: Doel ontbreekt}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          rationale: {en: Purpose limitation., nl: Doelbinding.}
          remediation: {en: State the purpose., nl: Leg het doel vast.}
          when:
            all:
              - {path: design.privacy.personal_data, equals: true}
              - {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
          examples:
            fail:
              - design: {privacy: {personal_data: true}}
            pass:
              - design: {privacy: {personal_data: true, purpose: Vergunning}}
              - design: {privacy: {purpose: Vergunning}}
      """

  Scenario: Every example behaves as written
    When I run "idm rules test pack"
    Then the exit code is 0
    And stdout contains "3 passed, 0 failed"

  Scenario: A test case that fails shows what fired and what was expected
    Given a file "pack/privacy_test.yaml" with:
      """
      apiVersion: idm/v1
      kind: RuleTests
      date: 2026-11-22
      cases:
        - name: personal data without a purpose
          initiatives:
            - {id: A, design: {privacy: {personal_data: true}}}
          expect: []
      """
    When I run "idm rules test pack"
    Then the exit code is 1
    And stdout contains "FAIL pack/privacy_test.yaml:5:5: personal data without a purpose"
    And stdout contains "expected not to fire: LEG-101"
    And stdout contains "fired: LEG-101"
    And stdout contains "3 passed, 1 failed"

  Scenario: A wrong example points at its line
    Given a file "pack/privacy.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: privacy
      rules:
        - id: LEG-101
          title: {en: Purpose missing, nl: Doel ontbreekt}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          when: {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
          examples:
            fail:
              - design: {privacy: {purpose: Vergunning}}
      """
    When I run "idm rules test pack"
    Then the exit code is 1
    And stdout contains "FAIL pack/privacy.yaml:15:11: LEG-101 examples.fail[0]"
    And stdout contains "expected to fire: LEG-101"
    And stdout contains "fired: nothing"
    And stdout contains "0 passed, 1 failed"

  Scenario: A test file naming an unknown rule is unusable
    Given a file "pack/privacy_test.yaml" with:
      """
      apiVersion: idm/v1
      kind: RuleTests
      cases:
        - name: typo in an id
          initiatives: [{}]
          expect: [LEG-110]
      """
    When I run "idm rules test pack"
    Then the exit code is 2
    And stderr contains "pack/privacy_test.yaml:6:14: error: cases[0].expect[0]: unknown rule id 'LEG-110'"

  Scenario: The bundled pack passes its own examples and test cases
    When I run "idm rules test"
    Then the exit code is 0
    And stdout contains " passed, 0 failed"
