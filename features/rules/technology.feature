# language: nl
Functionaliteit: Technologie (TEC)
  Als compliance officer
  wil ik dat elk initiatief wordt getoetst op exitstrategie, open standaarden en informatiebeveiliging
  zodat afhankelijkheid van leveranciers en beveiligingsrisico's zichtbaar zijn voordat systemen worden gebouwd of ingekocht

  Scenario: TEC-001 SaaS-applicatie zonder exitstrategie
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
            sourcing: saas
            hosting: eu
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-001 op "operations.applications[0].exit_strategy"

  Scenario: TEC-001 meldt elke applicatie buiten de EU zonder exitstrategie apart
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Eigen portaal
            sourcing: custom
            hosting: on-premise
          - name: Analyseplatform
            sourcing: open-source
            hosting: non-eu
          - name: Salarisverwerking
            sourcing: bpo
            exit_strategy: "   "
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-001 2 keer
    En vuurt regel TEC-001 op "operations.applications[1].exit_strategy"
    En vuurt regel TEC-001 op "operations.applications[2].exit_strategy"

  Scenario: TEC-001 vuurt niet bij een exitstrategie of bij eigen hosting van maatwerk
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
            sourcing: saas
            hosting: eu
            exit_strategy: data-export in open formaat
          - name: Eigen portaal
            sourcing: custom
            hosting: on-premise
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-001 niet

  Scenario: TEC-002 twee applicaties zonder uitwisselstandaard
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        standards: [WCAG 2.1, PDF/A]
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-002 op "principles.standards"

  Scenario: TEC-002 vuurt niet als een uitwisselstandaard is genoemd
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        standards: [StUF-ZKN, WCAG 2.1]
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-002 niet

  Scenario: TEC-002 vuurt niet bij één applicatie (een leeg lijstitem telt niet mee)
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          -
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-002 niet

  Scenario: TEC-002 wordt opgeschort door een geldige uitzondering
    Gegeven de evaluatiedatum 2026-11-22
    En een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-002
    En is de bevinding van regel TEC-002 opgeschort

  Abstract Scenario: TEC-003 vanaf de fase digitale basis zijn open standaarden verplicht (fase <fase>)
    Gegeven een initiatief met:
      """yaml
      phase: <fase>
      principles:
        legislation: [AVG]
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-003 op "principles.standards"

    Voorbeelden:
      | fase                   |
      | foundation             |
      | improvement            |
      | continuous-improvement |

  Scenario: TEC-003 een lege lijst met standaarden telt als ontbrekend
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      principles:
        standards: []
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-003

  Scenario: TEC-003 vuurt niet in de initiatiefase
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-003 niet

  Scenario: TEC-003 vuurt niet zonder fase, want dan geldt de initiatiefase
    Gegeven een initiatief met:
      """yaml
      title: Initiatief zonder fase
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-003 niet

  Scenario: TEC-004 beveiligingsniveau niet bepaald
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      operations:
        applications:
          - name: Zaaksysteem
      design:
        security:
          classification: {confidentiality: 2, integrity: 2, availability: 1}
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-004 op "design.security"
    En bevat de melding van regel TEC-004 "design.security.baseline"

  Scenario: TEC-004 vuurt niet als classificatie en baseline volledig zijn
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      operations:
        applications:
          - name: Zaaksysteem
      design:
        security:
          classification: {confidentiality: 2, integrity: 2, availability: 1}
          baseline: BIO
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-004 niet

  Scenario: TEC-004 vuurt niet in de initiatiefase
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      operations:
        applications:
          - name: Zaaksysteem
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-004 niet

  Scenario: TEC-004 vuurt niet zonder applicaties
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-004 niet

  Scenario: TEC-005 risicoanalyse staat op none
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      operations:
        applications:
          - name: Zaaksysteem
      design:
        security:
          risk_assessment: none
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-005 op "design.security.risk_assessment"

  Scenario: TEC-005 vuurt niet als de risicoanalyse is gepland
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      operations:
        applications:
          - name: Zaaksysteem
      design:
        security:
          risk_assessment: planned
      """
    Als ik het initiatief controleer
    Dan vuurt regel TEC-005 niet
