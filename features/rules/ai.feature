# language: nl
Functionaliteit: AI-systemen en het Algoritmeregister (LEG-011 … LEG-017)
  Als compliance officer
  wil ik dat elk AI-systeem dat een initiatief noemt aan de AI-verordening en het Algoritmeregister wordt getoetst
  zodat de architectuurboard geen verboden, ongeclassificeerd of onbeheerst AI-systeem goedkeurt

  Achtergrond:
    Gegeven de evaluatiedatum 2027-12-15

  Scenario: LEG-011 meldt een verboden AI-praktijk en verder niets over dat systeem
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Signalering sociaal gedrag
          risk_class: prohibited
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-011 op "ai_systems[0].risk_class"
    En bevat de melding van regel LEG-011 "Signalering sociaal gedrag"
    En vuurt regel LEG-013 niet
    En vuurt regel LEG-015 niet
    En vuurt regel LEG-016 niet

  Scenario: LEG-011 kan niet met een uitzondering worden opgeschort
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Signalering sociaal gedrag
          risk_class: prohibited
      principles:
        exceptions:
          - rule: LEG-011
            justification: Pilot
            approved_by: CIO
            expires: 2028-06-30
      """
    Als ik het initiatief controleer
    Dan is de bevinding van regel LEG-011 niet opgeschort

  Scenario: LEG-011 geldt pas vanaf 2 februari 2025
    Gegeven de evaluatiedatum 2025-02-01
    En een initiatief met:
      """yaml
      ai_systems: [{name: Sociale score, risk_class: prohibited}]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-011 niet

  Scenario: LEG-012 meldt een AI-systeem zonder risicoklasse
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Chatbot Vraagbaak
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-012 op "ai_systems[0]"
    En bevat de melding van regel LEG-012 "Chatbot Vraagbaak"

  Scenario: LEG-012 meldt eenmaal een initiatief dat naar AI klinkt maar geen ai_systems heeft
    Gegeven een initiatief met:
      """yaml
      title: Risicoscore voor vergunningaanvragen
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-012 1 keer
    En vuurt regel LEG-012 op "ai_systems"

  Scenario: LEG-012 vuurt niet als elk AI-systeem is geclassificeerd
    Gegeven een initiatief met:
      """yaml
      title: Risicoscore voor vergunningaanvragen
      ai_systems:
        - {name: Risicoscore, risk_class: high}
        - {name: Spellingcontrole, risk_class: not-ai}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-012 niet

  Scenario: LEG-013 meldt hoog-risico-AI zonder menselijk toezicht
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - {name: Risicomodel bijstand, risk_class: high}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-013 op "ai_systems[0].human_oversight"

  Scenario: LEG-013 vuurt niet als het toezicht is beschreven, en niet vóór 2 december 2027
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - name: Risicomodel bijstand
          risk_class: high
          human_oversight: Een medewerker beoordeelt elke hoge score voordat er iets gebeurt
      """
    En een initiatief met:
      """yaml
      ai_systems:
        - {name: Risicomodel bijstand, risk_class: high}
      """
    En de evaluatiedatum 2027-12-01
    Als ik het initiatief controleer
    Dan vuurt regel LEG-013 niet

  Abstract Scenario: LEG-014 vergelijkt de bewaartermijn van logbestanden als duur
    Gegeven een initiatief met:
      """yaml
      ai_systems:
        - {name: Risicomodel bijstand, risk_class: high, role: <rol>, log_retention: <termijn>}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-014 <uitkomst>

    Voorbeelden:
      | rol      | termijn | uitkomst                         |
      | deployer | P3M     | op "ai_systems[0].log_retention" |
      | deployer | P90D    | op "ai_systems[0].log_retention" |
      | ~        | ~       | op "ai_systems[0].log_retention" |
      | deployer | P6M     | niet                             |
      | deployer | P1Y     | niet                             |
      | deployer | P12M    | niet                             |
      | provider | P1M     | niet                             |

  Abstract Scenario: LEG-015 eist een tijdige grondrechteneffectbeoordeling van een overheidsorgaan
    Gegeven een initiatief met:
      """yaml
      phase: <fase>
      ai_systems:
        - {name: Risicomodel bijstand, risk_class: high, fria: {status: <status>}}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-015 <uitkomst>

    Voorbeelden:
      | fase        | status     | uitkomst                      |
      | foundation  | ~          | op "ai_systems[0].fria.status" |
      | foundation  | not-needed | op "ai_systems[0].fria.status" |
      | improvement | planned    | op "ai_systems[0].fria.status" |
      | foundation  | planned    | niet                          |
      | improvement | done       | niet                          |

  Scenario: LEG-015 geldt niet voor een organisatie die geen overheidsorgaan is
    Gegeven een initiatief met:
      """yaml
      organisation: {name: Zorgverzekeraar X, type: other}
      ai_systems:
        - {name: Risicomodel declaraties, risk_class: high}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-015 niet
    En vuurt regel LEG-016 niet
    En vuurt regel LEG-017 niet
    Maar vuurt regel LEG-013 op "ai_systems[0].human_oversight"

  Scenario: LEG-016 meldt een hoog-risico- of beperkt-risico-algoritme dat niet in het Algoritmeregister staat
    Gegeven de evaluatiedatum 2026-11-22
    En een initiatief met:
      """yaml
      ai_systems:
        - {name: Risicomodel bijstand, risk_class: high}
        - {name: Chatbot Vraagbaak, risk_class: limited, register: {algoritmeregister: "https://algoritmes.overheid.nl/nl/algoritme/1"}}
        - {name: Spamfilter, risk_class: minimal}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-016 1 keer
    En vuurt regel LEG-016 op "ai_systems[0].register.algoritmeregister"

  Scenario: LEG-017 meldt hoog-risico-AI van een overheidsorgaan zonder registratie in de EU-databank
    Gegeven een initiatief met:
      """yaml
      organisation: {name: Gemeente Rivierstad, type: municipality}
      ai_systems:
        - {name: Risicomodel bijstand, risk_class: high, role: deployer}
        - {name: Eigen model, risk_class: high, role: provider}
        - {name: Geregistreerd model, risk_class: high, register: {eu_database: EU-DB-2027-000123}}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-017 1 keer
    En vuurt regel LEG-017 op "ai_systems[0].register.eu_database"

  Scenario: Het voorbeeld van het risicomodel bijstand op 15 december 2027
    Gegeven het initiatiefbestand "../../examples/v1.1/ai-risicomodel-bijstand.yaml"
    Als ik het initiatief controleer
    Dan vuurt regel LEG-011 op "ai_systems[1].risk_class"
    En vuurt regel LEG-012 op "ai_systems[2]"
    En vuurt regel LEG-013 op "ai_systems[0].human_oversight"
    En vuurt regel LEG-014 op "ai_systems[0].log_retention"
    En vuurt regel LEG-015 op "ai_systems[0].fria.status"
    En vuurt regel LEG-016 op "ai_systems[0].register.algoritmeregister"
    En vuurt regel LEG-017 op "ai_systems[0].register.eu_database"

  Scenario: Het voorbeeld van het risicomodel bijstand vóór de hoog-risicoverplichtingen
    Gegeven de evaluatiedatum 2026-11-22
    En het initiatiefbestand "../../examples/v1.1/ai-risicomodel-bijstand.yaml"
    Als ik het initiatief controleer
    Dan vuurt regel LEG-011 op "ai_systems[1].risk_class"
    En vuurt regel LEG-016 op "ai_systems[0].register.algoritmeregister"
    Maar vuurt regel LEG-013 niet
    En vuurt regel LEG-014 niet
    En vuurt regel LEG-015 niet
    En vuurt regel LEG-017 niet
