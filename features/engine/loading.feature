Feature: Loading initiative descriptions
  As an architecture board member
  I want every input problem named with file, line, column and field
  So that a bad file is fixed quickly and never hides the results of the good ones

  Background:
    Given a file "good.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-GOOD
      title: Goed beschreven initiatief
      owner: {name: Afdeling Dienstverlening}
      phase: initiation
      legacy: {impact: Betere dienstverlening}
      stakeholders: [{name: Medewerkers, perspective: people}]
      direction: {goals: [{description: Sneller, success_criteria: [doorlooptijd]}]}
      principles: {legislation: [Archiefwet]}
      """

  Scenario: Invalid YAML is reported at its position and the good file is still checked
    Given a file "broken.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: [not closed
      """
    When I run "idm check broken.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      broken.yaml:5:1: error: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: An unknown top-level key, a wrong type and an unknown enum value
    Given a file "bad.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2
      title: Fouten
      phase: startfase
      budgt: {one_off: 10}
      design:
        privacy:
          personal_data: ja
      """
    When I run "idm check bad.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      bad.yaml:5:1: error: phase: 'startfase' is not one of initiation, foundation, improvement, continuous-improvement
      bad.yaml:6:1: error: budgt: unknown field 'budgt' (did you mean 'budget'?)
      bad.yaml:9:5: error: design.privacy.personal_data: expected true or false, found 'ja'
      """
    And stdout contains "INI-GOOD"

  Scenario: A duplicate key is an error, not a silent overwrite
    Given a file "dup.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-3
      title: Dubbel
      owner:
        name: Team A
        name: Team B
      """
    When I run "idm check dup.yaml"
    Then the exit code is 2
    And stderr is exactly:
      """
      dup.yaml:7:3: error: owner.name: duplicate key 'name'
      """

  Scenario: A number where text is expected is read as text
    Given a file "numeric-id.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: 2026
      title: Numeriek id
      """
    When I run "idm check numeric-id.yaml --format json --fail-on never"
    Then the exit code is 0
    And the JSON report lists the initiatives "2026"

  Scenario: Null means the same as absent, so a bare section loads
    Given a file "bare.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-4
      title: Kaal
      legacy:
      design: ~
      """
    When I run "idm check bare.yaml --format json --fail-on never"
    Then the exit code is 0
    And the JSON report has finding COV-001 at "legacy.impact" in "bare.yaml"

  Scenario: A missing file is an input error and the rest is still checked
    When I run "idm check nope.yaml good.yaml"
    Then the exit code is 2
    And stderr is exactly:
      """
      nope.yaml: error: no such file or directory
      """
    And stdout contains "INI-GOOD"

  Scenario: A run that checked nothing never passes
    Given a file "empty/README.txt" with:
      """
      nothing to check here
      """
    When I run "idm check empty"
    Then the exit code is 2
    And stderr is exactly:
      """
      empty: error: no initiative files (*.yaml, *.yml, *.json) in this directory
      """
    And stdout contains "no initiative was checked"

  Scenario: Directories are searched recursively and a file given twice is checked once
    Given a file "portfolio/a/one.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-A
      title: Een
      """
    When I run "idm check portfolio portfolio/a/one.yaml --format json --fail-on never"
    Then the exit code is 0
    And the JSON report lists the initiatives "INI-A"

  Scenario: A v1.1 file with a misspelt field, a wrong enum value and a duration with a time part
    Given a file "v11.yaml" with:
      """
      apiVersion: idm/v1.1
      kind: Initiative
      id: INI-V11
      title: AI en kanalen
      organisation: {name: Gemeente Rivierstad, type: gemeente}
      ai_systems:
        - name: Risicomodel
          risk_class: high
          log_retention: PT12H
      operations:
        channels:
          - {name: Loket, type: website, hsst: true}
      """
    When I run "idm check v11.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      v11.yaml:5:43: error: organisation.type: 'gemeente' is not one of municipality, province, water-board, central-government, independent-administrative-body, flemish-local-government, flemish-government, other
      v11.yaml:9:5: error: ai_systems[0].log_retention: 'PT12H' has a time part (T...); a duration here has only years, months, weeks and days, such as P7Y, P6M or P30D
      v11.yaml:12:36: error: operations.channels[0].hsst: unknown field 'hsst' (did you mean 'hsts'?)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A v1 file and a v1.1 file are read with the same schema
    Given a file "v1-with-new-fields.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-V1
      title: Website met toegankelijkheidsverklaring
      operations:
        channels:
          - name: Loket
            type: website
            https: true
            hsts: true
            accessibility: {statement_url: "https://www.toegankelijkheidsverklaring.nl/register/1", status: A}
      """
    When I run "idm check v1-with-new-fields.yaml --date 2026-11-22 --format json"
    Then the exit code is 1
    And stdout contains "INI-V1"
    And stdout does not contain "LEG-018"
    And stdout does not contain "LEG-019"
