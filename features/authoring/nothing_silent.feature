Feature: Nothing passes silently when authoring rules
  As a compliance officer encoding legal texts as rules
  I want every mistake in a rule pack to end in a clear error, and every ignored exception in a finding
  So that no rule silently checks the wrong thing and no team believes a deviation is approved when it is not

  Background:
    Given a file "own/algorithms.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: algo
      rules:
        - id: ALG-101
          title: {en: No purpose for the algorithm, nl: Geen doel voor het algoritme}
          message: {en: "No purpose stated for {title}.", nl: "Geen doel vastgelegd voor {title}."}
          category: legislation
          domain: design
          severity: error
          waivable: false
          rationale: {en: Purpose limitation., nl: Doelbinding.}
          remediation: {en: State the purpose., nl: Leg het doel vast.}
          when: {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
          examples: {fail: [{}], pass: [{design: {privacy: {purpose: Toezicht}}}]}
      """
    And a file "ini/register.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: ALG-2026-001
      title: Risicomodel bijstand
      principles:
        exceptions:
          - {rule: ALG-101, justification: Doel volgt later, approved_by: CIO, expires: 2027-06-30}
          - {rule: TEC-002, justification: Nog geen API, approved_by: CIO, expires: 2026-01-01}
      """

  Scenario: 1. A complete exception on a rule that cannot be waived is a finding (EXC-004)
    When I run "idm check ini/register.yaml --rules own/ --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "error ALG-101 design.privacy.purpose: No purpose stated for Risicomodel bijstand."
    And stdout contains "error EXC-004 principles.exceptions[0].rule: This comply-or-explain exception names rule ALG-101, which no exception can waive: its finding stands and counts."
    And stdout does not contain "waived until"

  Scenario: 2. Another pack alone still gets the comply-or-explain rules
    When I run "idm check ini/register.yaml --rules own/ --date 2026-11-22"
    Then stdout contains "warning EXC-002 principles.exceptions[1].expires: This comply-or-explain exception expired on 1 January 2026"
    And stdout contains "warning EXC-003 principles.exceptions[1].rule: This comply-or-explain exception names rule 'TEC-002', which is not a rule of the loaded packs"

  Scenario: 3. A rule with only Dutch text is refused by check and by rules test, not only by lint
    Given a file "dutch/only.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: dutch
      rules:
        - id: ALG-102
          title: {nl: Geen eigenaar}
          message: {nl: "Er is geen eigenaar."}
          category: business
          domain: direction
          severity: warning
          rationale: {en: Ownership., nl: Eigenaarschap.}
          remediation: {en: Name one., nl: Noem er een.}
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    When I run "idm check ini/register.yaml --rules dutch/ --lang en"
    Then the exit code is 2
    And stderr contains "dutch/only.yaml:6:5: error: rules[0].title: title has no 'en' text"
    And stderr contains "dutch/only.yaml:7:5: error: rules[0].message: message has no 'en' text"
    And stdout does not contain "ALG-102"
    When I run "idm rules test dutch/"
    Then the exit code is 2
    And stderr contains "rules[0].message: message has no 'en' text"
    When I run "idm rules lint dutch/"
    Then the exit code is 1
    And stdout contains "2 errors,"

  Scenario: 4. A typo in a predicate no rule uses yet is caught
    Given a file "shared/common.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: shared
      predicates:
        uses_algorithm:
          path: design.privacy.purpse
          present: true
      """
    When I run "idm rules lint shared/common.yaml"
    Then the exit code is 1
    And stdout contains "shared/common.yaml:6:5: error: predicates.uses_algorithm.path: unknown field 'purpse' in path 'design.privacy.purpse' (did you mean 'design.privacy.purpose'?)"
    And stdout contains "1 error, 0 warnings in 0 rules of 1 file"

  Scenario: 5. equals on a list is refused, with the quantifier to use instead
    Given a file "lists/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: lists
      rules:
        - id: ALG-103
          title: {en: No GDPR, nl: Geen AVG}
          message: {en: No GDPR listed., nl: Geen AVG genoemd.}
          category: legislation
          domain: principles
          severity: warning
          when: {path: principles.legislation, equals: AVG}
          at: principles.legislation
      """
    When I run "idm rules lint lists/pack.yaml"
    Then the exit code is 1
    And stdout contains "lists/pack.yaml:11:42: error: rules[0].when.equals: equals tests one value, but principles.legislation is a list; test its items with some/every/none ({in: principles.legislation, where: {path: item, equals: ...}}) or count them with count"

  Scenario: 6. A pattern in double quotes whose \b became a backspace is refused
    Given a file "quotes/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: quotes
      patterns:
        K_AI: "(?i)\bai\b"
      """
    When I run "idm rules lint quotes/pack.yaml"
    Then the exit code is 1
    And stdout contains "error: patterns.K_AI: regular expression '(?i)\x08ai\x08' contains the control character '\x08': in a double-quoted YAML string an escape such as \b becomes one; write the pattern in single quotes or a block scalar"

  Scenario: 7. A pack may define a predicate of the same name as the default pack's
    Given a file "ns/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: ns
      predicates:
        personal_data:
          path: design.privacy.special_categories
          equals: true
      rules:
        - id: ALG-104
          title: {en: Special categories without purpose, nl: Bijzondere gegevens zonder doel}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          when:
            all:
              - predicate: personal_data
              - {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
          examples:
            fail: [{design: {privacy: {special_categories: true}}}]
            pass: [{design: {privacy: {personal_data: true}}}]
      """
    When I run "idm rules test ns/pack.yaml"
    Then the exit code is 0
    And stdout contains "2 passed, 0 failed"
    When I run "idm check ini/register.yaml --rules ns/pack.yaml --rules own/ --date 2026-11-22"
    Then the exit code is 1

  Scenario: 8. lt, le, gt and ge work on dates, as the language documentation says
    Given a file "dates/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: dates
      rules:
        - id: ALG-105
          title: {en: Old DPIA, nl: Oude DPIA}
          message: {en: "DPIA of {value}.", nl: "DPIA van {value}."}
          category: legislation
          domain: design
          severity: warning
          when: {path: design.privacy.dpia.date, lt: 2025-01-01}
          at: design.privacy.dpia.date
          examples:
            fail: [{design: {privacy: {dpia: {date: 2024-12-31}}}}]
            pass: [{design: {privacy: {dpia: {date: 2025-01-01}}}}]
      """
    When I run "idm rules lint dates/pack.yaml"
    Then the exit code is 0
    When I run "idm rules test dates/pack.yaml"
    Then stdout contains "2 passed, 0 failed"

  Scenario: 9. Explain says a rule is not in force on the date, and lint refuses an empty validity window
    Given a file "valid/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: valid
      rules:
        - id: ALG-106
          title: {en: No purpose, nl: Geen doel}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          valid_from: 2027-12-02
          when: {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
      """
    And a file "empty/pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: empty
      rules:
        - id: ALG-107
          title: {en: No purpose, nl: Geen doel}
          message: {en: No purpose., nl: Geen doel.}
          category: legislation
          domain: design
          severity: error
          valid_from: 2027-12-02
          valid_until: 2026-12-31
          when: {path: design.privacy.purpose, missing: true}
          at: design.privacy.purpose
      """
    When I run "idm explain ALG-106 --rules valid/ --initiative ini/register.yaml --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "Result: did not fire"
    And stdout contains "Not in force on 2026-11-22: the rule is valid from 2027-12-02; the parts below show what its condition would say"
    When I run "idm explain ALG-106 --rules valid/ --initiative ini/register.yaml --date 2026-11-22 --lang nl"
    Then stdout contains "Niet van kracht op 2026-11-22: de regel geldt vanaf 2027-12-02"
    When I run "idm rules lint empty/pack.yaml"
    Then the exit code is 1
    And stdout contains "empty/pack.yaml:12:5: error: rules[0].valid_until: valid_until 2026-12-31 is before valid_from 2027-12-02: the rule would never be in force"

  Scenario: 10. Explain inside a quantifier names the items for which each part held
    Given a file "ini/outcomes.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-Q
      title: Uitkomsten
      stakeholders:
        - {name: Inwoners, perspective: people}
        - {name: Afdeling Vergunningen, perspective: profit}
      results:
        outcomes:
          - {description: Sneller, stakeholder: Inwoners}
          - {description: Minder werk, stakeholder: Raad}
      """
    When I run "idm explain INF-005 --initiative ini/outcomes.yaml --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "s.name is item.stakeholder (text compared normalised)  -> held for items: [0]; value: [0] Inwoners, [1] Afdeling Vergunningen"
    And stdout contains "s.name is item.stakeholder (text compared normalised)  -> held for items: none; value: [0] Inwoners, [1] Afdeling Vergunningen"
    And stdout does not contain "decided inside the enclosing quantifier"
