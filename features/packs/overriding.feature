Feature: A project changes a rule's severity or switches it off, with a recorded reason
  As the architecture board of a municipality
  I want to lower or switch off a rule of an adopted pack with our reason and approval
  So that our gate follows our decision and every report shows that decision

  Background:
    Given a file "initiatives/loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Digitaal loket
      phase: initiation
      """

  Scenario: A lowered rule has its new severity and the pack's in every finding, and a reason
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      overrides:
        BUS-001:
          severity: info
          reason: "Owners are appointed in the project start; ticket 1234"
          approved_by: "Architectuurboard 2026-11-12"
      """
    When I run "idm check --format json --date 2026-11-22"
    Then the exit code is 1
    And the JSON report has finding BUS-001 with severity info instead of error
    And the JSON report lists the override of BUS-001 with reason "Owners are appointed in the project start; ticket 1234"

  Scenario: A rule switched off is not evaluated
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      overrides:
        BUS-001:
          enabled: false
          reason: "Owners are appointed in the project start"
          approved_by: "Architectuurboard 2026-11-12"
      """
    When I run "idm check --format json --date 2026-11-22"
    Then the JSON report has no finding BUS-001

  Scenario: An override after its until date lapses, and the run says so
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      overrides:
        BUS-001:
          enabled: false
          reason: "Owners are appointed in the project start"
          approved_by: "Architectuurboard 2026-11-12"
          until: 2026-06-30
      """
    When I run "idm check --format json --date 2026-11-22"
    Then the JSON report has finding BUS-001 at "owner.name" in "initiatives/loket.yaml"
    And the JSON report has a portfolio finding BUS-001 at "overrides.BUS-001" of severity warning

  Scenario Outline: An override the project may not make is refused in one line
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      overrides:
        <rule>:
          <change>
          <reason>
          approved_by: "Architectuurboard 2026-11-12"
      """
    When I run "idm check --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      idm: using project file .idm.yaml
      <error>
      """

    Examples:
      | rule    | change         | reason                | error |
      | BUS-999 | severity: info | reason: "Not for us"  | .idm.yaml:3:3: error: overrides.BUS-999: override of rule 'BUS-999', which no loaded pack defines |
      | BUS-001 | severity: info | enabled: true         | .idm.yaml:3:3: error: overrides.BUS-001: required field 'reason' is missing |
      | EXC-001 | enabled: false | reason: "Not for us"  | .idm.yaml:3:3: error: overrides.EXC-001: rule EXC-001 is marked waivable: false; it cannot be switched off or lowered |

  Scenario: A project sets a parameter a pack's rule declares
    Given the example initiatives in "examples"
    And a file ".idm.yaml" with:
      """
      paths: [examples/portfolio]
      params:
        idm-default-portfolio.horizon_years: 6
      """
    When I run "idm check --date 2026-11-22"
    Then stdout contains "over 6 years that is more than their one-off investments"

  Scenario: A parameter of the wrong type or that no rule declares is refused
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      params:
        idm-default-portfolio.horizon_years: "six"
        idm-default-portfolio.horizon: 6
      """
    When I run "idm check --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      idm: using project file .idm.yaml
      .idm.yaml:4:3: error: params.idm-default-portfolio.horizon: no loaded pack 'idm-default-portfolio' declares parameter 'horizon'
      .idm.yaml:3:3: error: params.idm-default-portfolio.horizon_years: parameter idm-default-portfolio.horizon_years takes a number, found 'six'
      """
