Feature: A project file names what a team would repeat on every command line
  As a team that runs idm in a pre-commit hook, in CI and by hand
  I want the initiative directories, rule packs, threshold, language and reports in .idm.yaml
  So that `idm check` does the same everywhere, and an option on the command line still wins

  Background:
    Given the example initiatives in "initiatives"
    And a file "mkdocs.yml" with:
      """
      site_name: not an initiative
      """

  Scenario: idm check without paths checks what the project file names, and reads nothing else
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/]
      fail-on: warning
      reports: [json:idm.json]
      """
    And reading "mkdocs.yml" is refused by the operating system
    When I run "idm check --date 2026-11-22 --jobs 1"
    Then the exit code is 1
    And stdout contains "FAIL: 13 initiatives"
    And stdout contains "(fail-on: warning)"
    And stderr does not contain "mkdocs"
    And the file "idm.json" contains "RIV-2026-005"

  Scenario: Options on the command line override the project file
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/]
      fail-on: warning
      lang: nl
      """
    When I run "idm check --date 2026-11-22 --jobs 1 --fail-on never --lang en"
    Then the exit code is 0
    And stdout contains "PASS: 13 initiatives"

  Scenario: Paths on the command line replace the project file's paths
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/]
      """
    When I run "idm check initiatives/clean.yaml --date 2026-11-22 --jobs 1"
    Then the exit code is 0
    And stdout contains "PASS: 1 initiative,"

  Scenario: The project file is found in a parent folder of the repository, its paths relative to itself
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/portfolio]
      fail-on: never
      """
    And a file "docs/notes/README.md" with:
      """
      Notes.
      """
    And a git repository with everything committed
    When I run "idm check --date 2026-11-22 --jobs 1" in "docs/notes"
    Then the exit code is 0
    And stderr contains "idm: using project file ../../.idm.yaml"
    And stdout contains "../../initiatives/portfolio/01-omgevingsloket.yaml"
    And stdout contains "PASS: 7 initiatives"

  # A shared parent such as /tmp is not the team's: a file planted there must not steer the gate.
  Scenario: The search stops at the repository root, or at the working directory outside a repository
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/]
      fail-on: never
      """
    And the example initiatives in "project/initiatives"
    When I run "idm check initiatives/with-findings.yaml --date 2026-11-22 --jobs 1" in "project"
    Then the exit code is 1
    And stderr does not contain "using project file"
    Given a git repository in "project" with everything committed
    When I run "idm check initiatives/with-findings.yaml --date 2026-11-22 --jobs 1" in "project"
    Then the exit code is 1
    And stderr does not contain "using project file"

  Scenario: A project file that others can write is refused, as git refuses such a repository
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/]
      fail-on: never
      """
    And the file ".idm.yaml" is writable by others
    When I run "idm check --date 2026-11-22 --jobs 1"
    Then the exit code is 2
    And stderr is exactly:
      """
      .idm.yaml: error: project file writable by others; not read. Make it writable by its owner only: chmod go-w .idm.yaml
      """

  Scenario: --config names another project file
    Given a file "ci/idm-ci.yaml" with:
      """
      paths: [../initiatives/clean.yaml]
      """
    When I run "idm check --config ci/idm-ci.yaml --date 2026-11-22 --jobs 1"
    Then the exit code is 0
    And stdout contains "PASS: 1 initiative,"

  Scenario: Unknown keys and bad values are errors with line and column
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/]
      fail-on: sometimes
      fail_on: error
      max-chars: -1
      """
    When I run "idm check"
    Then the exit code is 2
    And stderr is exactly:
      """
      idm: using project file .idm.yaml
      .idm.yaml:2:1: error: fail-on: 'sometimes' is not one of error, warning, info, never
      .idm.yaml:3:1: error: fail_on: unknown field 'fail_on' (did you mean 'fail-on'?)
      .idm.yaml:4:1: error: max-chars: must be at least 0, found -1
      """

  Scenario: A project file that is not a mapping is an error
    Given a file ".idm.yaml" with:
      """
      - initiatives/
      """
    When I run "idm check"
    Then the exit code is 2
    And stderr contains ".idm.yaml:1:1: error: expected a mapping of settings; found a list"
    And there is no traceback

  Scenario: Without paths and without a project file naming any, nothing is checked
    When I run "idm check"
    Then the exit code is 2
    And stderr contains "no paths to check"

  Scenario: A --config file that does not exist is an error
    When I run "idm check --config missing.yaml"
    Then the exit code is 2
    And stderr contains "missing.yaml: error: no such file"

  Scenario: The schema of the project file is printed for editors
    When I run "idm schema config"
    Then the exit code is 0
    And stdout contains "idm project file (.idm.yaml)"

  Scenario: The dashboard, the register, a baseline and a dossier read the project file as the gate does
    Given a file "packs/one.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: one
      rules:
        - id: ORG-100
          title: {en: Initiative has an id, nl: Initiatief heeft een id}
          message: {en: Checked by the team's own pack., nl: Getoetst met het eigen pakket.}
          category: business
          domain: direction
          severity: warning
          when: {path: id, present: true}
          at: id
      """
    And a file ".idm.yaml" with:
      """
      paths: [initiatives/clean.yaml]
      rules: [packs/one.yaml]
      """
    When I run "idm baseline create --output known.json --date 2026-11-22 --jobs 1"
    Then the exit code is 0
    And stderr contains "known.json: 1 findings of 1 initiatives"
    And the file "known.json" contains "ORG-100"
    When I run "idm report --output board.html --date 2026-11-22 --jobs 1"
    Then the exit code is 0
    And the file "board.html" contains "ORG-100"
    And the file "board.html" contains "INI-2026-014"
    When I run "idm exceptions --format json --date 2026-11-22 --jobs 1"
    Then the exit code is 0
    When I run "idm dossier initiatives/clean.yaml --output dossier.html --date 2026-11-22"
    Then the exit code is 0
    And the file "dossier.html" contains "ORG-100"

  Scenario: The dashboard without paths and without a project file naming any
    When I run "idm report --output board.html"
    Then the exit code is 2
    And stderr contains "no paths to check"
