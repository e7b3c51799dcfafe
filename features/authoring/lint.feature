Feature: Lint rule packs
  As a compliance officer
  I want every mistake in my rule file reported with its line and column
  So that a rule never silently checks the wrong field

  Background:
    Given a file "pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: my-pack
      rules:
        - id: LEG-101
          title: {en: Purpose missing, nl: Doel ontbreekt}
          message: {en: "No purpose: {value}", nl: "Geen doel: {value}"}
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
            fail: [{design: {privacy: {personal_data: true}}}]
            pass: [{}]
      """

  Scenario: A clean pack passes
    When I run "idm rules lint pack.yaml"
    Then the exit code is 0
    And stdout contains "0 errors, 0 warnings in 1 rule of 1 file"

  Scenario: A typo in a field path is caught with its line number and a suggestion
    Given a file "typo.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: typo
      rules:
        - id: LEG-102
          title: {en: Purpose missing, nl: Doel ontbreekt}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          rationale: {en: Purpose limitation., nl: Doelbinding.}
          remediation: {en: State the purpose., nl: Leg het doel vast.}
          when: {path: design.privacy.purpse, missing: true}
          at: design.privacy.purpose
      """
    When I run "idm rules lint typo.yaml"
    Then the exit code is 1
    And stdout contains "typo.yaml:13:12: error: rules[0].when.path: unknown field 'purpse' in path 'design.privacy.purpse' (did you mean 'design.privacy.purpose'?)"
    And stdout contains "1 error,"

  Scenario: Missing Dutch text and a placeholder the rule cannot fill
    Given a file "texts.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: texts
      rules:
        - id: BUS-101
          title: {en: No owner}
          message: {en: "Owner missing ({others})", nl: "Eigenaar ontbreekt ({others})"}
          category: business
          domain: direction
          severity: warning
          rationale: {en: Ownership., nl: Eigenaarschap.}
          remediation: {en: Name an owner., nl: Noem een eigenaar.}
          when: {path: owner.name, missing: true}
          at: owner.name
          examples: {fail: [{}], pass: [{owner: {name: X}}]}
      """
    When I run "idm rules lint texts.yaml"
    Then the exit code is 1
    And stdout contains "texts.yaml:6:5: warning: rules[0].title: rule BUS-101 has no title in nl: reports in nl show the English text"
    And stdout contains "error: rules[0].message.en: placeholder {others} cannot be filled by this rule"

  Scenario: A reference without a title
    Given a file "refs.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: refs
      rules:
        - id: BUS-102
          title: {en: No owner, nl: Geen eigenaar}
          message: {en: Owner missing., nl: Eigenaar ontbreekt.}
          category: business
          domain: direction
          severity: warning
          references:
            - {url: "https://example.org/law"}
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    When I run "idm rules lint refs.yaml"
    Then the exit code is 1
    And stdout contains "refs.yaml:12:9: error: rules[0].references[0]: required field 'title' is missing"

  Scenario: A numeric comparison on a text field and a regex on a number
    Given a file "types.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: types
      rules:
        - id: TEC-101
          title: {en: T, nl: T}
          message: {en: M, nl: M}
          category: technology
          domain: design
          severity: info
          rationale: {en: R, nl: R}
          remediation: {en: R, nl: R}
          when: {path: title, gt: 3}
          at: title
        - id: TEC-102
          title: {en: T, nl: T}
          message: {en: M, nl: M}
          category: technology
          domain: design
          severity: info
          rationale: {en: R, nl: R}
          remediation: {en: R, nl: R}
          when: {path: budget.one_off, matches: "^1"}
          at: budget.one_off
      """
    When I run "idm rules lint types.yaml"
    Then the exit code is 1
    And stdout contains "gt: a numeric comparison needs a number field, but title is text"
    And stdout contains "a regular expression applies to text, but budget.one_off is a number"

  Scenario: The same rule id in two packs
    Given a file "copy.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: copy
      rules:
        - id: LEG-101
          title: {en: Purpose missing, nl: Doel ontbreekt}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          when: {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
      """
    When I run "idm rules lint pack.yaml copy.yaml"
    Then the exit code is 1
    And stdout contains "duplicate rule id 'LEG-101' (also in"

  Scenario: A file that is not YAML is unusable input
    Given a file "broken.yaml" with:
      """
      rules: [unclosed
      """
    When I run "idm rules lint broken.yaml"
    Then the exit code is 2
    And stderr contains "broken.yaml:2:1: error: invalid YAML"
    And there is no traceback

  Scenario: A missing file is unusable input
    When I run "idm rules lint nowhere.yaml"
    Then the exit code is 2
    And stderr contains "nowhere.yaml: error: no such file"

  Scenario: The bundled pack is clean
    When I run "idm rules lint"
    Then the exit code is 0
