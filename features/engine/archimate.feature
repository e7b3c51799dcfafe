Feature: ArchiMate models in, verdicts back
  An architecture team keeps its work packages in an ArchiMate tool. idm reads the model in the
  Open Group exchange format, checks the work packages that opt in (property idm:id) as
  initiatives, with each finding at the line of the model it came from, and writes the verdicts
  back into the model as properties and assessments.

  Background:
    Given the ArchiMate model "portfolio.xml"

  Scenario: Importing the opted-in work packages writes one initiative file each
    When I run "idm import archimate portfolio.xml --output initiatives"
    Then the exit code is 0
    And stderr contains "3 initiatives written to initiatives"
    And stderr contains "info: 1 Driver element not mapped onto an initiative"
    And the initiative file "initiatives/INI-2026-101.yaml" has title "Digitaal aanvragen evenementenvergunning"
    And the initiative file "initiatives/INI-2026-101.yaml" has operations.applications.0.name "Zaaksysteem"
    And the initiative file "initiatives/INI-2026-103.yaml" has principles.exceptions.0.rule "TEC-002"

  Scenario: Checking the model locates each finding in the XML
    When I run "idm check portfolio.xml --date 2026-11-22 --format json"
    Then the exit code is 1
    And the JSON report has finding LEG-006 at "operations.applications[0].hosting" in "portfolio.xml"
    When I run "idm check portfolio.xml --date 2026-11-22 --format sarif --output report.sarif"
    Then the file "report.sarif" contains ""startLine": 131"

  Scenario: Checking the model in Dutch
    When I run "idm check portfolio.xml --date 2026-11-22 --lang nl"
    Then the exit code is 1
    And stdout contains "portfolio.xml:131:9"

  Scenario: Exporting the verdicts adds them to the model, and exporting again replaces them
    When I run "idm check portfolio.xml --date 2026-11-22 --format json --output report.json"
    And I run "idm export archimate --model portfolio.xml --report report.json --output verdicts.xml"
    Then the exit code is 0
    And "verdicts.xml" is valid against the ArchiMate exchange schemas
    And the file "verdicts.xml" contains "xsi:type="Assessment""
    When I run "idm export archimate --model verdicts.xml --report report.json --output again.xml"
    Then the exit code is 0
    And the files "verdicts.xml" and "again.xml" are identical

  Scenario: A model with a DTD is refused in one line
    Given a file "bomb.xml" with:
      """
      <?xml version="1.0"?>
      <!DOCTYPE model [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&b;</name></model>
      """
    When I run "idm check bomb.xml"
    Then the exit code is 2
    And stderr contains "bomb.xml:2:1: error: a document type declaration (<!DOCTYPE>) is refused"
    And there is no traceback

  Scenario: A model without opted-in work packages says how to opt in
    Given a file "one.xml" with:
      """
      <model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m"><name>Eén</name>
        <elements><element identifier="wp1" xsi:type="WorkPackage"><name>Zaaksysteem</name></element></elements></model>
      """
    When I run "idm import archimate one.xml --output out"
    Then the exit code is 2
    And stderr contains "no work package is opted in"
    And the file "out" does not exist

  Scenario: A model without any work package says so
    Given a file "empty.xml" with:
      """
      <model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>Leeg</name></model>
      """
    When I run "idm import archimate empty.xml --all-work-packages --output out"
    Then the exit code is 2
    And stderr contains "the model has no work package"
    And the file "out" does not exist
