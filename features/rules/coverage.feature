# language: nl
Functionaliteit: Domeindekking (COV)
  Als compliance officer
  wil ik per initiatief zien welke IDM-domeinen de fase vereist en welke velden daarvan ontbreken
  zodat een initiatief in elke fase genoeg zegt om erover te kunnen besluiten

  De dekkingsprofielen staan in rules/coverage-profiles.yaml. Is de fase niet ingevuld,
  dan geldt de initiatiefase (initiation). Een veld ontbreekt als het afwezig, leeg
  (null, lege tekst, lege lijst) of alleen witruimte is; false en 0 tellen als ingevuld.

  Scenario: COV-001 nalatenschap ontbreekt
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-001 op "legacy.impact"
    En bevat de melding van regel COV-001 "legacy.impact"

  Scenario: COV-001 een leeg legacy-blok telt als ontbrekend
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      legacy:
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-001 op "legacy.impact"

  Scenario: COV-001 een impact van alleen spaties telt als ontbrekend
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      legacy:
        impact: "   "
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-001

  Scenario: COV-002 resultaten ontbreken in de verbeterfase
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      results:
        outputs:
          - description: Online aanvraagformulier
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-002 op "results.outcomes"
    En bevat de melding van regel COV-002 "results.outcomes"

  Scenario: COV-003 belanghebbenden ontbreken
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      stakeholders: []
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-003 op "stakeholders"

  Scenario: COV-003 een belanghebbende zonder gegevens telt als ontbrekend
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      stakeholders:
        - name:
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-003

  Scenario: COV-004 doelen ontbreken
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      direction:
        portfolio:
          programme: Dienstverlening 2030
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-004 op "direction.goals"

  Scenario: COV-005 inrichten ontbreekt in de fase digitale basis
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-005 op "design.governance.accountable"
    En bevat de melding van regel COV-005 "design.processes"
    En bevat de melding van regel COV-005 "design.privacy.personal_data"

  Scenario: COV-005 wijst het eerste ontbrekende veld aan
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      design:
        governance:
          accountable: Afdelingshoofd Vergunningen
        privacy:
          personal_data: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-005 op "design.processes"
    En bevat de melding van regel COV-005 "design.processes"

  Scenario: COV-005 personal_data false telt als ingevuld
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      design:
        governance:
          accountable: Afdelingshoofd Vergunningen
        processes: [Evenementenvergunning verlenen]
        privacy:
          personal_data: false
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-005 niet

  Scenario: COV-006 verrichten ontbreekt in de fase continue verbetering
    Gegeven een initiatief met:
      """yaml
      phase: continuous-improvement
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-006 op "operations.business_functions"
    En bevat de melding van regel COV-006 "operations.applications"

  Scenario: COV-007 wetgeving ontbreekt
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      principles:
        standards: [StUF-ZKN]
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-007 op "principles.legislation"

  Scenario: COV-008 reviewritme ontbreekt in de verbeterfase
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      cadence:
        evaluation: yearly
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-008 op "cadence.review"

  Abstract Scenario: <regel> geldt in elke fase (fase <fase>)
    Gegeven een initiatief met:
      """yaml
      phase: <fase>
      """
    Als ik het initiatief controleer
    Dan vuurt regel <regel>

    Voorbeelden:
      | regel   | fase                   |
      | COV-001 | initiation             |
      | COV-001 | continuous-improvement |
      | COV-003 | foundation             |
      | COV-003 | improvement            |
      | COV-004 | initiation             |
      | COV-004 | improvement            |
      | COV-007 | foundation             |
      | COV-007 | continuous-improvement |

  Abstract Scenario: <regel> vuurt niet in de fase <fase>, want die vereist het domein niet
    Gegeven een initiatief met:
      """yaml
      phase: <fase>
      """
    Als ik het initiatief controleer
    Dan vuurt regel <regel> niet

    Voorbeelden:
      | regel   | fase       |
      | COV-002 | initiation |
      | COV-002 | foundation |
      | COV-005 | initiation |
      | COV-006 | initiation |
      | COV-006 | foundation |
      | COV-008 | initiation |
      | COV-008 | foundation |

  Abstract Scenario: <regel> vuurt vanaf de fase waarin het domein vereist is (fase <fase>)
    Gegeven een initiatief met:
      """yaml
      phase: <fase>
      """
    Als ik het initiatief controleer
    Dan vuurt regel <regel>

    Voorbeelden:
      | regel   | fase                   |
      | COV-002 | improvement            |
      | COV-002 | continuous-improvement |
      | COV-005 | foundation             |
      | COV-005 | improvement            |
      | COV-005 | continuous-improvement |
      | COV-006 | improvement            |
      | COV-008 | continuous-improvement |

  Scenario: COV-005 zonder fase geldt de initiatiefase
    Gegeven een initiatief met:
      """yaml
      title: Initiatief zonder fase
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-001
    En vuurt regel COV-003
    En vuurt regel COV-004
    En vuurt regel COV-007
    En vuurt regel COV-002 niet
    En vuurt regel COV-005 niet
    En vuurt regel COV-006 niet
    En vuurt regel COV-008 niet

  Scenario: COV-001 een fase zonder waarde geldt ook als initiatiefase
    Gegeven een initiatief met:
      """yaml
      phase:
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-001 op "legacy.impact"
    En vuurt regel COV-005 niet

  Scenario: COV-001 tot en met COV-008 vuren niet bij een volledig beschreven initiatief in de verbeterfase
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      legacy:
        impact: Inwoners en verenigingen vragen een evenement in één keer digitaal aan.
      results:
        outputs:
          - description: Online aanvraagformulier met statusinformatie
            indicator: percentage aanvragen dat digitaal binnenkomt
            target: "80%"
        outcomes:
          - description: Snellere vergunningverlening
            indicator: doorlooptijd in werkdagen
            target: 20
            stakeholder: Inwoners
      stakeholders:
        - name: Inwoners
          perspective: people
      direction:
        goals:
          - id: G1
            description: 80% van de aanvragen digitaal in 2027
            success_criteria: [doorlooptijd onder 20 werkdagen]
      design:
        governance:
          accountable: Afdelingshoofd Vergunningen
        processes: [Evenementenvergunning verlenen]
        privacy:
          personal_data: false
      operations:
        business_functions: [Vergunningverlening]
        applications:
          - name: Zaaksysteem
            sourcing: saas
            exit_strategy: data-export in open formaat
      principles:
        legislation: [AVG, Archiefwet]
      cadence:
        review: quarterly
      """
    Als ik het initiatief controleer
    Dan vuurt regel COV-001 niet
    En vuurt regel COV-002 niet
    En vuurt regel COV-003 niet
    En vuurt regel COV-004 niet
    En vuurt regel COV-005 niet
    En vuurt regel COV-006 niet
    En vuurt regel COV-007 niet
    En vuurt regel COV-008 niet
