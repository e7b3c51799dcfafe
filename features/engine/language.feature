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

  Scenario: The command line's own errors in Dutch
    Given the example initiatives in "examples"
    When I run "idm check examples/clean.yaml --output examples/clean.yaml --lang nl"
    Then the exit code is 2
    And stderr is exactly:
      """
      examples/clean.yaml: error: --output examples/clean.yaml zou de invoer examples/clean.yaml overschrijven; kies een ander bestand
      """
    When I run "idm check --lang nl"
    Then the exit code is 2
    And stderr contains "idm: geen paden om te controleren: noem ze, of zet ze onder `paths:` in .idm.yaml"
    When I run "idm check examples/clean.yaml --date 2026-13-01 --lang nl"
    Then the exit code is 2
    And stderr contains "'2026-13-01' is geen datum JJJJ-MM-DD"

  Scenario: The same errors in English, as they always were
    Given the example initiatives in "examples"
    When I run "idm check examples/clean.yaml --output examples/clean.yaml"
    Then the exit code is 2
    And stderr is exactly:
      """
      examples/clean.yaml: error: --output examples/clean.yaml would overwrite the input examples/clean.yaml; choose another file
      """

  Scenario: A mistake in a rule pack named in Dutch
    Given a file "i.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-R
      title: Regels
      """
    And a file "extra.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: extra
      rules:
        - id: ORG-001
          title: {en: Purpose, nl: Doel}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          when: {path: design.privacy.purpose, mising: true}
          at: design.privacy.purpose
      """
    When I run "idm check i.yaml --rules extra.yaml --lang nl"
    Then the exit code is 2
    And stderr is exactly:
      """
      extra.yaml:11:42: error: rules[0].when.mising: onbekende operator 'mising' (bedoelde u 'missing'?)
      """
