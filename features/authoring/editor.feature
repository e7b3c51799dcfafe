Feature: idm in the editor
  The language server (`idm lsp`, docs/editors.md) shows while typing what `idm check` and
  `idm rules lint` would say: input errors with their "did you mean" fix, the findings of the
  rules on the file with a link to each rule's documentation, and the lint errors of a pack.

  Scenario: A misspelt field is marked where it is written, with its fix
    Given a file "aanvraag.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-900
      title: Digitaal aanvragen
      ownr:
        name: Afdeling Vergunningen
      """
    When the editor opens "aanvraag.yaml"
    Then the editor shows an error at line 5, columns 1-4: "unknown field 'ownr' (did you mean 'owner'?)"
    And its quick fix replaces it with "owner"

  Scenario: The findings of the rules on the file, in the user's language
    Given a file "aanvraag.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-900
      title: Digitaal aanvragen
      phase: initiation
      """
    When the editor opens "aanvraag.yaml" in Dutch
    Then the editor shows an error at line 1, columns 1-18: "Het initiatief noemt in owner.name geen eigenaar die verantwoordelijk is."
    And the editor shows finding BUS-001 at line 1 with a link to its documentation

  Scenario: A rule pack's lint error appears while it is written
    Given a file "pakket/regels.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: mijn-pakket
      rules:
        - id: MP-001
          title: {en: Owner missing, nl: Eigenaar ontbreekt}
          message: {en: No owner., nl: Geen eigenaar.}
          rationale: {en: Someone is accountable., nl: Iemand is verantwoordelijk.}
          remediation: {en: Name the owner., nl: Noem de eigenaar.}
          severity: error
          category: business
          domain: direction
          when: {path: ownr.name, missing: true}
          at: owner.name
          examples:
            fail: [{}]
            pass: [{owner: {name: Afdeling Vergunningen}}]
      """
    When the editor opens "pakket/regels.yaml"
    Then the editor shows an error at line 13, columns 18-21: "unknown field 'ownr' in path 'ownr.name' (did you mean 'owner'?)"
    And its quick fix replaces it with "owner"
