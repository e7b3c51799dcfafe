# language: nl
Functionaliteit: Verplichtingen van overheden die het formaat niet kent
  Als compliance officer van een gemeente
  wil ik regels schrijven voor continuïteit, de Cyberbeveiligingswet, de Woo en toegankelijkheidsverklaringen
  zodat die verplichtingen getoetst worden op velden die ons pakket declareert, niet op trefwoorden in vrije tekst

  Achtergrond:
    Gegeven de evaluatiedatum 2026-12-01

  Scenario: OBL-001 vraagt een geteste herstelprocedure bij beschikbaarheidsklasse 2 of hoger
    Gegeven een initiatief met:
      """yaml
      design:
        security:
          classification: {confidentiality: 2, integrity: 2, availability: 2}
          continuity:
            plan: https://intranet.rivierstad.nl/continuiteit/vergunningen
            restore_tested: 2025-10-01
      """
    Als ik het initiatief controleer
    Dan vuurt regel OBL-001 op "design.security.continuity.restore_tested"
    En bevat de melding van regel OBL-001 "1 oktober 2025"

  Scenario: OBL-001 is tevreden met een hersteltest van dit jaar
    Gegeven een initiatief met:
      """yaml
      design:
        security:
          classification: {confidentiality: 2, integrity: 2, availability: 3}
          continuity: {restore_tested: 2026-05-12, recovery_time: P1D}
      """
    Als ik het initiatief controleer
    Dan vuurt regel OBL-001 niet

  Scenario: OBL-002 meldt een essentiële entiteit die zich niet registreerde
    Gegeven een initiatief met:
      """yaml
      cbw:
        entity: essential
        sector: overheid
        board_training: 2026-03-01
      """
    Als ik het initiatief controleer
    Dan vuurt regel OBL-002 op "cbw.registered"
    En vuurt regel OBL-003 niet

  Scenario: OBL-002 en OBL-003 zijn tevreden met registratie en een recente training
    Gegeven een initiatief met:
      """yaml
      cbw: {entity: important, registered: true, registered_on: 2026-04-01, board_training: 2026-03-01}
      """
    Als ik het initiatief controleer
    Dan vuurt regel OBL-002 niet
    En vuurt regel OBL-003 niet

  Scenario: OBL-003 meldt een bestuurstraining van meer dan een jaar geleden
    Gegeven een initiatief met:
      """yaml
      cbw: {entity: important, registered: true, board_training: 2025-11-30}
      """
    Als ik het initiatief controleer
    Dan vuurt regel OBL-003 op "cbw.board_training"

  Scenario: OBL-004 vraagt per informatieobject een Woo-publicatietermijn binnen het maximum
    Gegeven een initiatief met:
      """yaml
      operations:
        woo_publication:
          - {object: Raadsvoorstel, category: vergaderstukken, term: P2W}
          - {object: Subsidiebeschikking, category: beschikkingen}
          - {object: Convenant, category: convenanten, term: P3M}
      """
    Als ik het initiatief controleer
    Dan vuurt regel OBL-004 2 keer
    En vuurt regel OBL-004 op "operations.woo_publication[1].term"
    En vuurt regel OBL-004 op "operations.woo_publication[2].term"

  Scenario: OBL-005 meldt een toegankelijkheidsverklaring ouder dan een jaar
    Gegeven een initiatief met:
      """yaml
      operations:
        channels:
          - name: Evenementenloket
            type: website
            url: https://loket.rivierstad.nl
            accessibility: {standard: EN 301 549, status: B, statement_date: 2025-11-01}
          - name: Medewerkersportaal
            type: website
            public: false
      """
    Als ik het initiatief controleer
    Dan vuurt regel OBL-005 1 keer
    En vuurt regel OBL-005 op "operations.channels[0].accessibility.statement_date"
