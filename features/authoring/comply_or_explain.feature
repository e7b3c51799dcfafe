Feature: Comply or explain, audited
  As an architecture board
  I want exceptions that waive nothing reported, an audit view without waivers, and the exception register
  So that the register stays current and every deviation is accounted for

  Background:
    Given a file "ini/loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-050
      title: Digitaal loket
      design:
        privacy: {personal_data: true}
      principles:
        exceptions:
          - {rule: LEG-001, justification: Doel volgt na de pilot, approved_by: Architectuurboard, expires: 2027-06-30}
          - {rule: TEC-001, justification: Geen SaaS meer, approved_by: CIO, expires: 2027-06-30}
          - {rule: POR-003, justification: Budget aanvaard, approved_by: CIO, expires: 2027-06-30}
          - {rule: LEG-002, justification: Grondslag volgt}
      """

  Scenario: An exception whose rule no longer fires is stale (EXC-005)
    When I run "idm check ini/loket.yaml --date 2026-11-22"
    Then stdout contains "info EXC-005 principles.exceptions[1]: This comply-or-explain exception for TEC-001 waives no finding on this initiative: remove it or keep it on purpose."
    And stdout contains "[waived until 30 June 2027: Doel volgt na de pilot]"
    And stdout does not contain "EXC-005 principles.exceptions[0]"

  Scenario: An exception on a rule that cannot be waived (EXC-004), in Dutch
    When I run "idm check ini/loket.yaml --date 2026-11-22 --lang nl"
    Then stdout contains "fout EXC-004 principles.exceptions[2].rule: Deze uitzondering (pas toe of leg uit) noemt regel POR-003, die met geen uitzondering kan worden uitgezonderd"

  Scenario: An audit reports every finding as if no exception existed
    When I run "idm check ini/loket.yaml --date 2026-11-22 --no-waivers --format json"
    Then the JSON report has finding LEG-001 at "design.privacy.purpose" of "INI-2026-050" not waived
    And the JSON report has finding EXC-005 at "principles.exceptions[1]" of "INI-2026-050" not waived
    When I run "idm check ini/loket.yaml --date 2026-11-22 --format json"
    Then the JSON report has finding LEG-001 at "design.privacy.purpose" of "INI-2026-050" waived

  Scenario: The exception register as a table, as CSV in Dutch and as JSON
    When I run "idm exceptions ini/ --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "INI-2026-050  0      LEG-001  active"
    And stdout contains "INI-2026-050  1      TEC-001  stale (waives nothing)"
    And stdout contains "INI-2026-050  2      POR-003  rule not waivable"
    And stdout contains "INI-2026-050  3      LEG-002  incomplete"
    And stdout contains "4 exceptions in 1 initiative: 1 active, 1 incomplete, 1 rule not waivable, 1 stale (waives nothing)"
    When I run "idm exceptions ini/ --date 2026-11-22 --format csv --lang nl"
    Then stdout contains "initiatief,bestand,nr,regel,motivering,goedgekeurd door,verloopt,status,zondert uit"
    And stdout contains "INI-2026-050,ini/loket.yaml,0,LEG-001,Doel volgt na de pilot,Architectuurboard,2027-06-30,actief,1"
    When I run "idm exceptions ini/ --date 2026-11-22 --format json"
    Then stdout contains ""status": "stale""
