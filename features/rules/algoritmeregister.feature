# language: nl
Functionaliteit: Controles vóór publicatie in het Algoritmeregister (ALG-001 … ALG-009)
  Als organisatie die haar algoritmes publiceert
  wil ik dat idm een registratie toetst aan de publicatiestandaard van het Algoritmeregister voordat ik haar exporteer
  zodat het register geen registratie weigert en het publiek niets leest wat het portfolio tegenspreekt

  Achtergrond:
    Gegeven de evaluatiedatum 2026-11-22

  Scenario: ALG-001 noemt het idm-veld dat voor een verplicht veld van de standaard gevuld moet worden
    Gegeven een initiatief met:
      """yaml
      organisation: {name: Gemeente Rivierstad}
      ai_systems:
        - name: Parkeerscan
          status: in-use
          impactful: true
          contact: algoritmes@rivierstad.nl
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-001 op "ai_systems[0].purpose"
    En bevat de melding van regel ALG-001 "vul ai_systems[0].purpose"

  Scenario: ALG-001 toetst alleen systemen die gepubliceerd moeten worden
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Documentherkenning
          risk_class: minimal
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-001 niet

  Scenario: Een hoog-risicosysteem zonder registratiegegevens is eerst een zaak van LEG-016
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Risicomodel bijstand
          purpose: Voorspellen welke aanvragen extra controle nodig hebben
          risk_class: high
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-016 op "ai_systems[0].register.algoritmeregister"
    Maar vuurt regel ALG-001 niet

  Scenario: ALG-001 noemt alle lege verplichte velden, ook die van het initiatief
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Risicomodel bijstand
          purpose: Voorspellen welke aanvragen extra controle nodig hebben
          risk_class: high
          register: {algoritmeregister: https://algoritmes.overheid.nl/nl/algoritme/12345}
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-001 op "organisation.name"
    En bevat de melding van regel ALG-001 "organisation.name, ai_systems[0].status, ai_systems[0].contact"
    En vuurt regel ALG-002 niet

  Scenario: ALG-002 vraagt om impactful als de publicatiecategorie niet te bepalen is
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - {name: Parkeerscan, status: in-use}
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-002 op "ai_systems[0].impactful"

  Scenario: ALG-003 meldt een korte omschrijving boven de 350 tekens
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Parkeerscan
          status: in-use
          purpose: "Dit algoritme leest kentekens van geparkeerde auto's en controleert of er een parkeerrecht is. Dit algoritme leest kentekens van geparkeerde auto's en controleert of er een parkeerrecht is. Dit algoritme leest kentekens van geparkeerde auto's en controleert of er een parkeerrecht is. Dit algoritme leest kentekens van geparkeerde auto's en controleert of er een parkeerrecht is."
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-003 op "ai_systems[0]"
    En bevat de melding van regel ALG-003 "langer is dan de publicatiestandaard voor dat veld toestaat"

  Scenario: ALG-004 en ALG-005 toetsen de thema's aan de lijst van de standaard
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Parkeerscan
          status: in-use
          themes: [Verkeer, Parkeren, Werk, Wonen]
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-004 op "ai_systems[0].themes"
    En vuurt regel ALG-005 op "ai_systems[0].themes"

  Scenario: Thema's van de lijst, ook anders geschreven, zijn goed
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Parkeerscan
          status: in-use
          themes: [verkeer, "Openbare  orde en veiligheid"]
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-004 niet
    En vuurt regel ALG-005 niet

  Scenario: ALG-006 staat in de lange teksten alleen de toegestane HTML toe
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Parkeerscan
          status: in-use
          proportionality: <p>Sneller dan controle te voet.</p><ul><li>minder kosten</li></ul>
          risks: <a href="https://example.org">risico's</a>
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-006 op "ai_systems[0]"

  Scenario: ALG-007 meldt een systeem in gebruik bij een initiatief dat nog in initiatie is
    Gegeven een initiatief met:
      """yaml
      phase: initiation
      ai_systems:
        - {name: Parkeerscan, status: in-use}
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-007 op "ai_systems[0].status"

  Scenario: ALG-008 meldt een einddatum bij een systeem dat in gebruik is
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      ai_systems:
        - {name: Parkeerscan, status: in-use, in_use_since: 2024-01, in_use_until: 2026-06}
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-008 op "ai_systems[0].in_use_until"
    En vuurt regel ALG-007 niet

  Scenario: ALG-009 meldt dat een verboden systeem nooit wordt geregistreerd
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - {name: Sociale score, risk_class: prohibited, status: in-use}
      """
    Als ik het initiatief controleer
    Dan vuurt regel ALG-009 op "ai_systems[0].risk_class"
    En vuurt regel LEG-011 op "ai_systems[0].risk_class"
    En vuurt regel ALG-001 niet

  Scenario: Een verboden systeem dat niet voor het register wordt voorbereid, meldt alleen LEG-011
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - {name: Sociale score, risk_class: prohibited}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-011 op "ai_systems[0].risk_class"
    Maar vuurt regel ALG-009 niet

  Scenario: Wetgeving als titel met link telt voor de regels als de titel
    Gegeven een initiatief met:
      """yaml
      design: {privacy: {personal_data: true}}
      principles:
        legislation:
          - {title: AVG, url: https://wetten.overheid.nl/BWBR0040940}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-007 niet
