# language: nl
Functionaliteit: Archivering (INF-006, INF-007)
  Als compliance officer
  wil ik dat een initiatief dat informatie bewaart een selectielijst noemt en bij elke bewaartermijn zegt wat er daarna gebeurt
  zodat dossiers op tijd worden vernietigd of overgebracht, zoals de Archiefwet vraagt

  Scenario: INF-006 meldt een initiatief met informatieobjecten zonder selectielijst
    Gegeven een initiatief met:
      """yaml
      phase: foundation
      design:
        information: [Aanvraag, Besluit]
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-006 op "design.records.selectielijst"

  Abstract Scenario: INF-006 geldt vanaf de fase foundation en alleen als er informatie wordt bewaard
    Gegeven een initiatief met:
      """yaml
      phase: <fase>
      operations:
        information_objects: <objecten>
      design:
        records: {selectielijst: <selectielijst>}
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-006 <uitkomst>

    Voorbeelden:
      | fase        | objecten           | selectielijst                                             | uitkomst                            |
      | improvement | [Vergunningdossier] | ~                                                         | op "design.records.selectielijst" |
      | initiation  | [Vergunningdossier] | ~                                                         | niet                                |
      | foundation  | ~                  | ~                                                         | niet                                |
      | foundation  | [Vergunningdossier] | Selectielijst gemeenten en intergemeentelijke organen 2020 | niet                                |

  Scenario: INF-007 meldt elke bewaartermijn zonder termijn of actie
    Gegeven een initiatief met:
      """yaml
      design:
        records:
          retention:
            - {object: Vergunningdossier, term: P20Y, action: transfer}
            - {object: Correspondentie, term: P7Y}
            - {object: Klachten, action: destroy}
      """
    Als ik het initiatief controleer
    Dan vuurt regel INF-007 2 keer
    En vuurt regel INF-007 op "design.records.retention[1]"
    En vuurt regel INF-007 op "design.records.retention[2]"
    En bevat de melding van regel INF-007 "Correspondentie"

  Scenario: Het voorbeeld van het zaaksysteem
    Gegeven het initiatiefbestand "../../examples/v1.1/zaaksysteem-archief.yaml"
    Als ik het initiatief controleer
    Dan vuurt regel INF-006 op "design.records.selectielijst"
    En vuurt regel INF-007 op "design.records.retention[1]"
    En vuurt regel LEG-012 op "ai_systems"
    En vuurt regel BUS-012 op "budget.acict"
