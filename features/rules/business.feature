# language: nl
Functionaliteit: Bedrijfsvoering (BUS)
  Als compliance officer
  wil ik dat elk initiatief een eigenaar, een passende sourcing, een sluitende begroting, aandacht voor mensen en meetbare resultaten heeft
  zodat de architectuurboard alleen initiatieven steunt die na de start ook blijven werken

  Scenario: BUS-001 meldt een initiatief zonder eigenaar
    Gegeven een initiatief met:
      """yaml
      owner:
        role: ketenowner
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-001 op "owner.name"
    En bevat de melding van regel BUS-001 "eigenaar"

  Abstract Scenario: BUS-001 ziet een lege of null naam als ontbrekende eigenaar
    Gegeven een initiatief met:
      """yaml
      owner:
        name: <naam>
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-001 op "owner.name"

    Voorbeelden:
      | naam  |
      | ~     |
      | ""    |
      | "   " |

  Scenario: BUS-001 vuurt niet als de eigenaar is genoemd
    Gegeven een initiatief met:
      """yaml
      owner:
        name: Afdeling Vergunningen
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-001 niet

  Scenario: BUS-002 meldt maatwerk in een generieke keten
    Gegeven een initiatief met:
      """yaml
      chain: organisation-generic
      operations:
        applications:
          - name: HR-suite
            sourcing: saas
          - name: Eigen salarissysteem
            sourcing: custom
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-002 1 keer
    En vuurt regel BUS-002 op "operations.applications[1].sourcing"
    En bevat de melding van regel BUS-002 "maatwerk"

  Abstract Scenario: BUS-002 vuurt niet op maatwerk buiten een generieke keten
    Gegeven een initiatief met:
      """yaml
      chain: <keten>
      operations:
        applications:
          - name: Vergunningcheck
            sourcing: custom
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-002 niet

    Voorbeelden:
      | keten                 |
      | organisation-specific |
      | ~                     |

  Scenario: BUS-003 meldt SaaS zonder begrote terugkerende kosten
    Gegeven een initiatief met:
      """yaml
      budget:
        one_off: 180000
      operations:
        applications:
          - name: Zaaksysteem
            sourcing: saas
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-003 op "budget.recurring_per_year"
    En bevat de melding van regel BUS-003 "terugkerende kosten"

  Scenario: BUS-003 ziet terugkerende kosten van 0 als niet begroot
    Gegeven een initiatief met:
      """yaml
      budget:
        recurring_per_year: 0
      operations:
        applications:
          - name: Salarisadministratie
            sourcing: bpo
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-003 op "budget.recurring_per_year"

  Scenario: BUS-003 vuurt niet als terugkerende kosten zijn begroot
    Gegeven een initiatief met:
      """yaml
      budget:
        recurring_per_year: 42000
      operations:
        applications:
          - name: Zaaksysteem
            sourcing: saas
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-003 niet

  Scenario: BUS-003 vuurt niet zonder SaaS of BPO
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
            sourcing: cots
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-003 niet

  Scenario: BUS-004 meldt applicaties zonder veranderaanpak of training
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
      design:
        culture:
          change_approach: ""
          training: []
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-004 op "design.culture"
    En bevat de melding van regel BUS-004 "veranderaanpak"

  Abstract Scenario: BUS-004 vuurt niet als veranderaanpak of training is beschreven
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
      design:
        culture:
          <veld>: <waarde>
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-004 niet

    Voorbeelden:
      | veld            | waarde                                 |
      | change_approach | co-creatie met medewerkers van het KCC |
      | training        | [zaakgericht werken voor behandelaars] |

  Scenario: BUS-004 vuurt niet als de applicaties alleen lege items zijn
    Gegeven een initiatief met:
      """yaml
      operations:
        applications: [~]
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-004 niet

  Scenario: BUS-005 meldt belanghebbenden zonder mensperspectief
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Gemeenteraad
          perspective: profit
        - name: Waterschap
          perspective: planet
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-005 op "stakeholders"
    En bevat de melding van regel BUS-005 "mensperspectief"

  Abstract Scenario: BUS-005 vuurt niet zonder belanghebbenden
    Gegeven een initiatief met:
      """yaml
      stakeholders: <belanghebbenden>
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-005 niet

    Voorbeelden:
      | belanghebbenden |
      | ~               |
      | []              |

  Scenario: BUS-005 vuurt niet als er een belanghebbende met mensperspectief is
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Gemeenteraad
          perspective: profit
        - name: Inwoners
          perspective: people
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-005 niet

  Scenario: BUS-006 meldt elk doel zonder succescriteria
    Gegeven een initiatief met:
      """yaml
      direction:
        goals:
          - description: 80% van de aanvragen digitaal in 2027
            success_criteria: [doorlooptijd onder 20 werkdagen]
          - description: Snellere afhandeling
          - description: Minder bezwaarschriften
            success_criteria: []
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-006 2 keer
    En vuurt regel BUS-006 op "direction.goals[1].success_criteria"
    En vuurt regel BUS-006 op "direction.goals[2].success_criteria"
    En bevat de melding van regel BUS-006 "succescriteria"

  Scenario: BUS-006 vuurt niet als elk doel succescriteria heeft
    Gegeven een initiatief met:
      """yaml
      direction:
        goals:
          - description: 80% van de aanvragen digitaal in 2027
            success_criteria: [doorlooptijd onder 20 werkdagen]
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-006 niet

  Scenario: BUS-007 meldt een initiatief zonder fase
    Gegeven een initiatief met:
      """yaml
      owner:
        name: Afdeling Vergunningen
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-007 op "phase"
    En bevat de melding van regel BUS-007 "fase"

  Scenario: BUS-007 ziet een null fase als ontbrekend
    Gegeven een initiatief met:
      """yaml
      phase: ~
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-007 op "phase"

  Scenario: BUS-007 vuurt niet als de fase is genoemd
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-007 niet

  Scenario: BUS-008 meldt elk resultaat zonder indicator of streefwaarde
    Gegeven een initiatief met:
      """yaml
      results:
        outputs:
          - description: Online aanvraagformulier
            indicator: percentage aanvragen dat digitaal binnenkomt
            target: "80%"
          - description: Statusinformatie
            indicator: aantal statusberichten
        outcomes:
          - description: Snellere vergunningverlening
            indicator: "  "
            target: 20
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-008 2 keer
    En vuurt regel BUS-008 op "results.outputs[1]"
    En vuurt regel BUS-008 op "results.outcomes[0]"
    En bevat de melding van regel BUS-008 "indicator"

  Scenario: BUS-008 ziet een streefwaarde van 0 als ingevuld
    Gegeven een initiatief met:
      """yaml
      results:
        outcomes:
          - description: Geen achterstand meer
            indicator: aantal openstaande aanvragen
            baseline: 120
            target: 0
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-008 niet

  Scenario: BUS-009 meldt een ambitie onder de huidige volwassenheid
    Gegeven een initiatief met:
      """yaml
      maturity:
        current:
          service_delivery: basis
          data: integration
        target:
          service_delivery: integration
          data: development
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-009 1 keer
    En vuurt regel BUS-009 op "maturity.target.data"
    En bevat de melding van regel BUS-009 "data"

  Abstract Scenario: BUS-009 vuurt niet bij een gelijke of hogere ambitie of een onbekend huidig niveau
    Gegeven een initiatief met:
      """yaml
      maturity:
        current: <huidig>
        target: <ambitie>
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-009 niet

    Voorbeelden:
      | huidig              | ambitie                        |
      | {data: basis}       | {data: basis}                  |
      | {data: basis}       | {data: transformation}         |
      | {data: integration} | {service_delivery: initiation} |
      | ~                   | {data: initiation}             |
      | {data: ~}           | {data: initiation}             |
