# language: nl
Functionaliteit: Besluiten van het bestuur met voorwaarden (DEC)
  Als secretaris van de architectuurboard
  wil ik dat elke voorwaarde uit een besluit bij de volgende controle wordt getoetst
  zodat het bestuur ziet welke voorwaarden zijn vervuld, welke bijna verlopen en welke verlopen zijn

  Een besluit (kind: Decision) noemt een initiatief, een uitkomst en voorwaarden met een
  uiterste datum. Een voorwaarde is vervuld als haar regel geen niet-opgeschorte bevinding
  heeft op het initiatief, als haar veldtoets klopt, of als de secretaris met `met: true`
  heeft vastgelegd dat zij is vervuld. Bevindingen van DEC-regels kunnen niet worden
  opgeschort. De evaluatiedatum is 22 november 2026.

  Scenario: DEC-001 een verlopen voorwaarde waarvan de regel nog een bevinding heeft
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      """
    En een besluit met:
      """yaml
      conditions:
        - id: V1
          text: Doelbinding vastleggen
          due: 2026-11-01
          rule: LEG-001
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-001 op "conditions[0].due" van besluit "BES-01"
    En bevat de melding van regel DEC-001 "moest uiterlijk 1 november 2026 zijn vervuld"
    En vuurt regel DEC-002 niet

  Scenario: DEC-001 een uitzondering op de regel van de voorwaarde telt niet als vervuld
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      principles:
        exceptions:
          - rule: LEG-001
            justification: Doel volgt na de pilot
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    En een besluit met:
      """yaml
      conditions:
        - {id: V1, text: Doelbinding vastleggen, due: 2026-11-01, rule: LEG-001}
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-002 op "conditions[0]" van besluit "BES-01"
    En vuurt regel DEC-001 niet

  Scenario: DEC-002 een voorwaarde met een veldtoets die klopt is vervuld
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          dpia: {status: done}
      """
    En een besluit met:
      """yaml
      conditions:
        - {id: V1, text: DPIA uitvoeren, due: 2026-12-31, path: design.privacy.dpia.status, equals: done}
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-002 op "conditions[0]" van besluit "BES-01"
    En vuurt regel DEC-003 niet

  Scenario: DEC-003 een open voorwaarde die binnen 30 dagen verloopt
    Gegeven een initiatief met:
      """yaml
      title: Zaaksysteem
      """
    En een besluit met:
      """yaml
      conditions:
        - {id: V1, text: Exitstrategie vastleggen, due: 2026-12-22, manual: true, met: false}
        - {id: V2, text: Aanbesteding afronden, due: 2026-12-23, manual: true, met: false}
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-003 1 keer
    En vuurt regel DEC-003 op "conditions[0].due" van besluit "BES-01"
    En bevat de melding van regel DEC-003 "nog 30 dagen"

  Scenario: DEC-003 een voorwaarde die vandaag verloopt is nog niet verlopen
    Gegeven een initiatief met:
      """yaml
      title: Zaaksysteem
      """
    En een besluit met:
      """yaml
      conditions:
        - {id: V1, text: Exitstrategie vastleggen, due: 2026-11-22, manual: true}
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-003 op "conditions[0].due" van besluit "BES-01"
    En vuurt regel DEC-001 niet

  Scenario: DEC-004 een besluit over een initiatief dat niet in de controle zit
    Gegeven een initiatief met:
      """yaml
      title: Zaaksysteem
      """
    En een besluit met:
      """yaml
      initiative: INI-2026-999
      conditions:
        - {id: V1, text: Doelbinding vastleggen, due: 2026-11-01, rule: LEG-001}
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-004 op "initiative" van besluit "BES-01"
    En vuurt regel DEC-001 niet

  Scenario: DEC-006 een afgewezen initiatief gaat zonder nieuw besluit naar een volgende fase
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      """
    En een besluit met:
      """yaml
      outcome: rejected
      phase: initiation
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-006 op "phase" van besluit "BES-01"

  Scenario: DEC-006 een later besluit keurt de volgende fase goed
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      """
    En een besluit met:
      """yaml
      outcome: deferred
      phase: initiation
      date: 2026-06-01
      """
    En een besluit met:
      """yaml
      outcome: approved
      phase: initiation
      date: 2026-09-01
      """
    Als ik de portfolio controleer
    Dan vuurt regel DEC-006 niet
