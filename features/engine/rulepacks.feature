Feature: Loading rule packs
  As a compliance officer
  I want mistakes in my rules named with their position before anything is checked
  So that a gate never silently runs without a rule I wrote

  Background:
    Given a file "i.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-R
      title: Regels
      """

  Scenario: An unknown operator
    Given a file "extra.yaml" with:
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
    When I run "idm check i.yaml --rules extra.yaml"
    Then the exit code is 2
    And stderr is exactly:
      """
      extra.yaml:11:42: error: rules[0].when.mising: unknown operator 'mising' (did you mean 'missing'?)
      """

  Scenario: A field path the initiative format does not have
    Given a file "extra.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: extra
      rules:
        - id: ORG-002
          title: {en: Purpose, nl: Doel}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          when: {path: design.privacy.purpse, missing: true}
          at: design.privacy.purpose
      """
    When I run "idm check i.yaml --rules extra.yaml"
    Then the exit code is 2
    And stderr is exactly:
      """
      extra.yaml:11:12: error: rules[0].when.path: unknown field 'purpse' in path 'design.privacy.purpse' (did you mean 'design.privacy.purpose'?)
      """

  Scenario: Two rules with the same id
    Given a file "a.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: a
      rules:
        - id: ORG-003
          title: {en: Owner, nl: Eigenaar}
          message: {en: No owner., nl: Geen eigenaar.}
          category: business
          domain: direction
          severity: error
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    And a file "b.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: b
      rules:
        - id: ORG-003
          title: {en: Owner, nl: Eigenaar}
          message: {en: No owner., nl: Geen eigenaar.}
          category: business
          domain: direction
          severity: warning
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    When I run "idm check i.yaml --rules a.yaml --rules b.yaml"
    Then the exit code is 2
    And stderr is exactly:
      """
      b.yaml:5:5: error: rules[0].id: duplicate rule id 'ORG-003' (also in a.yaml)
      """

  Scenario: Own rules run beside the default pack, and a rule is only valid in its period
    Given a file "org.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: org
      rules:
        - id: ORG-004
          title: {en: Sponsor, nl: Sponsor}
          message: {en: No sponsor named., nl: Geen sponsor genoemd.}
          category: business
          domain: direction
          severity: error
          valid_from: 2027-01-01
          when: {path: direction.organisation_and_people.sponsor, missing: true}
          at: direction.organisation_and_people.sponsor
      """
    When I run "idm check i.yaml --rules org.yaml --format json --date 2026-12-31 --fail-on never"
    Then the JSON report has no finding ORG-004
    When I run "idm check i.yaml --rules org.yaml --format json --date 2027-01-01 --fail-on never"
    Then the JSON report has finding ORG-004 at "direction.organisation_and_people.sponsor" in "i.yaml"

  Scenario: The bundled pack is named idm-default, wherever idm was installed
    Given a file "extra.yaml" with:
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
          when: {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
      """
    When I run "idm check i.yaml --rules idm-default --rules extra.yaml --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "error ORG-001 design.privacy.purpose: No purpose."
    And stdout contains "COV-001"

  Scenario: Portfolio pairs compare durations as durations: P10Y is P120M
    Given a file "retention.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: retention
      rules:
        - id: ORG-RET-001
          title: {en: One record kept for different terms, nl: Eén archiefstuk met verschillende termijnen}
          message: {en: Kept for another term elsewhere., nl: Elders een andere termijn.}
          category: information
          domain: design
          severity: warning
          portfolio:
            pairs:
              for_each: design.records.retention
              where: {all: [{path: item.object, present: true}, {path: item.term, present: true}]}
              same: {path: item.object, normalised: true}
              differ: {path: item.term}
          at: item.term
      """
    And a file "a.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-A
      title: A
      design: {records: {retention: [{object: Aanvraag, term: P10Y}]}}
      """
    And a file "b.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-B
      title: B
      design: {records: {retention: [{object: aanvraag, term: P120M}]}}
      """
    And a file "c.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-C
      title: C
      design: {records: {retention: [{object: Besluit, term: P10Y}]}}
      """
    And a file "d.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-D
      title: D
      design: {records: {retention: [{object: besluit, term: P11Y}]}}
      """
    When I run "idm check a.yaml b.yaml c.yaml d.yaml --rules retention.yaml --format json --date 2026-11-22 --jobs 1"
    Then the exit code is 0
    And "a.yaml" has no finding ORG-RET-001 in the JSON report
    And "b.yaml" has no finding ORG-RET-001 in the JSON report
    And the JSON report has finding ORG-RET-001 at "design.records.retention[0].term" in "c.yaml"
    And the JSON report has finding ORG-RET-001 at "design.records.retention[0].term" in "d.yaml"

  Scenario: A rule text missing in the report's language is shown in English
    Given a file "extra.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: extra
      rules:
        - id: ORG-003
          title: {en: Purpose}
          message: {en: No purpose stated.}
          category: legislation
          domain: design
          severity: warning
          when: {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
      """
    When I run "idm check i.yaml --rules extra.yaml --lang nl --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "waarschuwing ORG-003 design.privacy.purpose: No purpose stated."
    When I run "idm rules lint extra.yaml"
    Then stdout contains "extra.yaml:7:5: warning: rules[0].message: rule ORG-003 has no message in nl: reports in nl show the English text"

  Scenario: An input error in a Dutch report is in Dutch
    Given a file "broken.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-B
      title: Kapot
      budgte: 1
      """
    When I run "idm check broken.yaml --lang nl --format markdown --date 2026-11-22"
    Then the exit code is 2
    And stdout contains "onbekend veld 'budgte' (bedoelde u 'budget'?)"
