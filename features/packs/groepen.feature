# language: nl
Functionaliteit: Tellen over de portfolio: diensten per leverancier
  Als compliance officer
  wil ik in een regel kunnen zeggen "drie of meer diensten bij één leverancier"
  zodat een concentratierisico zichtbaar wordt bij elk initiatief dat eraan bijdraagt

  Een groepsregel (portfolio.groups) groepeert de items van alle initiatieven van één controle
  op een waarde (by) en telt per groep de initiatieven of de items; de when van de regel test
  dat aantal. Elk lid van een groep die voldoet krijgt een eigen bevinding, op zijn eigen
  initiatief en regel, met {value}, {count} en {others} in de melding.

  Achtergrond:
    Gegeven het regelpakket "leveranciers.yaml" met:
      """
      apiVersion: idm/v2
      kind: RulePack
      name: sourcing
      params:
        max_services_per_supplier:
          type: integer
          default: 3
          description: {en: Most initiatives on one supplier, nl: Meeste initiatieven bij één leverancier}
      rules:
        - id: SUP-001
          title: {en: Many services on one supplier, nl: Veel diensten bij één leverancier}
          message:
            en: "Supplier '{value}' runs services for {count} initiatives, also for {others}"
            nl: "Leverancier '{value}' levert diensten aan {count} initiatieven, ook aan {others}"
          category: portfolio
          domain: operations
          severity: warning
          portfolio:
            groups:
              for_each: operations.applications
              where: {path: item.sourcing, in: [saas, bpo]}
              by: {path: item.supplier, normalised: true}
              count: initiatives
          when: {path: count, ge: {param: max_services_per_supplier}}
          at: item.supplier
      """
    En een initiatief "INI-A" met:
      """yaml
      operations:
        applications:
          - {name: Zaaksysteem, sourcing: saas, supplier: Acme BV}
      """
    En een initiatief "INI-B" met:
      """yaml
      operations:
        applications:
          - {name: Portaal, sourcing: custom, supplier: Eigen beheer}
          - {name: Formulieren, sourcing: saas, supplier: "ACME  bv"}
      """

  Scenario: Drie initiatieven met een dienst bij één leverancier krijgen elk een bevinding
    Gegeven een initiatief "INI-C" met:
      """yaml
      operations:
        applications:
          - {name: Archief, sourcing: bpo, supplier: acme bv}
      """
    Als ik de portfolio controleer
    Dan vuurt regel SUP-001 3 keer
    En vuurt regel SUP-001 bij initiatief "INI-B" op "operations.applications[1].supplier"
    En bevat de melding van regel SUP-001 "Leverancier 'Acme BV' levert diensten aan 3 initiatieven, ook aan INI-B, INI-C"
    En bevat de melding van regel SUP-001 "Leverancier 'ACME  bv' levert diensten aan 3 initiatieven, ook aan INI-A, INI-C"

  Scenario: Twee initiatieven bij één leverancier blijven onder de drempel
    Gegeven een initiatief "INI-C" met:
      """yaml
      operations:
        applications:
          - {name: Archief, sourcing: custom, supplier: Acme BV}
      """
    Als ik de portfolio controleer
    Dan vuurt regel SUP-001 niet

  Scenario: De drempel komt uit een parameter die het project zet
    Gegeven de projectparameter "sourcing.max_services_per_supplier" is 2
    Als ik de portfolio controleer
    Dan vuurt regel SUP-001 2 keer
    En bevat de melding van regel SUP-001 "levert diensten aan 2 initiatieven, ook aan INI-B"

  Scenario: Een uitzondering schort alleen de bevinding van het eigen initiatief op
    Gegeven een initiatief "INI-C" met:
      """yaml
      operations:
        applications:
          - {name: Archief, sourcing: bpo, supplier: Acme BV}
      principles:
        exceptions:
          - rule: SUP-001
            justification: Exitstrategie afgesproken met de leverancier
            approved_by: Architectuurboard
            expires: 2027-06-30
      """
    Als ik de portfolio controleer
    Dan vuurt regel SUP-001 3 keer
    En is de bevinding van regel SUP-001 bij initiatief "INI-C" opgeschort
    En is de bevinding van regel SUP-001 bij initiatief "INI-A" niet opgeschort
    En is de bevinding van regel SUP-001 bij initiatief "INI-B" niet opgeschort
