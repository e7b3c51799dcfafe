# language: nl
Functionaliteit: Websites en apps van de overheid (LEG-018, LEG-019)
  Als compliance officer
  wil ik dat elke openbare website of app van een overheidsorgaan HTTPS met HSTS en een toegankelijkheidsverklaring heeft
  zodat inwoners veilig en zonder drempels de digitale overheid kunnen gebruiken

  Scenario: LEG-018 meldt een openbare website zonder HSTS
    Gegeven een initiatief met:
      """yaml
      operations:
        channels:
          - {name: Evenementenloket, type: website, https: true, hsts: false}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-018 op "operations.channels[0]"
    En bevat de melding van regel LEG-018 "Evenementenloket"

  Abstract Scenario: LEG-018 kijkt alleen naar openbare websites, apps en extranetten
    Gegeven een initiatief met:
      """yaml
      operations:
        channels:
          - {name: Kanaal, type: <type>, public: <openbaar>}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-018 <uitkomst>

    Voorbeelden:
      | type     | openbaar | uitkomst                     |
      | website  | ~        | op "operations.channels[0]" |
      | app      | ~        | op "operations.channels[0]" |
      | extranet | true     | op "operations.channels[0]" |
      | extranet | ~        | niet                         |
      | website  | false    | niet                         |
      | intranet | ~        | niet                         |
      | api      | true     | niet                         |

  Scenario: LEG-018 vuurt niet bij HTTPS en HSTS, en niet voor een organisatie die geen overheidsorgaan is
    Gegeven een initiatief met:
      """yaml
      operations:
        channels:
          - {name: Evenementenloket, type: website, https: true, hsts: true}
      """
    En een initiatief met:
      """yaml
      organisation: {name: Stichting Evenementen, type: other}
      operations:
        channels:
          - {name: Webwinkel, type: website}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-018 niet

  Scenario: LEG-018 geldt pas vanaf 1 juli 2023
    Gegeven de evaluatiedatum 2023-06-30
    En een initiatief met:
      """yaml
      operations:
        channels: [{name: Evenementenloket, type: website}]
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-018 niet

  Abstract Scenario: LEG-019 meldt een ontbrekende of onvoldoende toegankelijkheidsverklaring
    Gegeven een initiatief met:
      """yaml
      operations:
        channels:
          - name: Evenementenloket
            type: website
            https: true
            hsts: true
            accessibility: {statement_url: <verklaring>, status: <status>}
      """
    Als ik het initiatief controleer
    Dan vuurt regel LEG-019 <uitkomst>

    Voorbeelden:
      | verklaring                                            | status | uitkomst                                   |
      | ~                                                     | ~      | op "operations.channels[0].accessibility" |
      | https://www.toegankelijkheidsverklaring.nl/register/1 | C      | op "operations.channels[0].accessibility" |
      | https://www.toegankelijkheidsverklaring.nl/register/1 | E      | op "operations.channels[0].accessibility" |
      | https://www.toegankelijkheidsverklaring.nl/register/1 | A      | niet                                       |
      | https://www.toegankelijkheidsverklaring.nl/register/1 | B      | niet                                       |

  Scenario: Het voorbeeld van het evenementenloket
    Gegeven het initiatiefbestand "../../examples/v1.1/website-evenementenloket.yaml"
    Als ik het initiatief controleer
    Dan vuurt regel LEG-018 1 keer
    En vuurt regel LEG-018 op "operations.channels[0]"
    En vuurt regel LEG-019 1 keer
    En vuurt regel LEG-019 op "operations.channels[0].accessibility"
