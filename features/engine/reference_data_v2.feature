Feature: Reference data with typed attributes, normalised names and newer snapshots
  As a compliance officer
  I want reference lists whose items carry typed attributes, whose names match however they are spelled, and that a newer snapshot can update
  So that a rule tests "a mandatory BIO2 measure" or "WCAG 2.1" without guessing in free text

  Background:
    Given a file "rules/bio2.yaml" with:
      """
      apiVersion: idm/v2
      kind: ReferenceData
      name: bio2-maatregelen
      title: {en: BIO2 measures, nl: BIO2-maatregelen}
      snapshot: 2026-03-01
      source: https://example.org/bio2
      match: {normalise: [case, punctuation, spaces]}
      attributes:
        status: {enum: [verplicht, aanbevolen, optioneel]}
        theme: {type: string}
      items:
        - {name: "BIO2 5.15 Toegangsbeveiliging", aliases: ["BIO 5.15"], status: verplicht, theme: toegang}
        - {name: "BIO2 5.7 Dreigingsinformatie", status: aanbevolen, theme: dreiging}
        - {name: "WCAG 2.1", status: verplicht, theme: toegankelijkheid}
      """
    And a file "rules/bio.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      name: bio
      rules:
        - id: BIO-101
          title: {en: Mandatory measure without classification, nl: Verplichte maatregel zonder classificatie}
          message: {en: "'{item}' is a mandatory BIO2 measure: classify the confidentiality.", nl: "'{item}' is een verplichte BIO2-maatregel: classificeer de vertrouwelijkheid."}
          category: information
          domain: design
          severity: error
          for_each: principles.standards
          when:
            all:
              - {path: item, on_list: bio2-maatregelen, where: {attribute: status, equals: verplicht}}
              - {path: design.security.classification.confidentiality, missing: true}
          at: item
      """
    And a file "wcag.yaml" with:
      """
      apiVersion: idm/v1.1
      kind: Initiative
      id: INI-W
      title: Website
      principles:
        standards: ["wcag2.1", "W.C.A.G. 2-1"]
      """
    And a file "threat.yaml" with:
      """
      apiVersion: idm/v1.1
      kind: Initiative
      id: INI-T
      title: Dreigingsbeeld
      principles:
        standards: ["BIO2 5.7 Dreigingsinformatie", "bio 5.15"]
      """

  Scenario: "WCAG2.1" and "WCAG 2.1" name the same item when punctuation and spaces are normalised
    When I run "idm check wcag.yaml --rules rules --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "BIO-101 principles.standards[0]: 'wcag2.1' is a mandatory BIO2 measure: classify the confidentiality."
    And stdout contains "BIO-101 principles.standards[1]: 'W.C.A.G. 2-1' is a mandatory BIO2 measure: classify the confidentiality."

  Scenario: Without normalise modes names compare by case and whitespace only, as before
    Given a file "rules/bio2.yaml" with:
      """
      apiVersion: idm/v1
      kind: ReferenceData
      name: bio2-maatregelen
      snapshot: 2026-03-01
      source: https://example.org/bio2
      items:
        - {name: "WCAG 2.1", status: verplicht}
      """
    When I run "idm check wcag.yaml --rules rules --date 2026-11-22"
    Then the exit code is 0

  Scenario: An attribute test fires on an initiative naming a measure that is verplicht, not on one that is aanbevolen
    When I run "idm check threat.yaml --rules rules --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "BIO-101 principles.standards[1]: 'bio 5.15' is a mandatory BIO2 measure: classify the confidentiality."
    And stdout does not contain "principles.standards[0]"

  Scenario: The explanation names the data set, the attribute test and how names are compared
    When I run "idm explain BIO-101 --initiative threat.yaml --rules rules --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "item names an item of data set bio2-maatregelen whose status is 'verplicht' (names compared normalised: case, punctuation, spaces)  -> held; value: bio 5.15"

  Scenario: A named-item test asks whether the data set in force holds an item
    Given a file "rules/wcag.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      name: wcag
      rules:
        - id: WEB-001
          title: {en: Accessibility standard not named, nl: Toegankelijkheidsstandaard niet genoemd}
          message: {en: "WCAG 2.1 is mandatory on the list in force: name it under principles.standards.", nl: "WCAG 2.1 is verplicht op de geldende lijst: noem de standaard onder principles.standards."}
          category: information
          domain: principles
          severity: warning
          when:
            all:
              - {data: bio2-maatregelen, item: "wcag 2.1", present: true, where: {attribute: status, equals: verplicht}}
              - {path: principles.standards, missing: true}
          at: principles.standards
      """
    And a file "empty.yaml" with:
      """
      apiVersion: idm/v1.1
      kind: Initiative
      id: INI-E
      title: Zonder standaarden
      """
    When I run "idm check empty.yaml --rules rules --date 2026-11-22"
    Then the exit code is 0
    And stdout contains "WEB-001 principles.standards: WCAG 2.1 is mandatory on the list in force: name it under principles.standards."

  Scenario: Lint names an unknown attribute and an attribute value that is not allowed, with a hint
    Given a file "rules/bio.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      name: bio
      rules:
        - id: BIO-102
          title: {en: x, nl: x}
          message: {en: x, nl: x}
          category: information
          domain: design
          severity: error
          for_each: principles.standards
          when:
            any:
              - {path: item, on_list: bio2-maatregelen, where: {attribute: statuss, equals: verplicht}}
              - {path: item, on_list: bio2-maatregelen, where: {attribute: status, equals: verplict}}
          at: item
      """
    When I run "idm rules lint rules"
    Then the exit code is 1
    And stdout contains "rules/bio.yaml:14:59: error: rules[0].when.any[0].where.attribute: data set bio2-maatregelen has no attribute 'statuss' (did you mean 'status'?); declared: status, theme"
    And stdout contains "rules/bio.yaml:15:78: error: rules[0].when.any[1].where.equals: 'verplict' is not a valid value of attribute 'status' (verplicht, aanbevolen, optioneel) (did you mean 'verplicht'?)"

  Scenario: An item with an undeclared attribute is a load error at its position
    Given a file "rules/bio2.yaml" with:
      """
      apiVersion: idm/v2
      kind: ReferenceData
      name: bio2-maatregelen
      snapshot: 2026-03-01
      source: https://example.org/bio2
      attributes:
        status: {enum: [verplicht, aanbevolen]}
      items:
        - {name: "BIO2 5.15 Toegangsbeveiliging", statu: verplicht}
      """
    When I run "idm check wcag.yaml --rules rules --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "rules/bio2.yaml:9:45: error: items[0].statu: unknown attribute 'statu' (did you mean 'status'?); declared: status"

  Scenario: A newer snapshot from a pack loaded later replaces the older one, and both dates are shown
    Given a file "newer/bio2.yaml" with:
      """
      apiVersion: idm/v2
      kind: ReferenceData
      name: bio2-maatregelen
      title: {en: BIO2 measures, nl: BIO2-maatregelen}
      snapshot: 2026-09-01
      source: https://example.org/bio2
      match: {normalise: [case, punctuation, spaces]}
      attributes:
        status: {enum: [verplicht, aanbevolen, optioneel]}
      items:
        - {name: "BIO2 5.7 Dreigingsinformatie", status: verplicht}
      """
    When I run "idm check threat.yaml --rules rules --rules newer --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "BIO-101 principles.standards[0]: 'BIO2 5.7 Dreigingsinformatie' is a mandatory BIO2 measure"
    And stdout does not contain "principles.standards[1]"
    When I run "idm rules list --data rules newer"
    Then the exit code is 0
    And stdout contains "bio2-maatregelen  2026-09-01 (replaces 2026-03-01)  1      https://example.org/bio2  BIO2 measures"
    When I run "idm dossier threat.yaml --rules rules --rules newer --format markdown --date 2026-11-22"
    Then stdout contains "- `bio2-maatregelen`: snapshot 2026-09-01 (replaces 2026-03-01); items: 1; source: `https://example.org/bio2`"

  Scenario: An older snapshot from a pack loaded later is refused, naming both
    Given a file "older/bio2.yaml" with:
      """
      apiVersion: idm/v2
      kind: ReferenceData
      name: bio2-maatregelen
      snapshot: 2025-06-01
      source: https://example.org/bio2
      items:
        - {name: "BIO2 5.7 Dreigingsinformatie"}
      """
    When I run "idm check threat.yaml --rules rules --rules older --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "older/bio2.yaml:4:1: error: snapshot: data set 'bio2-maatregelen': snapshot 2025-06-01 is not newer than snapshot 2026-03-01 loaded from rules/bio2.yaml; a later pack may only bring a newer snapshot"

  Scenario: The JSON Schema of reference data is printed for editors
    When I run "idm schema referencedata"
    Then the exit code is 0
    And stdout contains ""title": "idm reference data (idm/v1, idm/v2)""
