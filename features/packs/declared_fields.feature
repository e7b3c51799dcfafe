Feature: A pack declares the fields its rules need and the format lacks
  As a compliance officer writing a pack for the Wet digitale overheid
  I want to add how each channel authenticates its users to the initiative format
  So that a rule tests a real field instead of guessing from free text, and a typo in it is caught

  Background:
    Given a file "wdo/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: digitale-overheid
      version: 1.0.0
      title: {en: Digital government act, nl: Wet digitale overheid}
      fields:
        - at: operations.channels[]
          name: authentication
          title: {en: Authentication of users, nl: Authenticatie van gebruikers}
          schema:
            type: object
            properties:
              means: {enum: [DigiD, eHerkenning, eIDAS, none]}
              level: {enum: [basis, substantieel, hoog]}
            additionalProperties: false
      """
    And a file "wdo/authentication.yaml" with:
      """
      apiVersion: idm/v2
      kind: RulePack
      rules:
        - id: WDO-001
          title: {en: DigiD below level substantial, nl: DigiD onder niveau substantieel}
          severity: error
          category: legislation
          domain: operations
          message:
            en: "channel '{item.name}' lets users in with DigiD at level {item.authentication.level}"
            nl: "kanaal '{item.name}' laat gebruikers binnen met DigiD op niveau {item.authentication.level}"
          for_each: operations.channels
          when:
            all:
              - {path: item.authentication.means, equals: DigiD}
              - {path: item.authentication.level, equals: basis}
          at: item.authentication.level
          examples:
            fail: [{operations: {channels: [{name: Loket, authentication: {means: DigiD, level: basis}}]}}]
            pass: [{operations: {channels: [{name: Loket, authentication: {means: DigiD, level: substantieel}}]}}]
      """
    And a file "initiatives/loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Digitaal loket
      operations:
        channels:
          - name: Mijn gemeente
            type: website
            authentication:
              means: DigiD
              level: basis
      """

  Scenario: A rule tests the declared field, and the initiative may carry it
    When I run "idm check initiatives --rules wdo --date 2026-11-22"
    Then the exit code is 1
    And stdout contains "initiatives/loket.yaml:11:9: error WDO-001 operations.channels[0].authentication.level: channel 'Mijn gemeente' lets users in with DigiD at level basis"
    When I run "idm rules test wdo"
    Then the exit code is 0
    When I run "idm dossier initiatives/loket.yaml --rules wdo --format markdown --lang nl --date 2026-11-22"
    Then stdout contains "### Wet digitale overheid"
    And stdout contains "- **Authenticatie van gebruikers** (`operations.channels[].authentication`): `operations.channels[0].authentication`: means: DigiD, level: basis"

  Scenario: Without the pack the field is unknown, as before
    When I run "idm check initiatives --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "initiatives/loket.yaml:9:7: error: operations.channels[0].authentication: unknown field 'authentication'"

  Scenario: A typo in a declared field is an input error with "did you mean"
    Given a file "initiatives/loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Digitaal loket
      operations:
        channels:
          - name: Mijn gemeente
            type: website
            authentication:
              means: DigiD
              levl: substantieel
      """
    When I run "idm check initiatives --rules wdo --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "initiatives/loket.yaml:11:9: error: operations.channels[0].authentication.levl: unknown field 'levl' (did you mean 'level'?)"
    And there is no traceback

  Scenario: A value the declared schema does not allow is an input error at its line
    Given a file "initiatives/loket.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-1
      title: Digitaal loket
      operations:
        channels:
          - name: Mijn gemeente
            authentication: {means: Itsme}
      """
    When I run "idm check initiatives --rules wdo --date 2026-11-22 --lang nl"
    Then the exit code is 2
    And stderr contains "initiatives/loket.yaml:8:24: error: operations.channels[0].authentication.means:"
    And stderr contains "DigiD, eHerkenning, eIDAS, none"

  Scenario: Two packs declaring the same field with another schema is a load error naming both
    Given a file "other/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: other-pack
      version: 0.1.0
      fields:
        - at: operations.channels[]
          name: authentication
          schema: {type: string}
      """
    When I run "idm check initiatives --rules wdo --rules other --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "other/pack.yaml:8:5: error: fields[0].schema: field operations.channels[].authentication is also declared at wdo/pack.yaml:7:5, with another schema"

  Scenario: A field the format itself has cannot be declared
    Given a file "other/pack.yaml" with:
      """
      apiVersion: idm/v2
      kind: Pack
      name: other-pack
      version: 0.1.0
      fields:
        - at: operations.channels[]
          name: url
          schema: {type: string, format: uri}
      """
    When I run "idm rules lint other"
    Then the exit code is 1
    And stdout contains "other/pack.yaml:7:5: error: fields[0].name: the initiative format now has field operations.channels[].url itself"

  Scenario: The initiative schema for editors includes the declared fields
    When I run "idm schema initiative --rules wdo"
    Then the exit code is 0
    And stdout contains ""authentication": {"
    And stdout contains ""Authentication of users""
    When I run "idm schema initiative"
    Then stdout does not contain "authentication"
