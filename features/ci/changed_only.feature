Feature: Check only the initiatives a change touches
  As a CI pipeline on a pull request
  I want to check only the initiative files changed since the target branch
  So that a proposal is judged on what it changes

  Background:
    Given the example initiatives in "examples"
    And a git repository with everything committed

  Scenario: Nothing changed: nothing to check, and that passes
    When I run "idm check examples --date 2026-11-22 --changed-only HEAD"
    Then the exit code is 0
    And stderr is exactly:
      """
      idm: no initiative file changed since HEAD; nothing to check
      """

  Scenario: An edited file is the only one checked
    Given "examples/clean.yaml" is edited
    When I run "idm check examples --date 2026-11-22 --jobs 1 --changed-only HEAD"
    Then the exit code is 0
    And stdout contains "PASS: 1 initiative, 0 findings"

  Scenario: An untracked initiative counts as changed
    Given a file "examples/new.yaml" with:
      """
      apiVersion: idm/v1
      kind: Initiative
      id: INI-2026-099
      title: Nieuw initiatief
      phase: initiation
      """
    When I run "idm check examples --date 2026-11-22 --jobs 1 --changed-only HEAD --format json"
    Then the exit code is 1
    And the JSON report has finding BUS-001 at "owner.name" in "examples/new.yaml"
    And stdout does not contain "INI-2026-031"

  Scenario: Committed changes since an older ref are checked
    Given "examples/with-findings.yaml" is edited
    And the changes are committed
    When I run "idm check examples --date 2026-11-22 --jobs 1 --changed-only HEAD~1"
    Then the exit code is 1
    And stdout contains "FAIL: 1 initiative"
    When I run "idm check examples --date 2026-11-22 --jobs 1 --changed-only HEAD"
    Then the exit code is 0

  Scenario: Files outside the paths are not checked even when changed
    Given "examples/with-findings.yaml" is edited
    When I run "idm check examples/portfolio --date 2026-11-22 --changed-only HEAD"
    Then the exit code is 0
    And stderr contains "nothing to check"

  Scenario: An unknown ref is an error
    When I run "idm check examples --date 2026-11-22 --changed-only no-such-ref"
    Then the exit code is 2
    And stderr is exactly:
      """
      --changed-only: error: unknown git ref 'no-such-ref' (expected a commit, branch or tag, such as HEAD~1 or origin/main)
      """
