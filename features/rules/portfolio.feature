# language: nl
Functionaliteit: Portfolio (POR)
  Als compliance officer
  wil ik de initiatieven van één controle naast elkaar leggen
  zodat versnippering, dubbele id's, tegenstrijdig eigenaarschap en oplopende structurele lasten zichtbaar worden

  De portfolio is elk initiatief dat in dezelfde controle is geladen; één bestand is een
  portfolio van één. POR-001, POR-002 en POR-005 vergelijken twee verschillende initiatieven
  en melden een bevinding bij elk van beide. POR-003 is één bevinding voor de hele portfolio.
  POR-004 kijkt naar één initiatief tegelijk.

  Scenario: POR-001 twee initiatieven bedienen dezelfde bedrijfsfunctie met andere applicaties
    Gegeven een initiatief "INI-A" met:
      """yaml
      operations:
        business_functions: [Vergunningverlening]
        applications:
          - name: Zaaksysteem X
      """
    En een initiatief "INI-B" met:
      """yaml
      operations:
        business_functions: ["  vergunningverlening "]
        applications:
          - name: Zaaksysteem Y
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-001 bij initiatief "INI-A" op "operations.business_functions[0]"
    En vuurt regel POR-001 bij initiatief "INI-B" op "operations.business_functions[0]"

  Scenario: POR-001 vuurt niet als de initiatieven een applicatie delen
    Gegeven een initiatief "INI-A" met:
      """yaml
      operations:
        business_functions: [Vergunningverlening]
        applications:
          - name: Zaaksysteem X
      """
    En een initiatief "INI-B" met:
      """yaml
      operations:
        business_functions: [Vergunningverlening]
        applications:
          - name: Portaal
          - name: "zaaksysteem  x"
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-001 niet

  Scenario: POR-001 vuurt niet als een van beide geen applicatie met naam noemt
    Gegeven een initiatief "INI-A" met:
      """yaml
      operations:
        business_functions: [Vergunningverlening]
        applications:
          - name: Zaaksysteem X
      """
    En een initiatief "INI-B" met:
      """yaml
      operations:
        business_functions: [Vergunningverlening]
        applications:
          - sourcing: saas
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-001 niet

  Scenario: POR-001 vuurt niet bij één initiatief
    Gegeven een initiatief "INI-A" met:
      """yaml
      operations:
        business_functions: [Vergunningverlening, Vergunningverlening]
        applications:
          - name: Zaaksysteem X
          - name: Zaaksysteem Y
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-001 niet

  Scenario: POR-002 twee initiatieven met dezelfde id
    Gegeven een initiatief "INI-2026-014" met:
      """yaml
      title: Evenementenvergunning digitaal
      """
    En een initiatief "INI-2026-014" met:
      """yaml
      title: Parkeervergunning digitaal
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-002 bij initiatief "INI-2026-014" op "id"
    En vuurt regel POR-002 2 keer

  Scenario: POR-002 id's verschillen alleen in hoofdletters
    Gegeven een initiatief "INI-A" met:
      """yaml
      title: Evenementenvergunning digitaal
      """
    En een initiatief "ini-a" met:
      """yaml
      title: Parkeervergunning digitaal
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-002 niet

  Scenario: POR-002 vuurt niet bij één initiatief
    Gegeven een initiatief "INI-A" met:
      """yaml
      title: Evenementenvergunning digitaal
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-002 niet

  Scenario: POR-003 terugkerende lasten domineren de goedgekeurde portfolio
    Gegeven een initiatief "INI-A" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      budget:
        one_off: 100000
        recurring_per_year: 20000
      """
    En een initiatief "INI-B" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      budget:
        one_off: 19999
        recurring_per_year: 10000
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-003 op portfolioniveau

  Scenario: POR-003 vuurt niet bij gelijkheid
    Gegeven een initiatief "INI-A" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      budget:
        one_off: 100000
        recurring_per_year: 20000
      """
    En een initiatief "INI-B" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      budget:
        one_off: 20000
        recurring_per_year: 10000
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-003 niet

  Scenario: POR-003 telt alleen goedgekeurde initiatieven en vraagt er minstens twee
    Gegeven een initiatief "INI-A" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      budget:
        recurring_per_year: 50000
      """
    En een initiatief "INI-B" met:
      """yaml
      direction:
        portfolio:
          decision: proposed
      budget:
        recurring_per_year: 50000
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-003 niet

  Scenario: POR-003 een ontbrekend bedrag telt als 0
    Gegeven een initiatief "INI-A" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      budget:
        recurring_per_year: 5000
      """
    En een initiatief "INI-B" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-003 op portfolioniveau

  Scenario: POR-004 goedgekeurd initiatief zonder doelen, ook als enige in de controle
    Gegeven een initiatief "INI-A" met:
      """yaml
      direction:
        portfolio:
          decision: approved
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-004 bij initiatief "INI-A" op "direction.goals"

  Scenario: POR-004 vuurt ook bij een losse controle van één initiatief
    Gegeven een initiatief met:
      """yaml
      direction:
        portfolio:
          decision: approved
        goals: []
      """
    Als ik het initiatief controleer
    Dan vuurt regel POR-004 op "direction.goals"

  Scenario: POR-004 vuurt niet bij een voorgesteld initiatief zonder doelen
    Gegeven een initiatief met:
      """yaml
      direction:
        portfolio:
          decision: proposed
      """
    Als ik het initiatief controleer
    Dan vuurt regel POR-004 niet

  Scenario: POR-005 twee initiatieven noemen een andere eigenaar voor dezelfde gegevens
    Gegeven een initiatief "INI-A" met:
      """yaml
      operations:
        data:
          - name: Aanvraaggegevens
            owner: Afdeling Vergunningen
      """
    En een initiatief "INI-B" met:
      """yaml
      operations:
        data:
          - name: " aanvraaggegevens"
            owner: Afdeling Dienstverlening
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-005 bij initiatief "INI-A" op "operations.data[0].owner"
    En vuurt regel POR-005 bij initiatief "INI-B" op "operations.data[0].owner"

  Scenario: POR-005 vuurt niet als de eigenaren genormaliseerd gelijk zijn
    Gegeven een initiatief "INI-A" met:
      """yaml
      operations:
        data:
          - name: Aanvraaggegevens
            owner: Afdeling Vergunningen
      """
    En een initiatief "INI-B" met:
      """yaml
      operations:
        data:
          - name: Aanvraaggegevens
            owner: "afdeling  vergunningen "
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-005 niet

  Scenario: POR-005 vuurt niet binnen één initiatief
    Gegeven een initiatief "INI-A" met:
      """yaml
      operations:
        data:
          - name: Aanvraaggegevens
            owner: Afdeling Vergunningen
          - name: Aanvraaggegevens
            owner: Afdeling Dienstverlening
      """
    Als ik de portfolio controleer
    Dan vuurt regel POR-005 niet
