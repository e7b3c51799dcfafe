Feature: A rule language that legal texts fit
  As a compliance officer encoding the AI Act, the GDPR and our archive policy
  I want durations, dates relative to the evaluation date, item fields in messages and shared predicates
  So that a rule says what the law says, and a test shows both sides of every boundary

  Background:
    Given a file "legal/common.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: our-common
      predicates:
        personal_data:
          any:
            - {path: design.privacy.personal_data, equals: true}
            - {path: design.privacy.special_categories, equals: true}
      """
    And a file "legal/privacy.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: our-privacy
      rules:
        - id: OWN-001
          title: {en: Retention too short, nl: Bewaartermijn te kort}
          message: {en: "Kept for {value} only.", nl: "Maar {value} bewaard."}
          category: legislation
          domain: design
          severity: warning
          when:
            all:
              - predicate: our-common.personal_data
              - {path: design.privacy.retention, lt: P6M}
          at: design.privacy.retention
        - id: OWN-002
          title: {en: Old DPIA, nl: Oude DPIA}
          message: {en: "DPIA of {title} dates from {value}.", nl: "DPIA van {title} is van {value}."}
          category: legislation
          domain: design
          severity: warning
          valid_from: 2026-01-01
          when: {path: design.privacy.dpia.date, older_than: P3Y}
          at: design.privacy.dpia.date
        - id: OWN-003
          title: {en: Outside the EU, nl: Buiten de EU}
          message: {en: "{item.name} of {title} is hosted outside the EU.", nl: "{item.name} van {title} staat buiten de EU."}
          category: legislation
          domain: operations
          severity: error
          for_each: operations.applications
          when:
            all:
              - predicate: our-common.personal_data
              - {path: item.hosting, equals: non-eu}
          at: item.hosting
        - id: OWN-004
          title: {en: Recent DPIA, nl: Recente DPIA}
          message: {en: "DPIA of {value} is recent.", nl: "DPIA van {value} is recent."}
          category: legislation
          domain: design
          severity: info
          when: {path: design.privacy.dpia.date, within: P30D}
          at: design.privacy.dpia.date
      """
    And a file "loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-060
      title: Meldingen
      design:
        privacy:
          special_categories: true
          retention: P26W
          dpia: {status: done, date: 2023-11-21}
      operations:
        applications:
          - {name: Meldingenapp, hosting: non-eu}
          - {name: Zaaksysteem, hosting: eu}
      """

  Scenario: Durations compare by length, dates relative to the evaluation date, messages name the item
    When I run "idm check loket.yaml --rules legal/ --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "warning OWN-001 design.privacy.retention: Kept for P26W only."
    And stdout contains "warning OWN-002 design.privacy.dpia.date: DPIA of Meldingen dates from 21 November 2023."
    And stdout contains "error OWN-003 operations.applications[0].hosting: Meldingenapp of Meldingen is hosted outside the EU."
    And stdout does not contain "Zaaksysteem of"
    And stdout does not contain "OWN-004"

  Scenario: A DPIA of exactly three years is not older than three years; one of 30 days is within 30 days
    When I run "idm check loket.yaml --rules legal/ --date 2026-11-21"
    Then stdout does not contain "OWN-002"
    When I run "idm check loket.yaml --rules legal/ --date 2023-12-21"
    Then stdout contains "info OWN-004 design.privacy.dpia.date: DPIA of 21 November 2023 is recent."
    When I run "idm check loket.yaml --rules legal/ --date 2023-12-22"
    Then stdout does not contain "OWN-004"

  Scenario: A year is twelve months, a time part is refused
    Given a file "year.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-Y
      title: Jaar
      design: {privacy: {personal_data: true, retention: P1Y}}
      """
    And a file "hours.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Uren
      design: {privacy: {personal_data: true, retention: PT12H}}
      """
    When I run "idm check year.yaml --rules legal/ --date 2026-11-22"
    Then stdout does not contain "OWN-001"
    When I run "idm check hours.yaml --rules legal/ --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "hours.yaml:5:41: error: design.privacy.retention: 'PT12H' has a time part (T...); a duration here has only years, months, weeks and days, such as P7Y, P6M or P30D"

  Scenario: A placeholder that is not a field is refused with a suggestion
    Given a file "typo/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: typo
      rules:
        - id: OWN-010
          title: {en: Outside the EU, nl: Buiten de EU}
          message: {en: "{item.nme} is outside the EU.", nl: "{item.name} staat buiten de EU."}
          category: legislation
          domain: operations
          severity: error
          for_each: operations.applications
          when: {path: item.hosting, equals: non-eu}
          at: item.hosting
      """
    When I run "idm rules lint typo/pack.yaml"
    Then the exit code is 1
    And stdout contains "typo/pack.yaml:7:15: error: rules[0].message.en: placeholder {item.nme}: unknown field 'nme' in path 'item.nme' (did you mean 'item.name'?)"
    When I run "idm check loket.yaml --rules typo/"
    Then the exit code is 2

  Scenario: A test case sets its own evaluation date
    Given a file "legal/privacy_test.yaml" with:
      """
      apiVersion: idm/v1
      kind: RuleTests
      date: 2026-11-22
      cases:
        - name: three years to the day is not older
          date: 2026-11-21
          initiatives: [{design: {privacy: {dpia: {status: done, date: 2023-11-21}}}}]
          expect: []
          rules: [OWN-002]
        - name: one day later it is
          initiatives: [{design: {privacy: {dpia: {status: done, date: 2023-11-21}}}}]
          expect: [OWN-002]
          rules: [OWN-002]
        - name: before valid_from the rule is not in force
          date: 2025-12-31
          initiatives: [{design: {privacy: {dpia: {status: done, date: 2020-01-01}}}}]
          expect: []
          rules: [OWN-002]
      """
    When I run "idm rules test legal/"
    Then the exit code is 0
    And stdout contains "3 passed, 0 failed"

  Scenario: A predicate of another pack is named with its pack; an unknown one is an error
    Given a file "other/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: other
      rules:
        - id: OWN-020
          title: {en: Personal data, nl: Persoonsgegevens}
          message: {en: Personal data., nl: Persoonsgegevens.}
          category: legislation
          domain: design
          severity: info
          when: {predicate: our-common.personal_dat}
          at: design.privacy
      """
    When I run "idm rules lint legal/common.yaml other/pack.yaml"
    Then the exit code is 1
    And stdout contains "other/pack.yaml:11:12: error: rules[0].when.predicate: unknown predicate 'our-common.personal_dat' (did you mean 'our-common.personal_data'?)"
