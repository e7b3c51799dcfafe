Feature: Obligations the format has no field for, checked on fields a pack declares
  As a compliance officer of a Dutch public body
  I want my pack to declare the fields its rules read and its terms as parameters
  So that continuity, the Cyberbeveiligingswet, the Woo and accessibility statements are checked
  on real values instead of keywords guessed from free text

  Background:
    Given the example initiatives in "ex"
    And a file "initiatives/loket.yaml" with:
      """
      apiVersion: idm/v1.1
      kind: Initiative
      id: INI-2026-201
      title: Digitaal vergunningenloket
      design:
        security:
          classification: {confidentiality: 2, integrity: 2, availability: 2}
          continuity: {restore_tested: 2025-09-14}
      operations:
        channels:
          - name: Vergunningenloket
            type: website
            accessibility: {status: B, statement_date: 2025-06-20}
        woo_publication:
          - {object: Omgevingsvergunning, category: beschikkingen, term: P2W}
          - {object: Adviesrapport welstand, category: adviezen, term: P6W}
      cbw: {entity: essential, registered: true, board_training: 2026-02-10}
      """

  Scenario: The example pack finds what each obligation asks, at the declared field
    When I run "idm check initiatives --rules ex/packs/overheidsverplichtingen --date 2026-12-01 --lang nl"
    Then the exit code is 1
    And stdout contains "initiatives/loket.yaml:8:18: fout OBL-001 design.security.continuity.restore_tested: De laatste geslaagde hersteltest van het continuïteitsplan, 14 september 2025, ontbreekt of is ouder dan P1Y"
    And stdout contains "waarschuwing OBL-005 operations.channels[0].accessibility.statement_date: De datum van de toegankelijkheidsverklaring van 'Vergunningenloket', 20 juni 2025, ontbreekt of is ouder dan P1Y."
    And stdout contains "waarschuwing OBL-004 operations.woo_publication[1].term: De publicatietermijn van informatieobject 'Adviesrapport welstand' (adviezen), P6W, ontbreekt of is langer dan P4W."
    And stdout does not contain "OBL-002"
    And stdout does not contain "OBL-003"

  Scenario: A project sets the terms, and the rules and their messages follow
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      rules: [ex/packs/overheidsverplichtingen]
      params:
        overheidsverplichtingen.max_publication_term: P6W
        overheidsverplichtingen.restore_test_interval: P2Y
      """
    When I run "idm check --date 2026-12-01"
    Then the exit code is 0
    And stdout does not contain "OBL-004"
    And stdout does not contain "OBL-001"
    And stdout contains "The date of the accessibility statement of 'Vergunningenloket', 20 June 2025, is missing or older than P1Y."

  Scenario: Without the pack the declared fields are unknown, as the format says
    When I run "idm check initiatives --date 2026-12-01"
    Then the exit code is 2
    And stderr contains "initiatives/loket.yaml:8:5: error: design.security.continuity: unknown field 'continuity'"

  Scenario: A directory that holds a pack beside initiatives checks only the initiatives
    When I run "idm check ex --date 2026-12-01"
    Then stderr does not contain "pack.yaml"
    And stderr does not contain "verplichtingen.yaml"
    And stdout contains "0 input errors"

  Scenario: The pack's own examples, test cases and Dutch scenarios pass
    When I run "idm rules lint ex/packs/overheidsverplichtingen"
    Then the exit code is 0
    When I run "idm rules test ex/packs/overheidsverplichtingen"
    Then the exit code is 0
    And stdout contains "0 failed"
