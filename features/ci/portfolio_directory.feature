Feature: Every file in a checked directory is an initiative, or provably something else
  As a compliance officer relying on a whole-portfolio gate
  I want a file in the portfolio directory to be checked unless it really is a rule pack
  So that no initiative escapes the gate by changing its kind

  Background:
    Given a file "portfolio/a.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-A
      title: A
      phase: initiation
      """

  Scenario: An initiative whose kind was changed to RulePack is an input error, not skipped
    Given a file "portfolio/b.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      id: INI-B
      title: B
      phase: initiation
      """
    When I run "idm check portfolio --date 2026-11-22 --jobs 1 --fail-on never"
    Then the exit code is 2
    And stderr contains "portfolio/b.yaml:3:1: error: id: unknown field 'id'"

  Scenario: A well-formed rule pack beside the initiatives is left out
    Given a file "portfolio/org-rules.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: org
      rules:
        - id: ORG-004
          title: {en: Sponsor, nl: Sponsor}
          message: {en: No sponsor named., nl: Geen sponsor genoemd.}
          category: business
          domain: direction
          severity: error
          when: {path: direction.organisation_and_people.sponsor, missing: true}
          at: direction.organisation_and_people.sponsor
      """
    When I run "idm check portfolio --date 2026-11-22 --jobs 1 --fail-on never"
    Then the exit code is 0
    And stdout contains "PASS: 1 initiative,"

  Scenario: A file posing as rule tests without cases is an input error
    Given a file "portfolio/c.yaml" with:
      """
      apiVersion: idm/v1
      kind: RuleTests
      id: INI-C
      title: C
      """
    When I run "idm check portfolio --date 2026-11-22 --jobs 1 --fail-on never"
    Then the exit code is 2
    And stderr contains "portfolio/c.yaml:3:1: error: id: unknown field 'id' in a RuleTests document"
