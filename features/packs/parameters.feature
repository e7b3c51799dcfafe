Feature: A threshold the law sets is a parameter of the pack, set per project
  As a compliance officer of a municipality
  I want a pack's thresholds (a transfer term) declared once with a default and set in our project
  So that the rules follow our term without copying them, and every listing shows the value in force

  Background:
    Given a file "archive/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: our-archive
      version: 1.0.0
      params:
        archive_transfer_term:
          type: duration
          default: P20Y
          description: {en: Term after which records move to an archive, nl: Overbrengingstermijn}
      """
    And a file "archive/transfer.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      rules:
        - id: ARC-001
          title: {en: Transferred late, nl: Laat overgebracht}
          severity: error
          category: information
          domain: design
          message: {en: "'{item.object}' moves after {item.term}", nl: "'{item.object}' gaat na {item.term}"}
          for_each: design.records.retention
          when:
            all:
              - {path: item.action, equals: transfer}
              - {path: item.term, gt: {param: archive_transfer_term}}
          at: item.term
      """
    And a file "initiatives/records.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Vergunningen
      design:
        records:
          retention:
            - {object: Vergunningdossier, term: P15Y, action: transfer}
      """

  Scenario: The pack's default is in force without a project value
    When I run "idm check initiatives --rules archive --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "no findings"

  Scenario: A project sets the parameter, and the rule follows its value
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      rules: [archive]
      params:
        our-archive.archive_transfer_term: P10Y
      """
    When I run "idm check --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "'Vergunningdossier' moves after P15Y"
    When I run "idm rules list --params"
    Then the exit code is 0
    And stdout contains "our-archive.archive_transfer_term  duration  P10Y   P20Y     project  Term after which records move to an archive"
    When I run "idm dossier initiatives/records.yaml --format markdown --date 2026-11-22"
    Then stdout contains "- `our-archive.archive_transfer_term`: P10Y, set by the project file (the pack's default: P20Y)"

  Scenario: A value of the wrong type is refused at its line
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      rules: [archive]
      params:
        our-archive.archive_transfer_term: ten years
      """
    When I run "idm check --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      idm: using project file .idm.yaml
      .idm.yaml:4:3: error: params.our-archive.archive_transfer_term: parameter our-archive.archive_transfer_term is a duration such as P10Y, found 'ten years'
      """

  Scenario: explain names the parameter with its value
    When I run "idm explain ARC-001 --rules archive"
    Then stdout contains "item.term is greater than 'P20Y' (parameter archive_transfer_term = 'P20Y')"
