# language: nl
Functionaliteit: Aanbestedingen, open standaarden en het AcICT (BUS-010 … BUS-012)
  Als compliance officer
  wil ik zien of een aanbesteding om open standaarden van de 'pas toe of leg uit'-lijst vraagt en of grote ICT-projecten bij het AcICT zijn gemeld
  zodat de organisatie niet aan één leverancier vast komt te zitten en grote risico's vooraf worden getoetst

  Scenario: BUS-010 meldt een aanbesteding vanaf 50.000 euro zonder open standaarden
    Gegeven een initiatief met:
      """yaml
      operations:
        procurements:
          - {name: Formulierenbouwer, value_eur: 85000}
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-010 op "operations.procurements[0].standards_required"
    En bevat de melding van regel BUS-010 "Formulierenbouwer"

  Abstract Scenario: BUS-010 vuurt niet onder de drempel, met gevraagde standaarden of met uitgelegde afwijkingen
    Gegeven een initiatief met:
      """yaml
      operations:
        procurements:
          - {name: Aanbesteding, value_eur: <waarde>, standards_required: <standaarden>, deviations: <afwijkingen>}
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-010 <uitkomst>

    Voorbeelden:
      | waarde | standaarden             | afwijkingen                                                       | uitkomst                                             |
      | 50000  | ~                       | ~                                                                 | op "operations.procurements[0].standards_required" |
      | 49999  | ~                       | ~                                                                 | niet                                                 |
      | 450000 | [StUF, Digikoppeling]   | ~                                                                 | niet                                                 |
      | 450000 | ~                       | [{standard: StUF, reason: Geen aanbieder, annual_report_year: 2026}] | niet                                              |

  Scenario: BUS-011 meldt elke afwijking zonder reden of jaarverslag
    Gegeven een initiatief met:
      """yaml
      operations:
        procurements:
          - name: Hosting
            deviations:
              - {standard: StUF, reason: Geen aanbieder, annual_report_year: 2026}
          - name: Zaaksysteem
            deviations:
              - {standard: REST-API Design Rules, reason: Alleen eigen API van de leverancier}
              - {standard: Digikoppeling}
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-011 2 keer
    En vuurt regel BUS-011 op "operations.procurements[1].deviations[0]"
    En vuurt regel BUS-011 op "operations.procurements[1].deviations[1]"
    En bevat de melding van regel BUS-011 "REST-API Design Rules"

  Scenario: BUS-011 vuurt niet als elke afwijking is uitgelegd
    Gegeven een initiatief met:
      """yaml
      operations:
        procurements:
          - name: Zaaksysteem
            deviations:
              - {standard: StUF, reason: Geen aanbieder, annual_report_year: 2026}
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-011 niet

  Scenario: BUS-012 meldt een groot ICT-project van het Rijk dat niet bij het AcICT is gemeld
    Gegeven een initiatief met:
      """yaml
      organisation: {name: Ministerie van Voorbeeldzaken, type: central-government}
      budget: {ict_lifetime_eur: 7500000}
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-012 op "budget.acict"

  Abstract Scenario: BUS-012 vuurt niet na melding, onder de drempel of buiten Rijk en zbo's
    Gegeven een initiatief met:
      """yaml
      organisation: {type: <type>}
      budget: {ict_lifetime_eur: <kosten>, acict: {reported: <gemeld>}}
      """
    Als ik het initiatief controleer
    Dan vuurt regel BUS-012 <uitkomst>

    Voorbeelden:
      | type                            | kosten  | gemeld     | uitkomst          |
      | independent-administrative-body | 5000000 | ~          | op "budget.acict" |
      | central-government              | 7500000 | 2026-02-01 | niet              |
      | central-government              | 4999999 | ~          | niet              |
      | municipality                    | 7500000 | ~          | niet              |

  Scenario: De voorbeelden van het evenementenloket en het zaaksysteem
    Gegeven het initiatiefbestand "../../examples/v1.1/website-evenementenloket.yaml"
    En het initiatiefbestand "../../examples/v1.1/zaaksysteem-archief.yaml"
    Als ik de portfolio controleer
    Dan vuurt regel BUS-010 bij initiatief "INI-2026-061"
    En vuurt regel BUS-011 bij initiatief "INI-2026-061"
    En vuurt regel BUS-012 bij initiatief "INI-2026-077"
