Feature: Export to the Algoritmeregister
  As an organisation that publishes its algorithms
  I want idm to turn the AI systems of my initiatives into registrations in the register's publication standard
  So that what the board reviewed is what the public reads, and a registration the register would refuse never leaves

  Background:
    Given a file "ini/parkeren.yaml" with:
      """
      apiVersion: idm/v1.2
      kind: Initiative
      id: P-1
      title: Parkeercontrole
      phase: improvement
      organisation: {name: Gemeente Rivierstad}
      ai_systems:
        - name: Parkeerscan
          purpose: Dit algoritme controleert of een geparkeerde auto een parkeerrecht heeft.
          impactful: true
          status: in-use
          in_use_since: 2025-04
          contact: algoritmes@rivierstad.nl
          themes: [Verkeer]
        - name: Risicoscore
          purpose: Voorspellen welke aanvragen extra controle nodig hebben.
          risk_class: high
          status: in-development
        - name: Sociale score
          purpose: Een score per huishouden.
          risk_class: prohibited
          status: in-use
          contact: algoritmes@rivierstad.nl
        - name: Tekstherkenning
          purpose: Formulieren inlezen.
          risk_class: minimal
      """

  Scenario: Only the systems that pass the checks before publishing are written, with the reasons for the others
    When I run "idm export algoritmeregister ini --output registraties.json --date 2026-11-22"
    Then the exit code is 1
    And the file "registraties.json" contains ""status": "In gebruik""
    And the file "registraties.json" contains ""publication_category": "Impactvolle algoritmes""
    And the file "registraties.json" does not contain "Risicoscore"
    And the file "registraties.json" does not contain "Sociale score"
    And stderr contains "ai_systems[1] 'Risicoscore' is not exported:"
    And stderr contains "ALG-001 ai_systems[1].contact"
    And stderr contains "fill ai_systems[1].contact."
    And stderr contains "ALG-009 ai_systems[2].risk_class"
    And stderr contains "ai_systems[3] 'Tekstherkenning' is not exported:"
    And stderr contains "status (Status) is required by the standard: fill ai_systems[3].status"
    And stderr contains "registrations: 1, systems left out: 3"
    And there is no traceback

  Scenario: The same inputs give the same bytes, as JSON and as CSV
    When I run "idm export algoritmeregister ini --output a.csv --format csv --date 2026-11-22"
    And I run "idm export algoritmeregister ini --output b.csv --format csv --date 2026-11-22"
    Then the files "a.csv" and "b.csv" are identical
    And the file "a.csv" contains "name,description_short,organization,category,status"
    And the file "a.csv" contains "Parkeerscan,Dit algoritme controleert"

  Scenario: Messages in Dutch, records in Dutch either way
    When I run "idm export algoritmeregister ini --output r.json --lang nl --date 2026-11-22"
    Then the exit code is 1
    And stderr contains "'Risicoscore' wordt niet geëxporteerd:"
    And stderr contains "vul ai_systems[1].contact."
    And stderr contains "status (Status) is verplicht volgens de standaard: vul ai_systems[3].status"
    And the file "r.json" contains ""lang": "nld""

  Scenario: The export never writes over an input
    When I run "idm export algoritmeregister ini --output ini/parkeren.yaml"
    Then the exit code is 2
    And the file "ini/parkeren.yaml" contains "kind: Initiative"
