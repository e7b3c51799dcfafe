# language: nl
Functionaliteit: Informatie (INF)
  Als compliance officer
  wil ik dat elke gegevensverzameling een eigenaar heeft en dat persoonsgegevens overal in het initiatief hetzelfde worden aangegeven en beschermd
  zodat gegevens één bron van waarheid hebben en geen privacywaarborg ongemerkt wordt overgeslagen

  Scenario: INF-001 meldt een gegevensverzameling zonder eigenaar
    Gegeven een initiatief met:
      """yaml
      operations:
        data:
          - name: Aanvraaggegevens
            owner: Afdeling Vergunningen
          - name: Besluiten
            owner: "  "
          - name: Adresgegevens
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-001 2 keer
    En vuurt regel INF-001 op "operations.data[1].owner"
    En vuurt regel INF-001 op "operations.data[2].owner"
    En bevat de melding van regel INF-001 "eigenaar"

  Scenario: INF-001 slaat lege items in de lijst over
    Gegeven een initiatief met:
      """yaml
      operations:
        data:
          - ~
          - name: Aanvraaggegevens
            owner: Afdeling Vergunningen
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-001 niet

  Scenario: INF-002 meldt persoonsgegevens die als open data zijn gemarkeerd
    Gegeven een initiatief met:
      """yaml
      operations:
        data:
          - name: Meldingen openbare ruimte
            personal: true
            open_data: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-002 op "operations.data[0].open_data"
    En bevat de melding van regel INF-002 "open data"

  Abstract Scenario: INF-002 vuurt niet als de gegevens niet met true als persoonsgegevens zijn aangegeven
    Gegeven een initiatief met:
      """yaml
      operations:
        data:
          - name: Verkeerstellingen
            personal: <persoonlijk>
            open_data: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-002 niet

    Voorbeelden:
      | persoonlijk |
      | false       |
      | ~           |

  Scenario: INF-002 vuurt niet als persoonsgegevens niet open zijn
    Gegeven een initiatief met:
      """yaml
      operations:
        data:
          - name: Aanvraaggegevens
            personal: true
            open_data: false
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-002 niet

  Abstract Scenario: INF-003 meldt persoonsgegevens die het ontwerp niet kent
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: <ontwerp>
      operations:
        data:
          - name: Aanvraaggegevens
            personal: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-003 op "operations.data[0].personal"
    En bevat de melding van regel INF-003 "persoonsgegevens"

    Voorbeelden:
      | ontwerp |
      | false   |
      | ~       |

  Scenario: INF-003 meldt ook persoonsgegevens als het ontwerp de privacy helemaal niet beschrijft
    Gegeven een initiatief met:
      """yaml
      operations:
        data:
          - name: Verkeerstellingen
            personal: false
          - name: Aanvraaggegevens
            personal: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-003 1 keer
    En vuurt regel INF-003 op "operations.data[1].personal"

  Scenario: INF-003 vuurt niet als ontwerp en uitvoering overeenkomen
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      operations:
        data:
          - name: Aanvraaggegevens
            personal: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-003 niet

  Scenario: INF-004 meldt te lage vertrouwelijkheid voor persoonsgegevens
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
        security:
          classification:
            confidentiality: 1
            integrity: 2
            availability: 2
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-004 op "design.security.classification.confidentiality"
    En bevat de melding van regel INF-004 "lager dan 2"

  Abstract Scenario: INF-004 vuurt niet bij voldoende of ontbrekende vertrouwelijkheid
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
        security:
          classification:
            confidentiality: <vertrouwelijkheid>
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-004 niet

    Voorbeelden:
      | vertrouwelijkheid |
      | 2                 |
      | 3                 |
      | ~                 |

  Scenario: INF-004 vuurt niet zonder persoonsgegevens
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: false
        security:
          classification:
            confidentiality: 1
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-004 niet

  Scenario: INF-005 meldt een uitkomst voor een onbekende belanghebbende
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Inwoners
          perspective: people
      results:
        outcomes:
          - description: Snellere vergunningverlening
            indicator: doorlooptijd in werkdagen
            target: 20
            stakeholder: Ondernemers
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-005 op "results.outcomes[0].stakeholder"
    En bevat de melding van regel INF-005 "Ondernemers"

  Scenario: INF-005 meldt een genoemde belanghebbende als er geen belanghebbenden zijn
    Gegeven een initiatief met:
      """yaml
      results:
        outcomes:
          - description: Snellere vergunningverlening
            stakeholder: Inwoners
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-005 op "results.outcomes[0].stakeholder"

  Abstract Scenario: INF-005 vergelijkt namen genormaliseerd
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: "Afdeling  Vergunningen "
          perspective: people
      results:
        outcomes:
          - description: Minder handwerk
            stakeholder: "<naam>"
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-005 niet

    Voorbeelden:
      | naam                       |
      | Afdeling Vergunningen      |
      | afdeling vergunningen      |
      | AFDELING\u00a0VERGUNNINGEN |
      | afdeling   vergunningen    |

  Scenario: INF-005 vuurt niet als de uitkomst geen belanghebbende noemt
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Inwoners
          perspective: people
      results:
        outcomes:
          - description: Snellere vergunningverlening
            stakeholder: "   "
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-005 niet
