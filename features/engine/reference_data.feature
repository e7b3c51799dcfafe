Feature: Reference data usable from conditions
  As a compliance officer
  I want lists such as the Forum Standaardisatie 'pas toe of leg uit' list kept as data beside my rules
  So that a new snapshot of the list changes what the rules accept without touching a rule

  Background:
    Given a file "rules/standards.yaml" with:
      """
      apiVersion: idm/v1
      kind: ReferenceData
      name: open-standards
      title: {en: Open standards, nl: Open standaarden}
      snapshot: 2026-01-15
      source: https://example.org/open-standards
      items:
        - {name: Digikoppeling, status: verplicht}
        - {name: StUF, aliases: [StUF-ZKN], status: verplicht}
        - {name: BOMOS, status: aanbevolen}
      """
    And a file "rules/procurement.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: procurement
      rules:
        - id: ORG-101
          title: {en: Standard not on the list, nl: Standaard niet op de lijst}
          message: {en: "Procurement '{item.name}' asks for a standard that is not on the list.", nl: "Aanbesteding '{item.name}' vraagt om een standaard die niet op de lijst staat."}
          category: business
          domain: operations
          severity: warning
          for_each: operations.procurements
          when:
            some:
              in: item.standards_required
              as: s
              where: {not: {path: s, on_list: {data: open-standards, status: verplicht}}}
          at: item.standards_required
      """
    And a file "p.yaml" with:
      """
      apiVersion: idm/v1.1
      kind: Initiative
      id: INI-P
      title: Zaaksysteem
      operations:
        procurements:
          - {name: Zaaksysteem, standards_required: [stuf-zkn, Digikoppeling]}
          - {name: Portaal, standards_required: [Digikoppeling, BOMOS]}
      """

  Scenario: A condition tests values against the data set, compared normalised and by alias
    When I run "idm check p.yaml --rules rules --date 2026-11-22"
    Then stdout contains "ORG-101 operations.procurements[1].standards_required: Procurement 'Portaal' asks for a standard that is not on the list."
    And stdout does not contain "operations.procurements[0].standards_required"

  Scenario: The data sets of the loaded packs are listed with their snapshot dates
    When I run "idm rules list --data rules"
    Then the exit code is 0
    And stdout contains "open-standards  2026-01-15  3      https://example.org/open-standards  Open standards"

  Scenario: The default pack ships the Forum Standaardisatie list
    When I run "idm rules list --data --lang nl"
    Then the exit code is 0
    And stdout contains "pas-toe-of-leg-uit"
    And stdout contains "https://www.forumstandaardisatie.nl/thema/open-standaarden"

  Scenario: An unknown data set is named with its position
    Given a file "rules/procurement.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: procurement
      rules:
        - id: ORG-102
          title: {en: Standard not on the list, nl: Standaard niet op de lijst}
          message: {en: Not on the list., nl: Niet op de lijst.}
          category: business
          domain: operations
          severity: warning
          for_each: operations.procurements
          when:
            some: {in: item.standards_required, as: s, where: {path: s, on_list: open-standard}}
          at: item
      """
    When I run "idm check p.yaml --rules rules --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "rules/procurement.yaml:13:67: error: rules[0].when.some.where.on_list: unknown data set 'open-standard' (did you mean 'open-standards'?)"
