Feature: Lint shows every error of a file at once, examples included, and no message prints an empty value
  As a compliance officer writing a pack from the documentation
  I want all my mistakes in one lint run, my examples checked as real initiatives, and no blank in a message
  So that I fix a rule in one round and a report never reads "reviewed ''"

  Scenario: Four mistakes in one rule and an example that is not an initiative, in one run
    Given a file "pack/rules.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: my-pack
      rules:
        - id: OWN-001
          title: {en: Owner, nl: Eigenaar}
          message: {en: "Owner {owner.name}", nl: "Eigenaar {owner.name}"}
          category: business
          domain: stakeholders
          severity: warning
          rationale: {en: An owner decides., nl: Een eigenaar beslist.}
          remediation: {en: Name one., nl: Noem er een.}
          when:
            all:
              - {path: owner.nmae, present: true}
              - {path: title, gt: 3}
              - {path: owner.role, equals: {param: role}}
          at: ownr
          examples:
            fail: [{owner: {name: Jan, colour: red}}]
            pass: [{}]
      """
    When I run "idm rules lint pack"
    Then the exit code is 1
    And stdout contains "pack/rules.yaml:15:12: error: rules[0].when.all[0].path: unknown field 'nmae' in path 'owner.nmae' (did you mean 'owner.name'?)"
    And stdout contains "pack/rules.yaml:16:25: error: rules[0].when.all[1].gt: gt: a numeric comparison needs a number field, but title is text"
    And stdout contains "pack/rules.yaml:17:39: error: rules[0].when.all[2].equals.param: unknown parameter 'role' (defined: exception_notice, max_exception_term)"
    And stdout contains "pack/rules.yaml:18:5: error: rules[0].at: unknown field 'ownr' in path 'ownr' (did you mean 'owner'?)"
    And stdout contains "pack/rules.yaml:20:34: error: rules[0].examples.fail[0].owner.colour: the example is not a valid initiative: owner.colour: unknown field 'colour'"
    And stdout contains "5 errors, 0 warnings in 1 rule of 1 file"

  Scenario: A placeholder whose value is missing reads "(not given)", in both languages
    Given a file "pack/rules.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: my-pack
      rules:
        - id: REV-001
          title: {en: Review, nl: Beoordeling}
          message: {en: "Owner '{owner.name}' has not reviewed it", nl: "Eigenaar '{owner.name}' heeft het niet beoordeeld"}
          category: business
          domain: stakeholders
          severity: warning
          when: {path: owner.role, missing: true}
          at: owner
      """
    And a file "initiatives/a.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Loket
      """
    When I run "idm check initiatives --rules pack --date 2026-11-22"
    Then stdout contains "Owner '(not given)' has not reviewed it"
    When I run "idm check initiatives --rules pack --date 2026-11-22 --lang nl"
    Then stdout contains "Eigenaar '(niet opgegeven)' heeft het niet beoordeeld"
