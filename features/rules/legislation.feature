# language: nl
Functionaliteit: Wetgeving (LEG)
  Als compliance officer
  wil ik dat elk initiatief laat zien hoe het aan de AVG, de Archiefwet, de toegankelijkheidseisen en de AI-verordening voldoet
  zodat de architectuurboard geen initiatief goedkeurt dat een wettelijke verplichting over het hoofd ziet

  Scenario: LEG-001 meldt verwerking van persoonsgegevens zonder doel
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-001 op "design.privacy.purpose"
    En bevat de melding van regel LEG-001 "doel"

  Abstract Scenario: LEG-001 ziet een leeg of null doel als ontbrekend
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          purpose: <doel>
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-001 op "design.privacy.purpose"

    Voorbeelden:
      | doel     |
      | ~        |
      | null     |
      | ""       |
      | "   "    |
      | "\u00a0" |

  Abstract Scenario: LEG-001 vuurt niet zolang persoonsgegevens niet met true zijn aangegeven
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: <persoonsgegevens>
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-001 niet
    En vuurt regel LEG-002 niet

    Voorbeelden:
      | persoonsgegevens |
      | false            |
      | ~                |

  Scenario: LEG-001 vuurt niet als het doel is vastgelegd
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          purpose: Behandelen van een vergunningaanvraag
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-001 niet

  Scenario: LEG-002 meldt verwerking van persoonsgegevens zonder grondslag
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          purpose: Behandelen van een vergunningaanvraag
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-002 op "design.privacy.legal_basis"
    En bevat de melding van regel LEG-002 "grondslag"

  Scenario: LEG-002 vuurt niet als de grondslag is vastgelegd
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          legal_basis: public-task
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-002 niet

  Scenario: LEG-003 meldt een ontbrekende DPIA-afweging bij gewone verwerking
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          special_categories: false
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-003 op "design.privacy.dpia.status"
    En vuurt regel LEG-004 niet

  Scenario: LEG-003 vuurt niet als de pre-scan uitwijst dat geen DPIA nodig is
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          dpia:
            status: not-needed
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-003 niet
    En vuurt regel LEG-004 niet

  Scenario: LEG-003 vuurt niet bij verwerking met hoog risico, daar meldt LEG-004 de DPIA
    Gegeven een initiatief met:
      """yaml
      title: Risicoscore voor bijstandsaanvragen
      design:
        privacy:
          personal_data: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-003 niet
    En vuurt regel LEG-004 op "design.privacy.dpia.status"

  Scenario: LEG-004 meldt bijzondere persoonsgegevens zonder DPIA
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          special_categories: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-004 op "design.privacy.dpia.status"
    En vuurt regel LEG-003 niet

  Abstract Scenario: LEG-004 meldt een DPIA die bij hoog risico niet (op tijd) is uitgevoerd
    Gegeven een initiatief met:
      """yaml
      title: <titel>
      phase: <fase>
      design:
        privacy:
          personal_data: true
          dpia:
            status: <status>
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-004 op "design.privacy.dpia.status"

    Voorbeelden:
      | titel                                  | fase                   | status     |
      | Risicoscore voor bijstandsaanvragen    | initiation             | not-needed |
      | Fraudesignalering met machine learning | foundation             | ~          |
      | Profilering van aanvragers             | improvement            | planned    |
      | Algoritme voor handhavingsprioriteit   | continuous-improvement | planned    |

  Abstract Scenario: LEG-004 accepteert een geplande DPIA tot en met de fase foundation
    Gegeven een initiatief met:
      """yaml
      phase: <fase>
      design:
        privacy:
          personal_data: true
          special_categories: true
          dpia:
            status: planned
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-004 niet

    Voorbeelden:
      | fase       |
      | ~          |
      | initiation |
      | foundation |

  Scenario: LEG-004 vuurt niet als de DPIA is uitgevoerd
    Gegeven een initiatief met:
      """yaml
      phase: improvement
      title: Risicoscore voor bijstandsaanvragen
      design:
        privacy:
          personal_data: true
          dpia:
            status: done
            date: 2026-09-01
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-004 niet

  Scenario: LEG-004 ziet het noemen van de AI-verordening als AI-gebruik
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      principles:
        legislation: [AVG, AI-verordening]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-004
    En vuurt regel LEG-003 niet

  Scenario: LEG-005 meldt persoonsgegevens zonder bewaartermijn
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-005 op "design.privacy.retention"
    En bevat de melding van regel LEG-005 "bewaartermijn"

  Scenario: LEG-005 meldt ook informatieobjecten zonder persoonsgegevens zonder bewaartermijn
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: false
      operations:
        information_objects: [Vergunning, Besluit]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-005 op "design.privacy.retention"

  Abstract Scenario: LEG-005 vuurt niet op een lege lijst informatieobjecten
    Gegeven een initiatief met:
      """yaml
      operations:
        information_objects: <objecten>
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-005 niet

    Voorbeelden:
      | objecten |
      | []       |
      | [~, ""]  |

  Scenario: LEG-005 vuurt niet als de bewaartermijn is vastgelegd
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          retention: P7Y
      operations:
        information_objects: [Aanvraag]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-005 niet

  Scenario: LEG-006 meldt elke applicatie met persoonsgegevens buiten de EU
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      operations:
        applications:
          - name: Zaaksysteem
            hosting: non-eu
          - name: Archief
            hosting: on-premise
          - name: Analyseplatform
            hosting: non-eu
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-006 2 keer
    En vuurt regel LEG-006 op "operations.applications[0].hosting"
    En vuurt regel LEG-006 op "operations.applications[2].hosting"
    En bevat de melding van regel LEG-006 "buiten de EU"

  Abstract Scenario: LEG-006 vuurt niet zolang persoonsgegevens niet met true zijn aangegeven
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: <persoonsgegevens>
      operations:
        applications:
          - name: Zaaksysteem
            hosting: non-eu
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-006 niet

    Voorbeelden:
      | persoonsgegevens |
      | false            |
      | ~                |

  Scenario: LEG-007 meldt persoonsgegevens zonder de AVG als kader
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      principles:
        legislation: [Archiefwet, Wet open overheid]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-007 op "principles.legislation"
    En bevat de melding van regel LEG-007 "AVG"

  Abstract Scenario: LEG-007 herkent de AVG onder verschillende namen
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
      principles:
        legislation: [Archiefwet, "<wet>"]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-007 niet

    Voorbeelden:
      | wet                                      |
      | AVG                                      |
      | UAVG                                     |
      | GDPR                                     |
      | Verordening (EU) 2016/679                |
      | Algemene verordening gegevensbescherming |

  Scenario: LEG-008 meldt een dienst voor inwoners zonder toegankelijkheidsstandaard
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Inwoners
          perspective: people
      principles:
        standards: [StUF-ZKN, ZGW-API]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-008 op "principles.standards"
    En bevat de melding van regel LEG-008 "toegankelijkheidsstandaard"

  Abstract Scenario: LEG-008 vuurt niet als een toegankelijkheidsstandaard is genoemd
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Inwoners
          perspective: people
      principles:
        standards: ["<standaard>"]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-008 niet

    Voorbeelden:
      | standaard                                  |
      | WCAG 2.1                                   |
      | EN 301 549                                 |
      | Digitoegankelijk (EN 301 549 met WCAG 2.1) |

  Scenario: LEG-008 vuurt niet als inwoners niet het mensperspectief hebben
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Inwoners
          perspective: profit
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-008 niet

  Scenario: LEG-008 herkent burgers ook binnen een langer woord
    Gegeven een initiatief met:
      """yaml
      stakeholders:
        - name: Medewerkers Burgerzaken
          perspective: people
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-008

  Abstract Scenario: LEG-009 meldt AI-gebruik zonder de AI-verordening als kader
    Gegeven een initiatief met:
      """yaml
      title: <titel>
      principles:
        legislation: [AVG]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-009 op "principles.legislation"
    En bevat de melding van regel LEG-009 "AI-verordening"

    Voorbeelden:
      | titel                                  |
      | Pilot AI-chatbot                       |
      | Kunstmatige intelligentie in het KCC   |
      | Fraudesignalering met machine learning |
      | Inzet van een algoritme bij handhaving |
      | Risicomodellen voor jeugdzorg          |
      | Risicoscore voor bijstandsaanvragen    |
      | Profilering van aanvragers             |

  Scenario: LEG-009 ziet AI ook in de applicaties van het initiatief
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Machinelearning-platform
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-009 op "principles.legislation"

  Abstract Scenario: LEG-009 vuurt niet als de AI-verordening is genoemd
    Gegeven een initiatief met:
      """yaml
      title: Risicoscore voor bijstandsaanvragen
      principles:
        legislation: [AVG, "<wet>"]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-009 niet

    Voorbeelden:
      | wet                        |
      | AI-verordening             |
      | AI Act                     |
      | Verordening (EU) 2024/1689 |

  Scenario: LEG-009 vuurt niet op "ai" midden in een woord
    Gegeven een initiatief met:
      """yaml
      title: Mail-archief en detailhandelsregister
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-009 niet

  Scenario: LEG-010 meldt gerechtvaardigd belang als grondslag
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: true
          legal_basis: legitimate-interest
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-010 op "design.privacy.legal_basis"
    En bevat de melding van regel LEG-010 "gerechtvaardigd belang"

  Scenario: LEG-010 vuurt niet zonder persoonsgegevens
    Gegeven een initiatief met:
      """yaml
      design:
        privacy:
          personal_data: false
          legal_basis: legitimate-interest
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-010 niet
