Feature: Hostile and broken input
  As the owner of a CI pipeline that checks files anyone can write in a pull request
  I want every hostile or broken input refused with one line naming file, line and column
  So that idm never runs what it reads, never hangs or crashes, and still checks the good files

  Background:
    Given a file "good.yaml" with:
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

  Scenario: A custom tag that would run a shell command is refused, not run
    Given a file "tag.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: !!python/object/apply:os.system ["touch PWNED"]
      """
    When I run "idm check tag.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      tag.yaml:4:8: error: title: unsupported YAML tag !!python/object/apply:os.system
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback
    And the file "PWNED" does not exist

  Scenario: A custom tag on the whole document is refused
    Given a file "tag-root.yaml" with:
      """
      !!python/object/new:subprocess.Popen [["touch", "PWNED"]]
      """
    When I run "idm check tag-root.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      tag-root.yaml:1:1: error: unsupported YAML tag !!python/object/new:subprocess.Popen
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback
    And the file "PWNED" does not exist

  Scenario: An alias expansion bomb (billion laughs) is cut off at the value limit
    Given a file "laughs.yaml" made by "billion laughs"
    When I run "idm check laughs.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      laughs.yaml:1:64: error: document too large: more than 200000 values (each use of an alias counts)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  # docs/archimate.md, "Safety": an ArchiMate model among the inputs is XML, refused the same way
  Scenario Outline: A hostile ArchiMate model is one line, and the good file is still checked
    Given a file "model.xml" made by "<generator>"
    When I run "idm check model.xml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr contains "model.xml:<line>: error: <problem>"
    And stderr does not contain "root:"
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

    Examples:
      | generator                                    | line  | problem                                             |
      | an ArchiMate model with a billion laughs     | 2:1   | a document type declaration (<!DOCTYPE>) is refused |
      | an ArchiMate model reading /etc/passwd       | 2:1   | a document type declaration (<!DOCTYPE>) is refused |
      | an ArchiMate model of 100000 nested elements | 1:276 | document nested too deeply (limit 64 levels)        |

  Scenario: 100,000 nested flow lists are refused before the YAML composer sees them
    Given a file "deep-flow.yaml" made by "100000 nested flow lists"
    When I run "idm check deep-flow.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      deep-flow.yaml:1:65: error: document nested too deeply (limit 64 levels)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Thousands of nested flow mappings are refused
    Given a file "deep-map.yaml" made by "5000 nested flow mappings"
    When I run "idm check deep-map.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      deep-map.yaml:1:257: error: document nested too deeply (limit 64 levels)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Thousands of nested block mappings are refused
    Given a file "deep-block.yaml" made by "3000 nested block mappings"
    When I run "idm check deep-block.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      deep-block.yaml:65:129: error: document nested too deeply (limit 64 levels)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Block lists nested 100,000 deep on one line are refused (they crashed libyaml)
    Given a file "deep-line.yaml" made by "100000 nested block lists on one line"
    When I run "idm check deep-line.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      deep-line.yaml:1:129: error: document nested too deeply (limit 64 levels)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A file over the size limit is refused without being read
    Given a file "big.yaml" made by "50 MB of comments"
    When I run "idm check big.yaml good.yaml --date 2026-11-22 --max-file-size 1000000"
    Then the exit code is 2
    And stderr is exactly:
      """
      big.yaml: error: file is 52428862 bytes, larger than the limit of 1000000 bytes (raise it with --max-file-size)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Invalid UTF-8 is reported at its line and column
    Given a file "latin1.yaml" made by "invalid UTF-8"
    When I run "idm check latin1.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      latin1.yaml:5:18: error: not valid UTF-8 (byte 0xe9)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Binary garbage is refused
    Given a file "garbage.yaml" made by "binary garbage"
    When I run "idm check garbage.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      garbage.yaml: error: binary data, not a YAML or JSON text file
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: An empty file is an error
    Given a file "empty.yaml" made by "nothing"
    When I run "idm check empty.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      empty.yaml: error: empty file: expected one initiative description
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Several YAML documents in one file are an error
    Given a file "multi.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      ---
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H2
      title: Vijandig
      """
    When I run "idm check multi.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      multi.yaml:6:1: error: several YAML documents in one file; put each initiative in a file of its own
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A duplicate key is an error
    Given a file "dup.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      id: INI-H2
      """
    When I run "idm check dup.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      dup.yaml:5:1: error: id: duplicate key 'id'
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A key that is a number is an error
    Given a file "int-key.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      2026: plan
      """
    When I run "idm check int-key.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      int-key.yaml:5:1: error: keys must be strings, found int '2026'
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A key that is a list is an error
    Given a file "list-key.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      [a, b]: plan
      """
    When I run "idm check list-key.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      list-key.yaml:5:1: error: keys must be strings, found a list
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: NaN in a budget is an error
    Given a file "nan.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      budget: {one_off: .nan}
      """
    When I run "idm check nan.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      nan.yaml:5:10: error: budget.one_off: NaN and infinities are not allowed
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Infinity in a budget is an error
    Given a file "inf.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      budget: {one_off: -.inf}
      """
    When I run "idm check inf.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      inf.yaml:5:10: error: budget.one_off: NaN and infinities are not allowed
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: Text where a date is expected is an error
    Given a file "not-a-date.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      principles:
        exceptions:
          - {rule: TEC-001, justification: Pilot, approved_by: CIO, expires: volgend jaar}
      """
    When I run "idm check not-a-date.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      not-a-date.yaml:7:63: error: principles.exceptions[0].expires: 'volgend jaar' is not a date (YYYY-MM-DD)
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A list at the top level is an error
    Given a file "list.yaml" with:
      """
      - apiVersion: idm/v1
      - kind: Initiative
      """
    When I run "idm check list.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      list.yaml:1:1: error: expected a mapping with apiVersion, kind, id and title; found a list
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A UTF-16 file with a byte order mark is read and checked like any other
    Given a file "utf16.yaml" made by "UTF-16 with BOM"
    When I run "idm check utf16.yaml good.yaml --date 2026-11-22 --fail-on never"
    Then the exit code is 0
    And stdout contains "utf16.yaml  INI-UTF16  Één bestand in UTF-16"
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A date where text is expected is read as its YYYY-MM-DD text
    Given a file "date-title.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-D
      title: 2026-01-01
      """
    When I run "idm check date-title.yaml --format json --fail-on never --date 2026-11-22"
    Then the exit code is 0
    And stdout contains ""title": "2026-01-01""

  Scenario: A file the operating system refuses to read
    Given a file "secret.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      """
    And reading "secret.yaml" is refused by the operating system
    When I run "idm check secret.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      secret.yaml: error: permission denied
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A symbolic link loop
    Given a symbolic link "loop-a.yaml" to "loop-b.yaml"
    And a symbolic link "loop-b.yaml" to "loop-a.yaml"
    When I run "idm check loop-a.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      loop-a.yaml: error: symbolic link loop
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A file deleted between listing and reading
    Given a file "portfolio/gone.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-H
      title: Vijandig
      """
    And a file "portfolio/good.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-STAYS
      title: Blijft
      """
    And "portfolio/gone.yaml" is deleted after the inputs are listed
    When I run "idm check portfolio --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      portfolio/gone.yaml: error: no such file or directory
      """
    And stdout contains "INI-STAYS"
    And there is no traceback

  Scenario: A path that does not exist
    When I run "idm check missing.yaml good.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      missing.yaml: error: no such file or directory
      """
    And stdout contains "good.yaml  INI-GOOD"
    And there is no traceback

  Scenario: A path given twice, once through a symbolic link, is checked once
    Given a symbolic link "alias.yaml" to "good.yaml"
    When I run "idm check good.yaml ./good.yaml alias.yaml --format json --fail-on never --date 2026-11-22"
    Then the exit code is 0
    And the JSON report lists the initiatives "INI-GOOD"

  # A rule pack that cannot be used stops the run before anything is checked: a gate never runs
  # without a rule someone wrote (features/engine/rulepacks.feature).

  Scenario: A regular expression that backtracks catastrophically is refused when the pack loads
    Given a file "regex.yaml" with:
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
          when: {path: title, matches: "(a+)+$"}
          at: title
      """
    When I run "idm check good.yaml --rules regex.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      regex.yaml:11:25: error: rules[0].when.matches: regular expression '(a+)+$' nests quantifiers (such as (a+)+), which can take exponential time; rewrite it without the nesting
      """
    And there is no traceback

  Scenario: A repeated group of alternatives is refused when the pack loads
    Given a file "regex-alt.yaml" with:
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
          when: {path: title, matches: "(a|aa)*b"}
          at: title
      """
    When I run "idm check good.yaml --rules regex-alt.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      regex-alt.yaml:11:25: error: rules[0].when.matches: regular expression '(a|aa)*b' repeats a group of alternatives (such as (a|aa)*), which can take exponential time; rewrite it without the repetition
      """
    And there is no traceback

  Scenario: A condition nested deeper than the limit is refused
    Given a file "deep-rule.yaml" with:
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
          when: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {not: {path: title, present: true}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
          at: title
      """
    When I run "idm check good.yaml --rules deep-rule.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      deep-rule.yaml:11:204: error: rules[0].when.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not.not: condition nested deeper than 32 levels
      """
    And there is no traceback

  Scenario: An operator on the wrong type is refused
    Given a file "wrong-type.yaml" with:
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
          when: {path: budget.one_off, matches: "x+"}
          at: title
      """
    When I run "idm check good.yaml --rules wrong-type.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      wrong-type.yaml:11:34: error: rules[0].when.matches: a regular expression applies to text, but budget.one_off is a number
      """
    And there is no traceback

  Scenario: A field path outside the initiative format is refused
    Given a file "outside.yaml" with:
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
          when: {path: nowhere.field, present: true}
          at: title
      """
    When I run "idm check good.yaml --rules outside.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      outside.yaml:11:12: error: rules[0].when.path: unknown field 'nowhere' in path 'nowhere.field' (did you mean 'owner'?)
      """
    And there is no traceback

  Scenario: Valid YAML that is not a rule pack is refused with one line
    Given a file "shopping.yaml" with:
      """
      shopping: [eggs, milk]
      """
    When I run "idm check good.yaml --rules shopping.yaml --date 2026-11-22"
    Then the exit code is 2
    And stderr is exactly:
      """
      shopping.yaml:1:1: error: not a rule pack: expected a mapping with apiVersion: idm/v1 and kind: RulePack
      """
    And there is no traceback

  # Markdown (docs/security.md, "Markdown"): what GitHub shows of a posted report or dossier.
  Scenario: A title cannot forge a board decision in the Markdown dossier, hide it or bring HTML
    Given a file "forged.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-F
      title: "Loket\r\r## 1. Decision of the board\r\r- [x] Positive advice: APPROVED\r\r<!-- <svg onload=alert(1)> <img src=x onerror=alert(2)>"
      owner: {name: Afdeling Dienstverlening}
      phase: initiation
      """
    When I run "idm dossier forged.yaml --format markdown --date 2026-11-22"
    Then the exit code is 0
    And stdout rendered by GitHub contains "<h2>1. Decision of the board</h2>" 1 times
    And stdout rendered by GitHub contains "<h2>" 6 times
    And stdout rendered by GitHub does not contain "checked="""
    And stdout rendered by GitHub does not contain "<svg"
    And stdout rendered by GitHub does not contain "<img"
    And stdout rendered by GitHub does not contain "<!--"

  Scenario: Ids and titles in a Markdown pull-request comment stay text and notify no one
    Given a file "comment.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: "A``<img src=x onerror=alert(1)>``B"
      title: "[click](https://evil.example) ![pixel](https://evil.example/p.png) *loud* cc @octocat @acme/board"
      phase: initiation
      """
    When I run "idm check comment.yaml --format markdown --date 2026-11-22"
    Then the exit code is 1
    And stdout rendered by GitHub contains "<code>A``&lt;img src=x onerror=alert(1)&gt;``B</code>"
    And stdout rendered by GitHub does not contain "<img"
    And stdout rendered by GitHub does not contain "<a href"
    And stdout rendered by GitHub does not contain "<em>"
    And stdout rendered by GitHub does not contain " @octocat"
    And stdout rendered by GitHub does not contain " @acme/board"
    And stdout contains "@​octocat"

  Scenario Outline: Bidirectional controls are shown, not applied, in every report a person reads
    Given a file "bidi.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-B
      title: "Loket \u202eTPECCA\u202c \u2066isolaat\u2069"
      phase: initiation
      """
    When I run "<command> --date 2026-11-22"
    Then stdout contains "u202eTPECCA"
    And stdout contains "u2066isolaat"
    And stdout does not contain "‮"

    Examples:
      | command                                  |
      | idm check bidi.yaml --format html        |
      | idm check bidi.yaml --format markdown    |
      | idm check bidi.yaml                      |
      | idm report bidi.yaml                     |
      | idm dossier bidi.yaml                    |

  # docs/security.md, "Bounded output"
  Scenario: A long value that rules quote is cut in their messages, not repeated in every finding
    Given a file "long.yaml" made by "an AI system with a 200000-character name"
    When I run "idm check long.yaml --date 2026-11-22 --jobs 1"
    Then the exit code is 1
    And stdout contains "z… (199,700 more characters)' is not published in the Algoritmeregister"
    And stdout has at most 3000 characters

  Scenario Outline: Dates are exactly YYYY-MM-DD on every Python version
    When I run "idm check good.yaml --date <date>"
    Then the exit code is 2
    And stderr contains "'<date>' is not a date YYYY-MM-DD"

    Examples:
      | date       |
      | 20991231   |
      | 2099-W01-1 |
      | 2099-365   |
