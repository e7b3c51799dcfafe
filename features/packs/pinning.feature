Feature: A project pins the exact pack that gates it, and moves only when it decides to
  As a municipality whose CI gate uses a national pack
  I want idm.lock to pin each pack by its content, the gate to read only the lock and the cache,
  and an update to show what changes rule by rule
  So that nobody else's release turns our gate red, and we see what we accept

  Background:
    Given a file "vng/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: vng-gemeenten
      version: 1.0.0
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
    And a tarball "vng-gemeenten.tar.gz" of the folder "vng"
    And a file "initiatives/loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Digitaal loket
      phase: initiation
      """
    And a file ".idm.yaml" with:
      """
      paths: [initiatives]
      fail-on: warning
      packs:
        - source: vng-gemeenten.tar.gz
      """

  Scenario: Without a lock the gate does not run, and says how to make one
    When I run "idm check"
    Then the exit code is 2
    And stderr is exactly:
      """
      idm: using project file .idm.yaml
      .idm.yaml:3:1: error: packs: idm.lock is missing: the packs from vng-gemeenten.tar.gz are not pinned; run `idm packs lock`
      """

  Scenario: Locked, the pack gates the project
    When I run "idm packs lock"
    Then the exit code is 0
    And stdout contains "locked vng-gemeenten  1.0.0  vng-gemeenten.tar.gz  sha256:"
    And the file "idm.lock" contains "kind: PackLock"
    When I run "idm check --format json --date 2026-11-22"
    Then the exit code is 1
    And the JSON report has finding VNG-001 at "owner.name" in "initiatives/loket.yaml"

  Scenario: A new release of the pack changes nothing until the project updates
    When I run "idm packs lock"
    Then the exit code is 0
    Given in "vng/rules.yaml" "severity: warning" is replaced by "severity: info"
    And in "vng/pack.yaml" "version: 1.0.0" is replaced by "version: 1.1.0"
    And a tarball "vng-gemeenten.tar.gz" of the folder "vng"
    When I run "idm check"
    Then the exit code is 1
    When I run "idm packs update vng-gemeenten"
    Then the exit code is 0
    And stdout contains "vng-gemeenten 1.0.0 -> 1.1.0"
    And stdout contains "~ VNG-001: severity warning -> info"
    When I run "idm check"
    Then the exit code is 0

  Scenario: A project without packs lists the bundled pack
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives]
      """
    When I run "idm packs list"
    Then the exit code is 0
    And stdout contains "idm-default  0.1.0    bundled"

  Scenario Outline: An archive that could write outside the cache is refused in one line
    Given a tarball "evil.tar.gz" whose member "<member>" is a <kind>
    And a file ".idm.yaml" with:
      """
      paths: [initiatives]
      packs:
        - source: evil.tar.gz
      """
    When I run "idm packs lock"
    Then the exit code is 2
    And stderr is exactly:
      """
      idm packs: evil.tar.gz: member '<member>': <refusal>
      """
    And the file "idm.lock" does not exist

    Examples:
      | member              | kind          | refusal                          |
      | ../../outside.yaml  | file          | a path with '..' is refused      |
      | /tmp/outside.yaml   | file          | an absolute path is refused      |
      | pack.yaml           | symbolic link | a link is refused                |
