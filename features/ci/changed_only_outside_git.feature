Feature: --changed-only needs a git repository
  As a CI pipeline
  I want a clear error when --changed-only cannot ask git
  So that a misconfigured checkout never passes the gate silently

  Scenario: Outside a git repository
    Given the example initiatives in "examples"
    When I run "idm check examples --date 2026-11-22 --changed-only HEAD"
    Then the exit code is 2
    And stderr contains "--changed-only: error: "
    And stderr contains "is not inside a git repository"
    And there is no traceback
