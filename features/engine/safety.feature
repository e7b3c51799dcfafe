Feature: A gate that a pull request cannot trick
  As the owner of a CI pipeline that checks files anyone can write in a pull request
  I want idm to read only what it was given, stop every slow pattern, keep my reports and inputs
  So that a hostile change cannot leak a secret, hang the gate or make it pass (docs/security.md)

  Background:
    Given a file "portfolio/good.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-GOOD
      title: Goed beschreven initiatief
      owner: {name: Afdeling Dienstverlening}
      phase: initiation
      legacy: {impact: Betere dienstverlening}
      stakeholders: [{name: Medewerkers, perspective: people}]
      direction: {goals: [{description: Sneller, success_criteria: [doorlooptijd]}]}
      principles: {legislation: [Archiefwet]}
      """

  Scenario: A symbolic link in a checked directory to a file outside it is not read
    Given a file "secret.yaml" with:
      """
      title: GEHEIM-WACHTWOORD-123
      """
    And a symbolic link "portfolio/link.yaml" to "../secret.yaml"
    When I run "idm check portfolio --date 2026-11-22 --format sarif"
    Then the exit code is 2
    And stderr is exactly:
      """
      portfolio/link.yaml: error: symbolic link to a file outside portfolio; not read (give the file itself to check it)
      """
    And stdout does not contain "GEHEIM"
    And the SARIF report on stdout validates against the SARIF 2.1.0 schema

  Scenario: A symbolic link that stays inside the directory is followed
    Given a file "portfolio/sub/real.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-REAL
      title: Echt bestand
      """
    And a symbolic link "portfolio/alias.yaml" to "sub/real.yaml"
    When I run "idm check portfolio --date 2026-11-22 --format json --fail-on never"
    Then the exit code is 0
    And the JSON report lists the initiatives "INI-REAL, INI-GOOD"

  Scenario: A FIFO found in a directory is refused, and the good files are still checked
    Given a FIFO "portfolio/pipe.yaml"
    When I run "idm check portfolio --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      portfolio/pipe.yaml: error: is a FIFO (named pipe), not a regular file; not read
      """
    And stdout contains "INI-GOOD"

  Scenario: A FIFO given by name is refused without waiting for a writer
    Given a FIFO "pipe.yaml"
    When I run "idm check pipe.yaml portfolio/good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      pipe.yaml: error: is a FIFO (named pipe), not a regular file; not read
      """
    And stdout contains "INI-GOOD"

  Scenario: A pattern that backtracks runs out of time: the initiative is an input error, never a non-match
    Given a file "pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: extra
      rules:
        - id: ORG-001
          title: {en: Title, nl: Titel}
          message: {en: Check the title., nl: Controleer de titel.}
          category: legislation
          domain: design
          severity: error
          when: {path: title, matches: "((a+))+$"}
          at: title
      """
    And a file "slow.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-SLOW
      title: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!
      """
    When I run "idm check slow.yaml portfolio/good.yaml --rules pack.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      slow.yaml: error: matching the regular expression '((a+))+$' took more than 2 s, the limit per initiative; initiative not checked
      """
    And stdout contains "INI-GOOD"

  Scenario: NaN and infinity in a rule pack are load errors
    Given a file "pack.yaml" with:
      """
      apiVersion: idm/v1
      kind: RulePack
      name: extra
      rules:
        - id: ORG-001
          title: {en: Title, nl: Titel}
          message: {en: Too expensive., nl: Te duur.}
          category: business
          domain: design
          severity: error
          when: {any: [{path: budget.one_off, lt: .inf}, {path: budget.yearly, gt: .nan}]}
          at: budget
      """
    When I run "idm check portfolio --rules pack.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      pack.yaml:11:41: error: rules[0].when.any[0].lt: NaN and infinities are not allowed
      pack.yaml:11:74: error: rules[0].when.any[1].gt: NaN and infinities are not allowed
      """
    And there is no traceback

  Scenario: A report is never written over an input
    When I run "idm check portfolio/good.yaml --output portfolio/good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      portfolio/good.yaml: error: --output portfolio/good.yaml would overwrite the input portfolio/good.yaml; choose another file
      """
    And the file "portfolio/good.yaml" contains "id: INI-GOOD"

  Scenario: A dossier is never written over its initiative
    When I run "idm dossier portfolio/good.yaml --output portfolio/good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      portfolio/good.yaml: error: --output portfolio/good.yaml would overwrite the input portfolio/good.yaml; choose another file
      """
    And the file "portfolio/good.yaml" contains "id: INI-GOOD"

  Scenario: The exception register is never written over an input
    When I run "idm exceptions portfolio --output portfolio/good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      portfolio/good.yaml: error: --output portfolio/good.yaml would overwrite the input portfolio/good.yaml; choose another file
      """
    And the file "portfolio/good.yaml" contains "id: INI-GOOD"

  Scenario: A report is never written over the project file
    Given a file ".idm.yaml" with:
      """
      paths: [portfolio]
      reports: ["json:.idm.yaml"]
      """
    When I run "idm check --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      .idm.yaml: error: --report json:.idm.yaml would overwrite the project file .idm.yaml; choose another file
      """
    And the file ".idm.yaml" contains "paths: [portfolio]"

  Scenario: A report is never written over the history store
    Given the history store is sqlite
    When I run "idm check portfolio --date 2026-11-22 --fail-on never --record"
    Then the exit code is 0
    When I run "idm check portfolio --date 2026-11-22 --output .idm/history.sqlite"
    Then the exit code is 2
    And stderr is exactly:
      """
      .idm/history.sqlite: error: --output .idm/history.sqlite would overwrite the history store .idm/history.sqlite; choose another file
      """
    When I run "idm history"
    Then the exit code is 0
    And stdout contains "passed"

  Scenario: A report path of the project file that links out of the working tree is refused, not followed
    Given a file ".idm.yaml" with:
      """
      paths: [portfolio]
      reports: ["sarif:idm.sarif"]
      """
    And a symbolic link "idm.sarif" to "../planted-by-a-pull-request.sarif"
    When I run "idm check --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "idm.sarif: error: --report sarif:idm.sarif is a symbolic link to "
    And stderr contains "outside the working directory and the repository; idm does not follow it"
    And the file "../planted-by-a-pull-request.sarif" does not exist

  Scenario: A run whose report could not be written is recorded as an error, not as a pass
    Given the history store is sqlite
    When I run "idm check portfolio --date 2026-11-22 --fail-on never --report sarif:out/idm.sarif --record"
    Then the exit code is 2
    When I run "idm history --format json"
    Then stdout contains ""gate": "error""

  Scenario: A report into a missing directory is one line and exit code 2
    When I run "idm check portfolio --date 2026-11-22 --report sarif:out/idm.sarif"
    Then the exit code is 2
    And stderr is exactly:
      """
      out/idm.sarif: error: cannot write the report: the directory out does not exist
      """
    And there is no traceback

  Scenario: --report FORMAT:- writes that report to standard output
    When I run "idm check portfolio --date 2026-11-22 --fail-on never --output report.txt --report json:-"
    Then the exit code is 0
    And stdout contains ""id": "INI-GOOD""
    And the file "report.txt" contains "INI-GOOD"
    And the file "-" does not exist

  Scenario: Two reports cannot share standard output
    When I run "idm check portfolio --date 2026-11-22 --report json:-"
    Then the exit code is 2
    And stderr is exactly:
      """
      --report json:-: error: standard output already carries the report of --format text; give --output FILE for that one, or write this one to a file
      """

  Scenario: A baseline larger than its limit is refused
    Given a file "baseline.json" with:
      """
      {"tool": {"name": "idm"}, "initiatives": [], "portfolio_findings": []}
      """
    When I run "idm check portfolio --date 2026-11-22 --baseline baseline.json --max-baseline-size 20"
    Then the exit code is 2
    And stderr is exactly:
      """
      baseline.json: error: baseline: file is 71 bytes, larger than the limit of 20 bytes (raise it with --max-baseline-size)
      """

  Scenario: --changed-only with nothing changed still loads the rule packs
    Given a git repository with everything committed
    When I run "idm check portfolio --date 2026-11-22 --changed-only HEAD --rules missing-pack.yaml"
    Then the exit code is 2
    And stderr is exactly:
      """
      missing-pack.yaml: error: no such file or directory
      """

  Scenario: --changed-only with nothing changed still writes the report, so no stale one is uploaded
    Given a git repository with everything committed
    And a file "idm.sarif" with:
      """
      stale report of an earlier run
      """
    When I run "idm check portfolio --date 2026-11-22 --changed-only HEAD --format sarif --output idm.sarif"
    Then the exit code is 0
    And the file "idm.sarif" does not contain "stale report"
    And the file "idm.sarif" contains ""version": "2.1.0""

  Scenario: --changed-only judges a file in another repository by that repository
    Given a file "other/new.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-OTHER
      title: In een andere repository
      """
    And a git repository in "other" with everything committed
    And a git repository with everything committed
    And "other/new.yaml" is edited
    When I run "idm check portfolio other --date 2026-11-22 --fail-on never --format json --changed-only HEAD"
    Then the exit code is 0
    And the JSON report lists the initiatives "INI-OTHER"

  Scenario: An empty ref for --changed-only is refused
    Given a git repository with everything committed
    When I run "idm check portfolio --date 2026-11-22 --changed-only ''"
    Then the exit code is 2
    And stderr is exactly:
      """
      --changed-only: error: unknown git ref '' (expected a commit, branch or tag, such as HEAD~1 or origin/main)
      """
