Feature: A municipality adopts a national pack and adds its own rules
  As the architect of a municipality
  I want to use a pack that a national body maintains, leave out what does not apply to us and
  add our own rules
  So that our gate checks the national agreements and ours, without copying anyone's files

  Background:
    Given a file "vng/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: vng-gemeenten
      version: 2.1.0
      requires: {idm: ">=0.1,<1"}
      title: {en: Municipal pack, nl: Gemeentelijk pakket}
      extends:
        - pack: idm-default
          exclude: [BUS-009, TEC-*]
      """
    And a file "vng/rules.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      rules:
        - id: VNG-001
          title: {en: No owner, nl: Geen eigenaar}
          severity: warning
          category: business
          domain: stakeholders
          message: {en: "The initiative names no owner.", nl: "Het initiatief noemt geen eigenaar."}
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    And a file "initiatives/loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Digitaal loket
      phase: initiation
      """

  Scenario: The pack's rules, the bundled rules it keeps, and not the ones it leaves out
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      packs: [./vng]
      """
    When I run "idm check --format json --date 2026-11-22"
    Then the exit code is 1
    And the JSON report has finding VNG-001 at "owner.name" in "initiatives/loket.yaml"
    And the JSON report has finding BUS-001 at "owner.name" in "initiatives/loket.yaml"
    And the JSON report has no finding BUS-009

  Scenario: The bundled pack by name and an own pack folder side by side, as in the README
    When I run "idm check initiatives --rules idm-default --rules ./vng --format json --date 2026-11-22"
    Then the exit code is 1
    And the JSON report has finding VNG-001 at "owner.name" in "initiatives/loket.yaml"

  Scenario: A rule that takes an id of the extended pack without saying so is refused
    Given a file "vng/more.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      rules:
        - id: BUS-001
          title: {en: Owner, nl: Eigenaar}
          severity: info
          category: business
          domain: stakeholders
          message: {en: "x", nl: "x"}
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    When I run "idm check initiatives --rules ./vng"
    Then the exit code is 2
    And stderr contains "vng/more.yaml:4:5: error: rules[0].id: duplicate rule id 'BUS-001'"

  Scenario: With replaces the pack's own version of a rule is loaded instead
    Given a file "vng/more.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      rules:
        - id: BUS-001
          replaces: BUS-001
          title: {en: Owner, nl: Eigenaar}
          severity: info
          category: business
          domain: stakeholders
          message: {en: "Name an owner when you can.", nl: "Noem een eigenaar als dat kan."}
          when: {path: owner.name, missing: true}
          at: owner.name
      """
    When I run "idm check initiatives --rules ./vng --format json --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "Name an owner when you can."

  Scenario: A pack that needs another idm says so in one line
    Given a file "vng/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: vng-gemeenten
      version: 2.1.0
      requires: {idm: ">=9"}
      """
    When I run "idm check initiatives --rules ./vng"
    Then the exit code is 2
    And stderr is exactly:
      """
      vng/pack.yaml:5:12: error: requires.idm: pack vng-gemeenten 2.1.0 requires idm >=9; this is idm 0.1.0
      """
