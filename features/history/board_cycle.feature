Feature: The board's loop: review, decide with conditions, re-check, close
  As the secretary of an architecture board
  I want the board's decision and its conditions kept beside the initiative and checked at every run
  So that the next review sees which conditions were met, which are due and which lapsed

  Background:
    Given a file "initiatives/vergunningen.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-021
      title: Zaaksysteem vergunningen
      phase: foundation
      owner: {name: Afdeling Vergunningen}
      design:
        privacy: {personal_data: true, dpia: {status: planned}}
      """
    And a file ".idm.yaml" with:
      """
      paths: [initiatives]
      """

  Scenario: Review, decide with conditions, re-check and close
    # Review: the dossier of the initiative, with a blank decision block.
    When I run "idm dossier initiatives/vergunningen.yaml --date 2026-09-01 --format markdown"
    Then the exit code is 0
    And stdout contains "- [ ] approve with conditions"
    And stdout contains "- [ ] defer / refer back"
    # Decide: the board approves with two conditions, kept as a decision file.
    Given a file "decisions/bes-2026-031.yaml" with:
      """
      apiVersion: idm/v1
      kind: Decision
      id: BES-2026-031
      initiative: INI-2026-021
      date: 2026-09-15
      body: Architectuurboard
      outcome: approved-with-conditions
      phase: foundation
      members: [M. de Vries (voorzitter), J. Jansen (secretaris)]
      conditions:
        - id: V1
          text: Doelbinding vastleggen
          due: 2026-12-01
          rule: LEG-001
        - id: V2
          text: DPIA afronden
          due: 2026-12-15
          path: design.privacy.dpia.status
          equals: done
      """
    And a file ".idm.yaml" with:
      """
      paths: [initiatives]
      decisions: [decisions]
      """
    When I run "idm dossier initiatives/vergunningen.yaml --decision decisions/bes-2026-031.yaml --date 2026-09-15 --format markdown"
    Then the exit code is 0
    And stdout contains "- [x] approved with conditions"
    # Re-check: a month before V1 is due nothing is reported on the decision ...
    When I run "idm check --date 2026-10-15 --format json --record=history.sqlite"
    Then "decisions/bes-2026-031.yaml" has no finding DEC-001 in the JSON report
    And the JSON report has no finding DEC-003
    # ... two weeks before, both conditions are due soon ...
    When I run "idm check --date 2026-11-20 --format json --record=history.sqlite"
    Then the JSON report has finding DEC-003 at "conditions[0].due" in "decisions/bes-2026-031.yaml"
    And the JSON report has finding DEC-003 at "conditions[1].due" in "decisions/bes-2026-031.yaml"
    # ... and after V1's date, unmet, it is an error the gate fails on.
    When I run "idm decisions --date 2026-12-02"
    Then the exit code is 0
    And stdout contains "overdue   2026-12-01  BES-2026-031  INI-2026-021  V1"
    When I run "idm check --date 2026-12-02 --format json --record=history.sqlite"
    Then the exit code is 1
    And the JSON report has finding DEC-001 at "conditions[0].due" in "decisions/bes-2026-031.yaml"
    # Close: the team states the purpose and completes the DPIA; both conditions are met.
    Given in "initiatives/vergunningen.yaml" "dpia: {status: planned}" is replaced by "dpia: {status: done}, purpose: Behandelen van vergunningaanvragen"
    When I run "idm check --date 2026-12-20 --format json --record=history.sqlite"
    Then the JSON report has finding DEC-002 at "conditions[0]" in "decisions/bes-2026-031.yaml"
    And the JSON report has finding DEC-002 at "conditions[1]" in "decisions/bes-2026-031.yaml"
    And the JSON report has no finding DEC-001
    When I run "idm history INI-2026-021 --db history.sqlite"
    Then the exit code is 0
    And stdout contains "run 3 (2026-12-02):   V1 overdue (due 2026-12-01)"
    And stdout contains "run 4 (2026-12-20):   V1 met (due 2026-12-01)"
    And stdout contains "run 4 (2026-12-20):   V2 met (due 2026-12-15)"
    # The next review's dossier names its run and what changed since the review before.
    When I run "idm dossier initiatives/vergunningen.yaml --db history.sqlite --date 2026-12-20 --format markdown"
    Then the exit code is 0
    And stdout contains "- **History run**: 4"
    And stdout contains "- **Since the last review**: compared with run 3 (evaluation date 2 December 2026): 2 findings added, 3 resolved"
    And stdout contains "  - Added: DEC-002 (conditions[0]), DEC-002 (conditions[1])"
    And stdout contains "  - Resolved: DEC-001 (conditions[0].due), DEC-003 (conditions[1].due), LEG-001 (design.privacy.purpose)"

  Scenario: A board sets a maximum term on exceptions; a longer one waives nothing
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      params:
        idm-default.max_exception_term: P2Y
      """
    And a file "initiatives/vergunningen.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-021
      title: Zaaksysteem vergunningen
      design:
        privacy:
          personal_data: true
      principles:
        exceptions:
          - rule: LEG-001
            justification: Doel volgt na de pilot
            approved_by: Architectuurboard
            expires: 2029-06-30
      """
    When I run "idm check --date 2026-11-22 --format json"
    Then the JSON report has finding EXC-007 at "principles.exceptions[0].expires" in "initiatives/vergunningen.yaml"
    When I run "idm exceptions --date 2026-11-22"
    Then stdout contains "term too long"

  Scenario: A decision file with a mistake is one line at its place, and the other files still count
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      decisions: [decisions]
      """
    And a file "decisions/bes-2026-032.yaml" with:
      """
      apiVersion: idm/v1
      kind: Decision
      id: BES-2026-032
      initiative: INI-2026-021
      date: 2026-09-15
      body: Architectuurboard
      outcome: approved-with-conditions
      conditions:
        - {id: V1, text: DPIA afronden, due: 2026-12-15, path: design.privacy.dpia.stat, equals: done}
      """
    When I run "idm check --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "decisions/bes-2026-032.yaml:9:52: error: conditions[0].path: unknown field 'stat'"
    And stdout contains "INI-2026-021"
