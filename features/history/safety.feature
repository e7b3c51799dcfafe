Feature: The history store keeps secrets, text and other people's files safe
  As a board that records its reviews, and as the CI that runs idm on pull requests
  I want the history store never to show a password, never to let stored text forge CI log
  lines, never to write where I only read, and to erase an initiative completely
  So that recording reviews adds an audit trail and no risk

  Scenario: A password on the command line is refused and never shown
    When I run "idm history --db postgresql://idm@db.example/idm?password=geheim"
    Then the exit code is 2
    And stderr is exactly:
      """
      --record/--db: error: a password on the command line is visible to every user of this machine: put it in IDM_DB_URL, PGPASSWORD or ~/.pgpass instead
      """

  Scenario: A title cannot forge a line in the CI log through idm diff
    Given the example initiatives in "examples"
    And in "examples/clean.yaml" "title: Digitaal aanvragen evenementenvergunning" is replaced by "title: "Vergunning\n::error file=x::forged\e[2J""
    When I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --record"
    And I run "idm check examples/portfolio examples/clean.yaml --date 2026-11-22 --jobs 1 --record"
    And I run "idm diff"
    Then the exit code is 0
    And stdout contains "INI-2026-014  Vergunning\x0a::error file=x::forged\x1b[2J: new in run 2"
    And no line of stdout starts with "::"

  Scenario: A store that cannot be created is one line, and the report is still written
    Given the example initiatives in "examples"
    When I run "idm check examples/clean.yaml --date 2026-11-22 --jobs 1 --record=/dev/null/x.sqlite"
    Then the exit code is 2
    And stdout contains "PASS"
    And stderr is exactly:
      """
      history: /dev/null/x.sqlite: cannot create the store: a file is in the way of its folder
      """

  Scenario: A file target is a path: a Jenkins workspace with %2F and a ? in the name
    Given the example initiatives in "examples"
    When I run "idm check ../examples/clean.yaml --date 2026-11-22 --jobs 1 --record=hist?.sqlite" in "job%2Fmain"
    Then the exit code is 0
    And stderr contains "history: recorded as run 1 in hist?.sqlite"
    When I run "idm history --db hist?.sqlite --format csv" in "job%2Fmain"
    Then the exit code is 0
    And stdout contains "1,"
    When I run "idm check examples/clean.yaml --date 2026-11-22 --jobs 1 --record -"
    Then the exit code is 2
    And stderr contains "'-' is not a history store"
    And the file "-" does not exist

  Scenario: Erasing an initiative removes it everywhere and refuses an empty id
    Given the example initiatives in "examples"
    When I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --record"
    And I run "idm history erase --initiative """
    Then the exit code is 2
    And stderr contains "erase needs an initiative id"
    When I run "idm history erase --initiative RIV-2026-004"
    Then the exit code is 0
    And stdout contains "records of initiative RIV-2026-004 deleted from .idm/history.sqlite"
    And stdout contains "freed space overwritten and the write-ahead log emptied"
    When I run "idm history RIV-2026-004 --format json"
    Then stdout contains ""present": false"
    And no file in ".idm" holds the bytes of "Slimme openbare verlichting"

  Scenario: Reading another program's database, or an empty file, leaves it as it was
    Given an SQLite database "notes.db" of another program
    And a file "empty.sqlite" made by "nothing"
    When I run "idm history --db notes.db"
    Then the exit code is 2
    And stderr is exactly:
      """
      history: notes.db: not an idm history store (no idm tables); it is left as it is
      """
    And the SQLite database "notes.db" has only the table "notes", not in WAL mode
    When I run "idm diff --db empty.sqlite"
    Then the exit code is 2
    And stderr contains "not an idm history store (an empty file)"
    And the file "empty.sqlite" does not contain "SQLite"

  Scenario: Two repositories that share a store are not compared with each other
    Given the example initiatives in "a/initiatives"
    And the example initiatives in "b/initiatives"
    And a file "a/.git/HEAD" with:
      """
      ref: refs/heads/main
      """
    And a file "b/.git/HEAD" with:
      """
      ref: refs/heads/main
      """
    When I run "idm check initiatives/portfolio --date 2026-11-22 --jobs 1 --record=../common-store.sqlite" in "a"
    And I run "idm check initiatives/portfolio --date 2026-11-22 --jobs 1 --record=../common-store.sqlite --since-last" in "b"
    Then stdout contains "Since the last recorded run: no run recorded for these inputs"
    When I run "idm check initiatives/portfolio --date 2026-11-22 --jobs 1 --db=../common-store.sqlite --since-last" in "a"
    Then stdout contains "Since the last recorded run (#1, "

  Scenario: A --changed-only run does not make a full run's findings look resolved and new again
    Given the example initiatives in "examples"
    And a git repository with everything committed
    When I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --record"
    Given "examples/portfolio/05-jeugdhulp.yaml" is edited
    When I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --changed-only HEAD --record"
    And I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --record --since-last"
    Then stdout contains "Since the last recorded run (#1, "
    And stdout contains "): 0 new, 0 resolved"
    When I run "idm history --format json"
    Then stdout contains ""partial": true"

  Scenario: An exported register cannot run formulas in a spreadsheet
    Given the example initiatives in "examples"
    And in "examples/clean.yaml" the line "exceptions: [{rule: TEC-001, justification: "=HYPERLINK(1)", approved_by: "@cio", expires: 2027-01-01}]" is added after "standards: [StUF-ZKN, ZGW-API, WCAG 2.1]"
    When I run "idm exceptions examples/clean.yaml --date 2026-11-22 --format csv"
    Then the exit code is 0
    And stdout contains "'=HYPERLINK(1),'@cio,2027-01-01"

  Scenario Outline: A NUL character and a long rule id record alike on both stores (<store>)
    Given the history store is <store>
    And the example initiatives in "examples"
    And in "examples/clean.yaml" "title: Digitaal aanvragen evenementenvergunning" is replaced by "title: "Digitaal\0aanvragen""
    And in "examples/clean.yaml" the line "exceptions: [{rule: CUSTOM-A-RULE-ID-FROM-A-PACK-WITH-A-VERY-LONG-NAMESPACE-AND-NAME-001, justification: ok, approved_by: CIO, expires: 2027-01-01}]" is added after "standards: [StUF-ZKN, ZGW-API, WCAG 2.1]"
    When I run "idm check examples/clean.yaml --date 2026-11-22 --jobs 1 --record"
    Then stderr contains "history: recorded as run 1"
    When I run "idm history INI-2026-014 --format json"
    Then the exit code is 0
    And stdout contains ""present": true"

    Examples:
      | store      |
      | sqlite     |
      | postgresql |
