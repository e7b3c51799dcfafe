# language: nl
Functionaliteit: Pas toe of leg uit (EXC)
  Als compliance officer
  wil ik dat elke uitzondering in principles.exceptions onderbouwd, goedgekeurd, begrensd in de tijd en op een bestaande regel gericht is
  zodat een bevinding alleen wordt opgeschort door een afwijking die het bestuur echt heeft aanvaard

  Een uitzondering is geldig als rule, justification, approved_by en expires zijn ingevuld,
  de vervaldatum niet vóór de evaluatiedatum ligt en rule de id is van een geladen regel
  die niet met EXC- begint. Alleen een geldige uitzondering schort bevindingen op.
  Bevindingen van EXC-regels zelf kunnen nooit worden opgeschort.

  Scenario: EXC-001 uitzondering zonder vervaldatum
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-001 op "principles.exceptions[0]"
    En bevat de melding van regel EXC-001 "expires"
    En is de bevinding van regel TEC-002 niet opgeschort

  Scenario: EXC-001 meldt elke onvolledige uitzondering apart
    Gegeven een initiatief met:
      """yaml
      principles:
        exceptions:
          - rule: TEC-002
          - rule: TEC-001
            justification: "   "
            approved_by: Architectuurboard
            expires: 2027-06-30
          - rule: TEC-003
            justification: Standaardenlijst volgt in de fase digitale basis
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-001 2 keer
    En vuurt regel EXC-001 op "principles.exceptions[0]"
    En vuurt regel EXC-001 op "principles.exceptions[1]"

  Scenario: EXC-001 vuurt niet op een leeg lijstitem
    Gegeven een initiatief met:
      """yaml
      principles:
        exceptions:
          -
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-001 niet

  Scenario: EXC-002 verlopen uitzondering schort niets meer op
    Gegeven de evaluatiedatum 2026-11-22
    En een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2026-11-21
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-002 op "principles.exceptions[0].expires"
    En vuurt regel TEC-002
    En is de bevinding van regel TEC-002 niet opgeschort

  Scenario: EXC-002 vuurt niet als de uitzondering op de evaluatiedatum zelf verloopt
    Gegeven de evaluatiedatum 2026-11-22
    En een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2026-11-22
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-002 niet
    En is de bevinding van regel TEC-002 opgeschort

  Scenario: EXC-002 een geldige uitzondering schort de bevinding op
    Gegeven de evaluatiedatum 2026-11-22
    En een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-001 niet
    En vuurt regel EXC-002 niet
    En vuurt regel EXC-003 niet
    En is de bevinding van regel TEC-002 opgeschort

  Scenario: EXC-002 één geldige uitzondering volstaat naast een verlopen uitzondering voor dezelfde regel
    Gegeven de evaluatiedatum 2026-11-22
    En een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2026-01-31
          - rule: TEC-002
            justification: Verlengd tot de landelijke API beschikbaar is
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-002 op "principles.exceptions[0].expires"
    En is de bevinding van regel TEC-002 opgeschort

  Scenario: EXC-003 uitzondering voor een onbekende regel
    Gegeven een initiatief met:
      """yaml
      principles:
        exceptions:
          - rule: TEC-999
            justification: Tikfout in de regel-id
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-003 op "principles.exceptions[0].rule"

  Scenario: EXC-003 regel-id's zijn hoofdlettergevoelig
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: tec-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-003
    En is de bevinding van regel TEC-002 niet opgeschort

  Scenario: EXC-003 witruimte rond de regel-id telt niet
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: " TEC-002 "
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-003 niet
    En is de bevinding van regel TEC-002 opgeschort

  Scenario: EXC-003 een uitzondering kan geen EXC-regel opschorten
    Gegeven een initiatief met:
      """yaml
      principles:
        exceptions:
          - rule: TEC-002
          - rule: EXC-001
            justification: Het register wordt volgend kwartaal bijgewerkt
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-003 op "principles.exceptions[1].rule"
    En vuurt regel EXC-001 op "principles.exceptions[0]"
    En is de bevinding van regel EXC-001 niet opgeschort

  Scenario: EXC-001 en EXC-002 kunnen samen vuren voor dezelfde uitzondering
    Gegeven de evaluatiedatum 2026-11-22
    En een initiatief met:
      """yaml
      principles:
        exceptions:
          - rule: TEC-002
            expires: 2025-12-31
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-001 op "principles.exceptions[0]"
    En vuurt regel EXC-002 op "principles.exceptions[0].expires"

  Scenario: EXC-006 een uitzondering die binnen 30 dagen verloopt
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2026-12-22
          - rule: TEC-003
            justification: Standaardenlijst volgt
            approved_by: Architectuurboard
            expires: 2026-12-23
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-006 1 keer
    En vuurt regel EXC-006 op "principles.exceptions[0].expires"
    En is de bevinding van regel TEC-002 opgeschort

  Scenario: EXC-007 een uitzondering die langer loopt dan de maximale termijn zondert niets uit
    Gegeven een initiatief met:
      """yaml
      operations:
        applications:
          - name: Zaaksysteem
          - name: Documentbeheer
      principles:
        exceptions:
          - rule: TEC-002
            justification: Landelijke voorziening biedt nog geen API
            approved_by: Architectuurboard
            expires: 2126-11-23
      """
    Als ik het initiatief controleer
    Dan vuurt regel EXC-007 op "principles.exceptions[0].expires"
    En is de bevinding van regel TEC-002 niet opgeschort
    En vuurt regel EXC-005 niet
