Feature: Comply or explain
  As a compliance officer
  I want approved, time-boxed exceptions to waive a finding without hiding it
  So that the gate passes on explained deviations and fails again when they expire

  Scenario Outline: Only a complete, unexpired exception for a known rule waives
    Given a file "i.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-W
      title: Uitzondering
      owner: {name: Team}
      phase: initiation
      legacy: {impact: Waarde}
      stakeholders: [{name: Medewerkers, perspective: people}]
      direction:
        goals: [{description: Doel, success_criteria: [meting]}]
      design:
        privacy: {personal_data: true, purpose: Dienstverlening, legal_basis: public-task, retention: P1Y}
      operations:
        applications: [{name: Portaal, sourcing: custom, hosting: non-eu}]
      principles:
        legislation: [AVG]
        exceptions:
          - rule: LEG-006
            justification: <justification>
            approved_by: CIO
            expires: <expires>
      """
    When I run "idm check i.yaml --date 2026-11-22"
    Then the exit code is <exit>
    And stdout contains "<marker>"

    Examples:
      | justification           | expires    | exit | marker                                    |
      | Adequaatheidsbesluit VS | 2026-11-22 | 0    | [waived until 22 November 2026: Adequaatheidsbesluit VS] |
      | Adequaatheidsbesluit VS | 2026-11-21 | 1    | EXC-002 principles.exceptions[0].expires  |
      | ~                       | 2027-01-01 | 1    | EXC-001 principles.exceptions[0]          |
